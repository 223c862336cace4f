"""The names DESIGN.md marks firm are where notebooks and checks expect them."""
import importlib
import subprocess
import sys

import pytest

import coursekit

FIRM = {
    "data": ["list_datasets", "load_dataset", "describe_dataset", "read_table"],
    "classify": ["abc_classify", "pareto_summary", "rfm_table", "rfm_score", "rfm_segment",
                 "value_pyramid", "big_customers", "customer_status"],
    "value": ["delivered_value", "customer_profitability", "clv", "historical_clv",
              "retention_projection", "word_of_mouth"],
    "lifecycle": ["lifecycle_stage", "cohort_retention"],
    "prospecting": ["funnel", "channel_summary"],
    "qualifying": ["qualify_leads", "screening_ratios"],
    "negotiation": ["chargeable_weight", "quote", "breakeven_volume"],
    "service": ["service_kpis"],
    "complaints": ["complaint_kpis", "complaint_pareto"],
    "teacher.edition": ["build_student_edition"],
    "teacher.grading": ["grade"],
}
SUBMODULE_ONLY = {
    "plots": ["use_chinese_font", "pareto_chart", "lifecycle_chart", "rfm_heatmap", "funnel_chart"],
    "exercises": ["check"],
}


@pytest.mark.parametrize("module,names", sorted(FIRM.items()))
def test_firm_names_live_in_their_module_and_on_coursekit(module, names):
    mod = importlib.import_module(f"coursekit.{module}")
    for name in names:
        assert callable(getattr(mod, name)), f"coursekit.{module}.{name}"
        assert getattr(coursekit, name) is getattr(mod, name), f"coursekit.{name}"
        assert name in coursekit.__all__


@pytest.mark.parametrize("module,names", sorted(SUBMODULE_ONLY.items()))
def test_submodule_names(module, names):
    mod = importlib.import_module(f"coursekit.{module}")
    for name in names:
        assert callable(getattr(mod, name))


def test_every_demo_is_a_public_demo_function():
    from coursekit import widgets

    demos = [n for n in widgets.__all__ if n.endswith("_demo")]
    assert len(demos) >= 13  # at least one per course notebook
    assert all(callable(getattr(widgets, n)) for n in demos)


def test_import_coursekit_stays_light():
    code = ("import sys, coursekit; heavy = [m for m in ('matplotlib', 'ipywidgets', 'nbformat', "
            "'nbclient') if m in sys.modules]; print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
