"""The start notebook's classroom demo reacts to its controls."""
import matplotlib

matplotlib.use("Agg")

from coursekit import widgets  # noqa: E402


def test_industry_demo_readout_follows_the_controls():
    demo = widgets.industry_demo()
    first = widgets.readout_text(demo)
    assert "2025 年「电商」" in first and "票" in first
    demo.controls["year"].value = 2023
    assert widgets.readout_text(demo) != first and "2023 年" in widgets.readout_text(demo)
    demo.controls["industry"].value = "医药"
    assert "「医药」" in widgets.readout_text(demo)
