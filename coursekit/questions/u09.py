"""Exercises of u09_complaints.ipynb (单元9 物流客户的投诉管理)."""
from functools import lru_cache

from . import choice, custom, form_fields, items, number

# The phone call of 「练习 2」 in 「3.2 投诉受理单和处理单」; the notebook tells the same story.
SCENARIO = dict(complaint_id="TS2025-1202-01", received_at="2025-12-02 10:20",
                intake_channel="电话", customer="桂林悦衣服饰网店", contact="覃小姐",
                phone="0773-2851234", waybill_id="W2511280123", category="破损",
                severity="较重", description="3 箱冬装到货时 1 箱外箱压破，5 件羽绒服沾了污渍，不能按新品卖",
                demand="按货值赔偿，以后这类货加防水包装", handler="小莫")
_SAME = ["received_at", "intake_channel", "waybill_id", "category", "severity"]
_CONTAINS = {"contact": "覃", "demand": "赔"}


@lru_cache(maxsize=1)
def _data():
    from ..data import load_dataset

    return load_dataset("complaints"), load_dataset("shipments")


def _kpis(by=None, **options):
    from ..complaints import complaint_kpis

    complaints, shipments = _data()
    return complaint_kpis(complaints, shipments, by=by, **options)


def _per_10k_2025():
    return float(_kpis("year").loc["2025", "complaints_per_10k"])


def _lost_within(**options):
    return float(_kpis("category", **options).loc["丢失", "within_deadline_rate"])


def _vital_few(value=None):
    from ..complaints import complaint_pareto

    table = complaint_pareto(_data()[0], value=value)
    return table.loc[table["vital_few"], "category"].tolist()


def _form(**changes):
    from ..forms import complaint_form

    return complaint_form(**{**SCENARIO, **changes})


_FORM = form_fields({**{field: "same" for field in _SAME}, "phone": "digits",
                     **{field: f"contains:{part}" for field, part in _CONTAINS.items()}},
                    what="forms.complaint_form(...) 返回的那张受理单")
"""Key fields of the filled intake form; the feedback names wrong fields, not their values."""


QUESTIONS = [
    choice("u09.motive", "B",
           hint="重读「2.1 四种常见的投诉心态」：客户说自己不在乎钱，那就不是求补偿；"
                "他在意的是一次次没人理、被当成小客户，想要谁出面给说法？",
           wrong=["A", "C", "D"]),
    custom("u09.my_form", lambda: _form(), compare=_FORM,
           hint="重读「3.2 投诉受理单和处理单」：受理时间写成 \"2025-12-02 10:20\" 这样；"
                "投诉类别看出了什么事（货坏了还是丢了）；严重程度对照定级表：有没有实际经济损失？"
                "诉求要写出客户要的赔偿。",
           wrong=[lambda: _form(category="其他"), lambda: _form(severity="一般"),
                  lambda: _form(received_at="2025-12-02"), lambda: _form(intake_channel="微信"),
                  lambda: _form(demand="加防水包装"), dict(SCENARIO)]),
    number("u09.per_10k_2025", _per_10k_2025, tolerance=0.05,
           hint="重读「3.3 用数据看处理结果」：用 by=\"year\" 按年份分组，行标签是文字 \"2025\"；"
                "要的是每万票运单的投诉数（complaints_per_10k），不是三年合计，也不是每千票。",
           wrong=[lambda: float(_kpis()["complaints_per_10k"].iloc[0]),
                  lambda: _per_10k_2025() / 10, lambda: float(_kpis("year").loc[
                      "2024", "complaints_per_10k"]), lambda: _per_10k_2025() * 100]),
    number("u09.lost_within", _lost_within, tolerance=0.001,
           hint="重读「3.3 用数据看处理结果」：用 by=\"category\" 按投诉类别分组，取“丢失”那一行的 "
                "within_deadline_rate；期限用默认的 7 个工作日，别改成日历日，也别用全部投诉的数。",
           wrong=[lambda: float(_kpis()["within_deadline_rate"].iloc[0]),
                  lambda: _lost_within(working_days=False), lambda: 1 - _lost_within(),
                  lambda: _lost_within() * 100]),
    items("u09.vital_few", _vital_few,
          hint="重读「4.1 先改哪一类：投诉的帕累托分析」：取 vital_few 为 True 的行的 category 列；"
               "跨过 80% 的那一类也算在关键少数里，按条数数，不按赔偿金额。",
          wrong=[lambda: _vital_few()[:-1], lambda: _vital_few("compensation"),
                 lambda: _data()[0]["category"].cat.categories.tolist()]),
    choice("u09.best_reply", "C",
           hint="重读「4.3 好的回复和不好的回复」：好的回复先道歉、不推责任，"
                "再给出具体的行动和时间点，还准备了备用方案。",
           wrong=["A", "B", "D"]),
]
