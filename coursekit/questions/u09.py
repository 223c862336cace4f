"""Exercises of u09_complaints.ipynb (单元9 物流客户的投诉管理)."""
from functools import lru_cache

from . import choice, custom, form_fields, letters_in_order, number, text

# The phone call of 「练习 2」 in 「3.2 投诉受理单和处理单」; the notebook tells the same story.
SCENARIO = dict(complaint_id="TS2025-1202-01", received_at="2025-12-02 10:20",
                intake_channel="电话", customer="桂林悦衣服饰网店", contact="覃小姐",
                phone="0773-2851234", waybill_id="W2511280123", category="破损",
                severity="较重", description="3 箱冬装到货时 1 箱外箱压破，5 件羽绒服沾了污渍，不能按新品卖",
                demand="按货值赔偿，以后这类货加防水包装", handler="小莫")
_SAME = ["intake_channel", "category", "severity"]
# The customer asks to be paid for the goods: 赔偿、补偿 or 按货值 all say so; 加防水包装 alone does not.
_CONTAINS = {"contact": "覃", "demand": "赔|补偿|货值"}


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


def _vital_share(year=None, value=None):
    """Share of the vital few categories (Pareto by count, or by ``value``) in one year's complaints."""
    from ..complaints import complaint_pareto

    complaints = _data()[0]
    if year is not None:
        complaints = complaints[complaints["received_at"].dt.year == year]
    table = complaint_pareto(complaints, value=value)
    return float(table.loc[table["vital_few"], "share"].sum())


def _unhappy_counts():
    """Complaints whose customer was not satisfied at the follow-up call, per category, most first."""
    complaints = _data()[0]
    unhappy = complaints[complaints["satisfied"] == False]  # noqa: E712 (nullable column)
    return unhappy["category"].astype(str).value_counts()


def _unhappy_share(position=0, of_all=True):
    counts = _unhappy_counts()
    total = counts.sum() if of_all else len(_data()[0])
    return float(counts.iloc[position] / total)


def _most_unhappy(position=0):
    return str(_unhappy_counts().index[position])


def _most_complaints():
    return str(_data()[0]["category"].value_counts().index[0])


def _form(**changes):
    from ..forms import complaint_form

    return complaint_form(**{**SCENARIO, **changes})


# The phone field is called 联系号码 here, not 联系电话: "电话" is the channel's answer.
_FORM = form_fields({**{field: "same" for field in _SAME}, "received_at": "minute",
                     "waybill_id": "code", "phone": "digits",
                     **{field: f"contains:{part}" for field, part in _CONTAINS.items()}},
                    what="forms.complaint_form(...) 返回的那张受理单",
                    names={"received_at": "受理时间", "intake_channel": "投诉渠道", "waybill_id": "相关运单号",
                           "category": "投诉类别", "severity": "严重程度", "contact": "联系人",
                           "phone": "联系号码", "demand": "客户诉求"})
"""Key fields of the filled intake form; the feedback names wrong fields, not their values."""


QUESTIONS = [
    choice("u09.motive", "D",
           hint="重读「2.1 四种常见的投诉心态」和表格下面那段话：一位客户常常几种心态都有，语气冲不等于主要心态就是发泄；"
                "看他最后把话落在哪里——要钱、要人重视、要出气，还是要把一件还没办完的事办成？",
           wrong=["A", "B", "C"]),
    custom("u09.five_motives", "BCADB",
           compare=letters_in_order("ABCD", "一个字母 A、B、C 或 D", "心态判断"),
           hint="重读「2.1 四种常见的投诉心态」的表格和表下面那段话：别看语气有多冲，"
                "看每句话最后落在哪里——要把一件事办成、要钱、要人重视，还是只想把火发出来、没提要求？",
           wrong=["BCADA", "BDADB", "ACADB", "BCADD", "BCAD", 5]),
    custom("u09.my_form", lambda: _form(), compare=_FORM,
           hint="重读「3.2 投诉受理单和处理单」：受理时间要有日期，也要写到几点几分；"
                "投诉类别看出了什么事（货坏了还是丢了）；严重程度对照定级表：有没有实际经济损失？"
                "诉求要写出客户要的赔偿。",
           wrong=[lambda: _form(category="其他"), lambda: _form(severity="一般"),
                  lambda: _form(received_at="2025-12-02"), lambda: _form(received_at="2025-12-02 12:00"),
                  lambda: _form(intake_channel="微信"), lambda: _form(waybill_id="W2511280132"),
                  lambda: _form(demand="加防水包装"), dict(SCENARIO)]),
    number("u09.per_10k_2025", _per_10k_2025, tolerance=0.05,
           hint="重读「3.3 用数据看处理结果」：分子是 received_at 在 2025 年的投诉条数，分母是 order_date 在 "
                "2025 年的运单票数，相除再乘 10000；不是三年合计，也不是乘 1000。",
           wrong=[lambda: float(_kpis()["complaints_per_10k"].iloc[0]),
                  lambda: _per_10k_2025() / 10, lambda: float(_kpis("year").loc[
                      "2024", "complaints_per_10k"]), lambda: _per_10k_2025() * 100],
           errors={"AttributeError": "日期列取年份要写 .dt.year，例如 complaints[\"received_at\"].dt.year。"}),
    number("u09.vital_share_2025", lambda: _vital_share(2025), tolerance=0.001,
           hint="重读「4.1 先改哪一类：投诉的帕累托分析」：先筛出 received_at 在 2025 年的投诉，交给 ck.complaint_pareto，"
                "再把 vital_few 为 True 的几行的 share 加起来；不是三年合计的表，也不是按赔偿金额排的表。",
           wrong=[_vital_share, lambda: _vital_share(2025, "compensation"),
                  lambda: _vital_share(2024), lambda: _vital_share(2025) * 100]),
    number("u09.unhappy_share", _unhappy_share, tolerance=0.001,
           hint="重读「4.1 先改哪一类：投诉的帕累托分析」里的练习 5：先挑出 satisfied == False 的投诉，"
                "按 category 数个数，最多的那一类的条数 ÷ 回访不满意的投诉总条数（不是全部投诉的条数）。",
           wrong=[lambda: _unhappy_share(of_all=False), lambda: _unhappy_share(1),
                  _vital_share, lambda: _unhappy_share() * 100]),
    text("u09.attack_first", _most_unhappy,
         hint="重读「4.1 先改哪一类：投诉的帕累托分析」：经理的目标是减少回访时仍不满意的客户，"
              "看练习 5 第一步数出来的那一列，而不是投诉条数最多的那一类。",
         wrong=[_most_complaints, lambda: _most_unhappy(1), "费用争议"]),
    choice("u09.best_reply", "C",
           hint="重读「4.3 好的回复和不好的回复」：四种说法都道了歉，不少还给了时间或好处；"
                "先想清楚这位客户打电话最要紧的是哪件事，再看哪一种回复真的把这件事接住了。",
           wrong=["A", "B", "D"]),
]
