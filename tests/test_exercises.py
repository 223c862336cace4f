"""Every exercise accepts its reference answer and rejects a wrong one."""
import pandas as pd
import pytest

from coursekit.exercises import CORRECT, UNANSWERED, WRONG, check, get_question, judge
from coursekit.questions import QUESTIONS, choice, items, number, series, text

ALL_IDS = sorted(QUESTIONS)


@pytest.mark.parametrize("qid", ALL_IDS)
def test_reference_answer_is_accepted(qid):
    assert judge(qid, QUESTIONS[qid].expected_value()).status == CORRECT


@pytest.mark.parametrize("qid", ALL_IDS)
def test_wrong_answers_are_rejected_with_a_hint(qid):
    question = QUESTIONS[qid]
    wrongs = question.wrong_answers()
    assert wrongs, f"{qid} names no wrong answer to test against"
    for wrong in wrongs:
        result = judge(qid, wrong)
        assert result.status == WRONG, f"{qid} accepted the wrong answer {wrong!r}"
        assert question.hint in result.message


@pytest.mark.parametrize("qid", ALL_IDS)
def test_placeholder_means_not_answered(qid):
    assert judge(qid, ...).status == UNANSWERED
    assert judge(qid, None).status == UNANSWERED


@pytest.mark.parametrize("qid", ALL_IDS)
@pytest.mark.parametrize("odd", [object(), pd.DataFrame(), lambda: 1, float("nan"), "", [[1]]])
def test_odd_answers_never_raise(qid, odd):
    assert judge(qid, odd).status == WRONG


@pytest.mark.parametrize("qid", ALL_IDS)
def test_hint_points_at_a_section(qid):
    assert "「" in QUESTIONS[qid].hint and "」" in QUESTIONS[qid].hint


def test_results_render_as_text_and_html():
    right = check("u00.first_sum", 12)
    assert repr(right) == "✅ u00.first_sum 正确！"
    assert "✅" in right._repr_html_() and "<div" in right._repr_html_()
    wrong = check("u00.first_sum", 11)
    assert repr(wrong).startswith("❌ u00.first_sum 还不对。")
    assert "提示" in repr(wrong)
    assert repr(check("u00.first_sum", ...)).startswith("⏳")


def test_unknown_question_is_an_authoring_error():
    with pytest.raises(KeyError, match="u99.nothing"):
        get_question("u99.nothing")


def test_number_tolerance_is_stated_and_applied():
    q = number("u00.t", 0.8, hint="重读「x」", wrong=[0.9], tolerance=0.01)
    assert q.accepts(0.805) == (True, "")
    ok, reason = q.accepts(0.82)
    assert not ok and "±0.01" in reason
    assert q.accepts("0.8")[0] is False
    assert q.accepts(True)[0] is False  # a bool is not a number answer


def test_choice_accepts_case_and_separators():
    single = choice("u00.c", "B", hint="重读「x」")
    assert single.accepts("b")[0] and single.accepts(" B ")[0] and single.accepts("Ｂ")[0]
    assert not single.accepts("C")[0]
    assert not single.accepts("E")[0]
    multi = choice("u00.m", "ACD", hint="重读「x」", wrong=["AC"])
    assert multi.accepts("a, c, d")[0] and multi.accepts(["D", "A", "C"])[0]
    assert not multi.accepts("AC")[0]


def test_text_items_and_series_kinds():
    t = text("u00.t", {"A类", "A"}, hint="重读「x」", wrong=["B类"])
    assert t.accepts(" Ａ类 ")[0] and not t.accepts("B类")[0] and not t.accepts(1)[0]
    i = items("u00.i", ["C1", "C2"], hint="重读「x」", wrong=[["C1"]])
    assert i.accepts(pd.Series(["C2", "C1"]))[0] and not i.accepts(["C1"])[0]
    assert not i.accepts("C1C2")[0]
    expected = pd.Series({"快递": 0.9, "零担": 0.8})
    s = series("u00.s", expected, hint="重读「x」", wrong=[], tolerance=0.001)
    assert s.accepts(pd.Series({"零担": 0.8004, "快递": 0.9}))[0]
    assert not s.accepts(pd.Series({"快递": 0.9}))[0]
    assert not s.accepts(pd.Series({"快递": 0.7, "零担": 0.8}))[0]


def test_text_answers_ignore_the_case_of_latin_letters_only():
    t = text("u00.tc", "A类", hint="重读「x」", wrong=["B类"])
    assert t.accepts("a类")[0] and t.accepts(" ａ 类")[0] and t.accepts("A类")[0]
    assert not t.accepts("b类")[0] and not t.accepts("B类")[0] and not t.accepts("A")[0]
    ids = text("u00.tid", "C0231", hint="重读「x」", wrong=["C0232"])
    assert ids.accepts("c0231")[0] and not ids.accepts("c0232")[0]
    term = text("u00.tterm", "RFM 分析", hint="重读「x」", wrong=["RFM"])
    assert term.accepts("rfm分析")[0] and not term.accepts("rfm")[0]


def test_text_case_folding_reaches_the_hashed_answer_key():
    from coursekit._answerkey import build_key, judge_hashed

    question = text("u00.tkey", "A类", hint="重读「x」", wrong=["B类"])
    key = build_key({"u00.tkey": question.spec()}, iterations=1_000, salt="5a17")
    assert "A类" not in str(key) and "a类" not in str(key)
    assert judge_hashed(key, "u00.tkey", "a类")[0] and judge_hashed(key, "u00.tkey", "Ａ类")[0]
    assert not judge_hashed(key, "u00.tkey", "b类")[0]


def test_a_wrong_form_field_is_named_in_chinese_without_its_value():
    from coursekit.questions.u09 import _form

    ok, why = QUESTIONS["u09.my_form"].accepts(_form(demand="加防水包装"))
    assert not ok and "客户诉求" in why and "加防水包装" not in why


def test_a_column_of_time_differences_is_told_to_become_days():
    last = pd.Series(pd.to_datetime(["2025-12-01", "2025-12-31"]), index=["C1", "C2"])
    question = series("t98.days", lambda: (pd.Timestamp("2025-12-31") - last).dt.days,
                      hint="重读「x」", wrong=[], tolerance=0.1)
    ok, why = question.accepts(pd.Timestamp("2025-12-31") - last)
    assert not ok and "时间差" in why and "天数" in why
    assert question.accepts((pd.Timestamp("2025-12-31") - last).dt.days) == (True, "")


def test_items_answers_ignore_letter_case_and_width_but_not_content():
    from coursekit.exercises import get_question

    question = get_question("u03.strict_roa")
    expected = sorted(question.expected_value())
    assert question.accepts([e.lower() for e in expected])[0]
    assert question.accepts(["Ｐ" + e[1:] for e in expected])[0]
    assert not question.accepts([e.lower() for e in expected[:-1]] + ["p99"])[0]
