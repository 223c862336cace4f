"""Matplotlib draws Chinese with the bundled font, on a machine with no CJK font."""
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.font_manager as fm  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from coursekit import plots  # noqa: E402

FONT = plots.chinese_font_path()


def draw_chinese_chart():
    data = pd.DataFrame({"category": ["延误", "破损", "丢失"], "count": [50, 30, 20]})
    ax = plots.pareto_chart(data, label="category", value="count",
                            title="投诉原因帕累托图", value_label="投诉数（件）")
    ax.set_xlabel("投诉类别")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would raise here
        ax.figure.canvas.draw()
    return ax


def texts_of(ax):
    return [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels()]


def test_font_is_open_licensed_noto_sans_sc():
    assert FONT.exists()
    assert fm.FontProperties(fname=FONT).get_name() == "Noto Sans SC"
    assert plots.use_chinese_font() == "Noto Sans SC"
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_every_chinese_label_uses_the_bundled_font():
    ax = draw_chinese_chart()
    for text in texts_of(ax):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text.get_text())
        assert Path(fm.findfont(text.get_fontproperties())) == FONT, text.get_text()
    plt.close(ax.figure)


def test_default_font_would_miss_the_glyphs():
    # Proves the test above can fail: DejaVu Sans has no Chinese glyphs.
    fig, ax = plt.subplots()
    ax.set_title("投诉", fontproperties=fm.FontProperties(family="DejaVu Sans"))
    with pytest.warns(UserWarning, match="Glyph"):
        fig.canvas.draw()
    plt.close(fig)


def test_font_comes_back_after_matplotlib_forgets_it():
    # A stale cache makes matplotlib rebuild its list and drop addfont() fonts.
    fm.fontManager.ttflist = [f for f in fm.fontManager.ttflist if Path(f.fname) != FONT]
    ax = draw_chinese_chart()
    assert Path(fm.findfont(ax.title.get_fontproperties())) == FONT
    plt.close(ax.figure)


def test_a_same_named_system_font_does_not_win():
    impostor = fm.FontEntry(fname=str(Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf"),
                            name="Noto Sans SC", style="normal", weight=400, stretch="normal")
    fm.fontManager.ttflist.insert(0, impostor)
    ax = draw_chinese_chart()
    assert Path(fm.findfont(ax.title.get_fontproperties())) == FONT
    plt.close(ax.figure)


def test_fresh_process_with_empty_font_cache(tmp_path):
    # A brand-new MPLCONFIGDIR is what a student's first run looks like.
    mpl_data = Path(matplotlib.get_data_path())
    before = sorted(p.name for p in (mpl_data / "fonts" / "ttf").iterdir())
    script = (
        "import warnings; warnings.simplefilter('error')\n"
        "import matplotlib; matplotlib.use('Agg')\n"
        "import matplotlib.pyplot as plt, matplotlib.font_manager as fm\n"
        "import coursekit.plots as p\n"
        "fig, ax = plt.subplots(); ax.set_title('客户分类'); ax.set_xlabel('月份')\n"
        "ax.set_xticks([0, 1], ['一月', '二月']); fig.canvas.draw()\n"
        "fig.savefig(r'%s')\n"
        "print(fm.findfont(ax.title.get_fontproperties()))\n" % (tmp_path / "chart.png"))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={"MPLCONFIGDIR": str(tmp_path / "mplcache"), "PATH": "/usr/bin:/bin"},
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == FONT
    assert "Glyph" not in result.stderr
    assert (tmp_path / "chart.png").stat().st_size > 5000
    assert sorted(p.name for p in (mpl_data / "fonts" / "ttf").iterdir()) == before


def test_importing_plots_does_not_change_the_backend():
    script = ("import matplotlib; b = matplotlib.get_backend(); import coursekit.plots; "
              "print(b == matplotlib.get_backend())")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.strip() == "True", result.stderr
