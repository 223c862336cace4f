"""The complaint intake and handling forms, and the handling flow chart."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from coursekit import forms  # noqa: E402
from coursekit.data import load_dataset  # noqa: E402


def intake(**changes):
    fields = dict(complaint_id="TS-1", received_at="2025-03-07 15:00", intake_channel="电话",
                  customer="南宁某药房", contact="李经理", phone="0771-5123456",
                  category="延误", severity="较重", description="药品晚到一天",
                  demand="说明原因", handler="小韦", waybill_id="W2503070001")
    fields.update(changes)
    return forms.complaint_form(**fields)


def handled(**changes):
    fields = dict(motive="求解决", cause="中转站漏装", responsible="本公司",
                  action="当天加派车辆送达", resolved_at="2025-03-08 10:00")
    fields.update(changes)
    return forms.handling_form(intake(), **fields)


def test_intake_is_one_row_with_every_field_and_the_deadline():
    form = intake()
    assert form.shape == (1, 13)
    assert form.columns.tolist()[-1] == "due_date"
    assert form.loc[0, "phone"] == "0771-5123456"
    # Friday 7 March + 7 working days = Tuesday 18 March
    assert form.loc[0, "due_date"] == pd.Timestamp("2025-03-18")


def test_deadline_agrees_with_complaint_kpis():
    import coursekit as ck

    row = intake(received_at="2025-03-03 09:00")
    due = row.loc[0, "due_date"]
    table = pd.DataFrame({"complaint_id": ["C1", "C2"], "received_at": ["2025-03-03 09:00"] * 2,
                          "first_response_at": ["2025-03-03 10:00"] * 2,
                          "resolved_at": [due.strftime("%Y-%m-%d 23:00"),
                                          (due + pd.Timedelta(days=1)).strftime("%Y-%m-%d 08:00")],
                          "first_contact_resolved": [False, False], "compensation": [0.0, 0.0],
                          "satisfied": [True, True]})
    assert ck.complaint_kpis(table, shipments=100)["within_deadline_rate"].iloc[0] == 0.5


def test_missing_fields_are_all_named_at_once():
    with pytest.raises(ValueError) as error:
        forms.complaint_form(complaint_id="TS-2", customer="张三")
    message = str(error.value)
    for name in ["received_at", "intake_channel", "contact", "phone", "category", "severity",
                 "description", "demand", "handler"]:
        assert name in message
    assert "waybill_id" not in message          # optional
    assert "\n" in message                      # Chinese line, then English line


@pytest.mark.parametrize("changes, kind, words", [
    ({"category": "货出了问题"}, ValueError, "category"),   # 晚到 is a synonym of 延误 now
    ({"severity": "很严重"}, ValueError, "一般、较重、严重"),
    ({"intake_channel": "短信"}, ValueError, "intake_channel"),
    ({"phone": "call me"}, ValueError, "电话"),
    ({"phone": 13800000000}, TypeError, "文字"),
    ({"received_at": "昨天"}, TypeError, "received_at"),
    ({"customer": "   "}, ValueError, "customer"),
    ({"catgory": "延误"}, TypeError, "category"),
])
def test_wrong_intake_fields_are_explained(changes, kind, words):
    with pytest.raises(kind, match=words):
        intake(**changes)


def test_categories_match_the_dataset():
    complaints = load_dataset("complaints")
    assert list(forms.CATEGORIES) == complaints["category"].cat.categories.tolist()
    assert list(forms.CHANNELS) == complaints["intake_channel"].cat.categories.tolist()
    assert list(forms.SEVERITIES) == complaints["severity"].cat.categories.tolist()


def test_handling_adds_fields_and_derived_columns():
    done = handled(compensation=120, follow_up_at="2025-03-10 09:00", satisfied=True,
                   improvement="中转站交接时逐件扫描")
    assert done.shape[0] == 1
    assert done.loc[0, "resolution_hours"] == 19.0
    assert bool(done.loc[0, "within_deadline"]) is True
    assert done.loc[0, "compensation"] == 120.0
    assert done.columns.tolist()[:13] == intake().columns.tolist()


def test_late_resolution_is_outside_the_deadline():
    assert bool(handled(resolved_at="2025-03-19 09:00").loc[0, "within_deadline"]) is False
    assert bool(handled(resolved_at="2025-03-18 22:00").loc[0, "within_deadline"]) is True


@pytest.mark.parametrize("changes, kind, words", [
    ({"resolved_at": "2025-03-07 09:00"}, ValueError, "早于"),
    ({"follow_up_at": "2025-03-08 09:00", "satisfied": True}, ValueError, "早于"),
    ({"follow_up_at": "2025-03-09 09:00"}, ValueError, "satisfied"),
    ({"satisfied": "满意", "follow_up_at": "2025-03-09 09:00"}, TypeError, "True"),
    ({"motive": "求赔钱"}, ValueError, "求补偿"),
    ({"compensation": -5}, ValueError, "compensation"),
    ({"action": ""}, ValueError, "action"),
])
def test_wrong_handling_fields_are_explained(changes, kind, words):
    with pytest.raises(kind, match=words):
        handled(**changes)


def test_handling_needs_an_intake_form():
    with pytest.raises(TypeError, match="complaint_form"):
        forms.handling_form({"complaint_id": "TS-1"}, motive="求解决")
    with pytest.raises(ValueError, match="已经填过"):
        forms.handling_form(handled(), motive="求解决", cause="-", responsible="本公司",
                            action="-", resolved_at="2025-03-09 09:00")


def test_caller_values_are_not_changed():
    form = intake()
    copy = form.copy()
    handled_form = forms.handling_form(form, motive="求解决", cause="x", responsible="本公司",
                                       action="y", resolved_at="2025-03-08 10:00")
    pd.testing.assert_frame_equal(form, copy)
    assert "motive" in handled_form.columns


def test_describe_form_and_steps():
    assert forms.describe_form("intake")["field"].tolist()[:3] == [
        "complaint_id", "received_at", "intake_channel"]
    assert forms.describe_form("handling")["required"].sum() == 5
    assert forms.handling_steps()["step"].tolist() == ["受理", "记录", "分析", "处理", "回访", "改进"]
    with pytest.raises(ValueError, match="kind"):
        forms.describe_form("both")


def test_flow_chart_draws_six_steps_and_highlights_one():
    ax = forms.handling_flow_chart(highlight="回访")
    texts = [t.get_text() for t in ax.texts]
    assert texts[:6] == ["受理", "记录", "分析", "处理", "回访", "改进"]
    assert any("7 个工作日" in t for t in texts) and any("不满意" in t for t in texts)
    # the rule is the State Post Bureau's 办法 of 2014-08-27 (not a 规章), and the title is Chinese only
    assert any("《邮政业消费者申诉处理办法》" in t and "2014-08-27" in t for t in texts)
    assert not any("规章" in t for t in texts)
    assert ax.get_title() == "投诉处理流程"
    colours = [p.get_facecolor() for p in ax.patches if hasattr(p, "get_boxstyle")]
    assert len(colours) == 6 and len({tuple(c) for c in colours}) == 2
    with pytest.raises(ValueError, match="highlight"):
        forms.handling_flow_chart(highlight="投诉")
    plt.close("all")


# ------------------------------------------------ u09 练习 2: the check takes a student's sensible forms

def _exercise_form(**changes):
    from coursekit.questions.u09 import _form

    return _form(**changes)


@pytest.mark.parametrize("changes", [
    {"received_at": "2025/12/2 10:20"}, {"received_at": "2025-12-02 10:20:00"},
    {"received_at": "2025年12月2日 10:20"}, {"received_at": pd.Timestamp("2025-12-02 10:20")},
    {"waybill_id": "w2511280123"}, {"waybill_id": "W 2511280123"}, {"phone": "0773 2851234"},
    {"contact": "覃主管"}, {"demand": "按货值补偿损失"}, {"demand": "要求赔钱，以后加防水包装"},
    {"demand": "破了的那箱请按货物价值给予经济补偿"}, {"intake_channel": "电话投诉"},
    {"category": "货损"}, {"category": "损坏"}])
def test_the_intake_exercise_accepts_sensible_wordings(changes):
    from coursekit.exercises import bank

    assert bank()["u09.my_form"].accepts(_exercise_form(**changes)) == (True, "")


@pytest.mark.parametrize("changes, field", [
    ({"received_at": "2025-12-02"}, "受理时间"), ({"received_at": "2025-12-02 10:02"}, "受理时间"),
    ({"received_at": "2025-12-03 10:20"}, "受理时间"), ({"waybill_id": "W2511280132"}, "相关运单号"),
    ({"demand": "以后这类货加防水包装"}, "客户诉求"), ({"demand": "退款"}, "客户诉求"),
    ({"contact": "李经理"}, "联系人"), ({"intake_channel": "微信"}, "投诉渠道"),
    ({"category": "丢失"}, "投诉类别"), ({"severity": "一般"}, "严重程度")])
def test_the_intake_exercise_still_rejects_wrong_content(changes, field):
    from coursekit.exercises import bank

    ok, why = bank()["u09.my_form"].accepts(_exercise_form(**changes))
    assert not ok and field in why


def test_synonyms_are_filed_under_the_forms_value_and_vague_words_stay_errors():
    assert intake(intake_channel="电话投诉", category="晚到").loc[0, ["intake_channel", "category"]
                                                             ].tolist() == ["电话", "延误"]
    with pytest.raises(ValueError, match="severity"):
        intake(severity="较严重")        # 较重 or 严重? the student has to choose
    assert all(value in forms.CHANNELS + forms.CATEGORIES for value in forms.SYNONYMS.values())


def test_readable_shows_chinese_names_and_times_as_written():
    table = forms.readable(handled(compensation=1200, follow_up_at="2025-03-09 09:30", satisfied=True))
    shown = table["填写内容"]
    assert shown["受理时间"] == "2025-03-07 15:00" and shown["答复期限"] == "2025-03-18"
    assert shown["回访时间"] == "2025-03-09 09:30" and shown["赔偿金额（元）"] == "1,200"
    assert shown["回访时客户是否满意"] == "是" and not any(name.isascii() for name in table.index)
    with pytest.raises(ValueError, match="一行"):
        forms.readable(pd.concat([intake(), intake()], ignore_index=True))


def test_handling_steps_name_the_fields_in_chinese():
    fields = "、".join(forms.handling_steps()["fields"])
    assert "受理时间" in fields and "答复期限" in fields and not any(c.isascii() and c.isalpha() for c in fields)
