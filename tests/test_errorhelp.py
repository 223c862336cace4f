"""When a student's cell raises, the student sees Chinese help and the exercise's hint.

The unit tests call the explanation directly; the kernel test runs real cells
in a real IPython kernel, the way a notebook does, and reads what it shows.
"""
import pytest

from coursekit._errorhelp import explain, help_for
from coursekit.exercises import get_question

QID = "u00.first_sum"


def _raised(code: str) -> BaseException:
    import pandas as pd  # noqa: F401 - used by the evaluated code

    table = pd.DataFrame({"industry": ["电商", "医药"], "revenue": [1.0, 2.0]})  # noqa: F841
    try:
        exec(compile(code, "<cell>", "exec"))
    except BaseException as error:  # noqa: BLE001 - the error is what we test
        return error
    raise AssertionError(f"{code!r} did not raise")


@pytest.mark.parametrize("code,words", [
    ('table[table["industry"] == "电商" & table["revenue"] > 1]', "加括号"),
    ('table[table["industry"] == "电商" and table["revenue"] > 1]', "and、or"),
    ('table["Revenue"]', "columns"),
    ("revenue_total", "还没有运行"),
    ("x = 1，2", "全角符号「，」"),
    ("x = 100 × 0.9", "英文的 *"),
    ("x = 0.9 ^ 5", "**"),
    ('table["城市"]', "customer_id"),
    ("answer = C", '"C"'),
    ('x = "a', "引号"),
    ("if True\n    pass", "冒号"),
    ("x = ... / 2", "还没有作答"),
    ('float("1,234")', "千位"),
    ("1 / 0", "除数是 0"),
    ('table[pd.Series(pd.to_datetime(["2025-01-05", "2024-03-01"])) <= 2025]', ".dt.year"),
    ("table >= 9", "整张表"),
    ('table["industry"] > 3', "那一列数字"),
    ('path = "C:\\Users\\teacher\\运单.csv"', 'r"C:'),
])
def test_common_first_mistakes_are_explained_in_chinese(code, words):
    explanation = explain(_raised(code))
    assert words in explanation


def test_coursekit_errors_are_not_explained_twice():
    import coursekit as ck

    with pytest.raises(ValueError) as caught:
        ck.rate_interval(5, 3)
    assert explain(caught.value) is None


def test_an_answer_cell_that_raises_shows_its_exercise_hint():
    cell = f'first_sum = table["Revenue"].sum()\ncheck("{QID}", first_sum)'
    box = help_for(_raised('table["Revenue"]'), cell)
    text = repr(box)
    assert "表里找不到这个标签" in text
    assert get_question(QID).hint in text
    assert QID in box._repr_html_()


def test_a_question_can_add_a_hint_for_one_error_type(monkeypatch):
    question = get_question(QID)
    monkeypatch.setattr(question, "errors", {"KeyError": "列名是 revenue，全小写。"})
    text = repr(help_for(_raised('table["Revenue"]'), f'check("{QID}", x)'))
    assert "列名是 revenue，全小写。" in text
    other = repr(help_for(_raised("1 / 0"), f'check("{QID}", x)'))
    assert "全小写" not in other


def test_unknown_question_ids_in_a_cell_are_ignored():
    box = help_for(_raised("1 / 0"), 'check("u99.nothing", x)')
    assert "u99.nothing" not in repr(box)


@pytest.fixture(scope="module")
def kernel():
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3", startup_timeout=120)
    yield client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def _run(client, code: str) -> tuple[str, str]:
    """Run one cell; return (status, everything it displayed as plain text)."""
    shown = []

    def collect(message):
        content = message["content"]
        if message["msg_type"] in ("display_data", "execute_result"):
            shown.append(content["data"].get("text/plain", ""))
        elif message["msg_type"] == "error":
            shown.append("\n".join(content["traceback"]))
        elif message["msg_type"] == "stream":
            shown.append(content["text"])

    reply = client.execute_interactive(code, timeout=120, output_hook=collect)
    return reply["content"]["status"], "\n".join(shown)


def test_in_a_kernel_the_help_follows_the_traceback(kernel):
    status, _ = _run(kernel, "import pandas as pd\nfrom coursekit.exercises import check\n"
                             "table = pd.DataFrame({'industry': ['电商'], 'revenue': [1.0]})")
    assert status == "ok"
    status, shown = _run(kernel, "first_sum = table[table['industry'] == '电商' & "
                                 f"table['revenue'] > 0]['revenue'].sum()\ncheck('{QID}', first_sum)")
    assert status == "error"  # the cell still fails: the help adds to the traceback
    assert "TypeError" in shown
    assert shown.index("TypeError") < shown.index("💡")
    assert "加括号" in shown and get_question(QID).hint in shown
    assert shown.count("💡") == 1


def test_in_a_kernel_a_full_width_comma_is_named(kernel):
    status, shown = _run(kernel, "x = (1，2)")
    assert status == "error"
    assert "SyntaxError" in shown and "全角符号「，」" in shown
    assert shown.count("💡") == 1


def test_in_a_kernel_cells_that_run_show_no_help(kernel):
    status, shown = _run(kernel, "print(1 + 1)")
    assert status == "ok" and "💡" not in shown
