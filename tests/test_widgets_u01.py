"""Classroom demos of u01_customer_basics.ipynb: moving a control changes the readout."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from coursekit.widgets._base import readout_text  # noqa: E402
from coursekit.widgets._u01 import (abc_demo, churn_demo, customers_over_time,  # noqa: E402
                                    delivered_value_demo)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def small_ledger():
    # revenue 50, 30, 10, 6, 4 in 2025 (the abc_classify doctest) and one 2024 waybill
    return pd.DataFrame({
        "customer_id": ["c1", "c2", "c3", "c4", "c5", "c1"],
        "order_date": pd.to_datetime(["2025-01-05"] * 5 + ["2024-03-01"]),
        "revenue": [50.0, 30.0, 10.0, 6.0, 4.0, 99.0],
    })


def test_abc_demo_reads_the_classes_of_the_chosen_year():
    demo = abc_demo(small_ledger())
    text = readout_text(demo)
    assert "2025 年有收入的客户 5 家" in text
    assert "A类 2 家（占客户 40.0%），贡献收入 80.0%" in text
    assert "C类 1 家" in text and "教材经验值" in text
    demo.controls["a_cut"].value = 0.5          # only c1 starts below 50%
    assert "A类 1 家（占客户 20.0%），贡献收入 50.0%" in readout_text(demo)
    demo.controls["year"].value = 2024
    assert "2024 年有收入的客户 1 家" in readout_text(demo)


def test_abc_demo_warns_when_b_line_is_not_above_a_line():
    demo = abc_demo(small_ledger())
    demo.controls["a_cut"].value = 0.90
    demo.controls["b_cut"].value = 0.85
    assert "必须高于" in readout_text(demo)


def test_abc_demo_on_the_company_data_changes_with_the_slider():
    demo = abc_demo()
    before = readout_text(demo)
    assert "2025 年" in before and "A类" in before
    demo.controls["a_cut"].value = 0.60
    assert readout_text(demo) != before


def test_delivered_value_demo_starts_from_the_worked_example():
    demo = delivered_value_demo()
    text = readout_text(demo)
    # ours: 260 - 120 = 140, ratio 2.17; rival: 170 - 140 = 30
    assert "总价值 260 分，总成本 120 分，让渡价值 140 分（价值成本比 2.17）" in text
    assert "竞争对手：让渡价值 30 分" in text and "选择我们" in text


def test_raising_our_costs_turns_the_customer_away():
    demo = delivered_value_demo()
    demo.controls["money"].value = 100
    demo.controls["psychological"].value = 100
    demo.controls["product"].value = 30
    # value 210, cost 20 + 10 + 10 + 100 + 100 = 240
    text = readout_text(demo)
    assert "让渡价值 -30 分" in text and "竞争对手！" in text


def test_zero_cost_gives_an_infinite_ratio():
    demo = delivered_value_demo()
    for key in ("money", "time", "search", "convenience", "psychological"):
        demo.controls[key].value = 0
    assert "无穷大" in readout_text(demo)


def test_churn_demo_default_is_the_textbook_third():
    demo = churn_demo()
    text = readout_text(demo)
    assert "5 年后剩 13.2 家" in text and "10 年后剩 1.7 家" in text
    assert "每年大约要新开发 33 家" in text
    demo.controls["new"].value = 20
    after = readout_text(demo)
    assert after != text and "每年新开发 20 家" in after


def test_customers_over_time_levels_off_at_new_over_churn():
    table = customers_over_time(100, 0.25, 25, years=30)
    assert table["total"].round(6).eq(100).all()
    table = customers_over_time(0.001, 0.5, 10, years=40)
    assert abs(table["total"].iloc[-1] - 20) < 1e-6


def test_abc_demo_can_open_on_another_year():
    demo = abc_demo(small_ledger(), year=2024)
    assert demo.controls["year"].value == 2024
    assert "2024 年有收入的客户 1 家" in readout_text(demo)


def test_abc_demo_rejects_a_year_without_revenue():
    with pytest.raises(ValueError, match="year"):
        abc_demo(small_ledger(), year=2019)


def test_abc_demo_can_leave_out_the_exercise_year():
    # the notebook's exercise asks for 2024's A class, so its demo offers only 2023 and 2025
    ledger = pd.concat([small_ledger(), pd.DataFrame({
        "customer_id": ["c9"], "order_date": pd.to_datetime(["2023-06-01"]), "revenue": [5.0]})])
    demo = abc_demo(ledger, years=(2023, 2025))
    assert list(demo.controls["year"].options) == [2023, 2025]
    assert demo.controls["year"].value == 2025
    assert "2025 年有收入的客户 5 家" in readout_text(demo)
    with pytest.raises(ValueError, match="year"):
        abc_demo(ledger, years=(2023, 2025), year=2024)
    with pytest.raises(ValueError, match="years"):
        abc_demo(ledger, years=(2019,))
    with pytest.raises(TypeError, match="years"):
        abc_demo(ledger, years=2025)


def test_the_notebook_demo_leaves_out_the_year_of_exercise_4():
    import ast
    import json

    from coursekit.questions.u01 import ABC_YEAR
    from coursekit.teacher.edition import NOTEBOOKS_DIR

    notebook = json.loads((NOTEBOOKS_DIR / "u01_customer_basics.ipynb").read_text(encoding="utf-8"))
    calls = [node for cell in notebook["cells"] if cell["cell_type"] == "code"
             for node in ast.walk(ast.parse("".join(cell["source"])))
             if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "abc_demo"]
    assert calls
    for call in calls:
        years = {k.arg: ast.literal_eval(k.value) for k in call.keywords}.get("years")
        assert years is not None and ABC_YEAR not in years
