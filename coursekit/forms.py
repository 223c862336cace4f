"""Unit 9: complaint intake and handling forms (投诉受理单、投诉处理单) as checked records.

The textbook closes unit 9 with paper forms for taking in and handling a
complaint. Here a student fills the same forms as function calls:

* :func:`complaint_form` is the intake form (受理、记录): who complains, through
  which channel, about what, what they ask for. It checks every field and
  returns a one-row DataFrame with the reply deadline (答复期限) worked out.
* :func:`handling_form` adds the handling part (分析、处理、回访、改进) to an
  intake record: the customer's state of mind, the cause, the action, the
  compensation, when it was closed and what the follow-up call found.
* :func:`describe_form` lists the fields of either form in Chinese, and
  :func:`readable` shows a filled form as the paper does (Chinese names, times
  to the minute).
* :func:`handling_steps` and :func:`handling_flow_chart` show the six steps
  受理→记录→分析→处理→回访→改进 as a table and as a flow chart.

A missing or wrong field raises an error in Chinese and English that names
the field, so a student learns what a complete record needs. The deadline
rule is the one of :func:`coursekit.complaint_kpis`: 7 working days from the
day the complaint is received (《邮政业消费者申诉处理办法》, State Post Bureau, 2014-08-27).
"""
from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from ._validate import (fail, require_choice, require_columns, require_frame, require_number,
                        require_timestamp)
from .complaints import _deadline
from .labels import label_of

__all__ = ["complaint_form", "handling_form", "describe_form", "handling_steps", "readable",
           "handling_flow_chart", "CATEGORIES", "CHANNELS", "SEVERITIES", "MOTIVES",
           "RESPONSIBLE", "STEPS", "SYNONYMS"]

CATEGORIES = ("延误", "破损", "丢失", "服务态度", "信息不准", "费用争议", "其他")
"""Complaint categories, the same as the ``category`` column of the complaints dataset."""

CHANNELS = ("电话", "微信", "邮件", "网站", "当面", "邮政管理部门转办")
"""Intake channels, the same as the ``intake_channel`` column of the complaints dataset."""

SEVERITIES = ("一般", "较重", "严重")
"""Severity levels, mildest first, as in the complaints dataset."""

MOTIVES = ("求解决", "求补偿", "求尊重", "求发泄")
"""What the complaining customer mainly wants (投诉心态), unit 9 project 2."""

RESPONSIBLE = ("本公司", "合作承运商", "客户", "不可抗力")
"""Who caused the problem, as found in the analysis step."""

DEADLINE_DAYS = 7
"""Working days to answer a complaint (《邮政业消费者申诉处理办法》, 2014-08-27)."""

STEPS = (
    ("受理", "接待客户，先安抚情绪、表示歉意，听清来龙去脉"),
    ("记录", "填写投诉受理单，写明诉求和答复期限"),
    ("分析", "查运单和操作记录，找出原因和责任方，判断客户心态"),
    ("处理", "拿出方案并征得客户同意，落实赔偿或补救"),
    ("回访", "处理完后回访，确认客户是否满意"),
    ("改进", "把原因反馈到作业环节，防止同类问题再发生"),
)
"""The six handling steps (name, what happens), in order."""

# Everyday words for a fixed value: the form files them under the value (like picking it
# from a drop-down list). Only words with one meaning; 较严重 could be 较重 or 严重, so it stays an error.
SYNONYMS = {
    "电话投诉": "电话", "来电": "电话", "打电话": "电话", "热线": "电话", "客服电话": "电话",
    "微信投诉": "微信", "邮件投诉": "邮件", "电子邮件": "邮件", "网站投诉": "网站", "官网": "网站",
    "上门": "当面", "现场": "当面",
    "货损": "破损", "损坏": "破损", "压损": "破损", "破损类": "破损",
    "晚到": "延误", "迟到": "延误", "延迟": "延误", "延误类": "延误",
    "丢件": "丢失", "遗失": "丢失", "丢货": "丢失", "丢失类": "丢失",
}
"""Synonyms accepted for channel and category (word → the form's value)."""

# name, Chinese label, required, kind, allowed values
_INTAKE = (
    ("complaint_id", "投诉编号", True, "text", None),
    ("received_at", "受理时间", True, "time", None),
    ("intake_channel", "投诉渠道", True, "choice", CHANNELS),
    ("customer", "投诉客户", True, "text", None),
    ("contact", "联系人", True, "text", None),
    ("phone", "联系电话", True, "phone", None),
    ("waybill_id", "相关运单号", False, "text", None),
    ("category", "投诉类别", True, "choice", CATEGORIES),
    ("severity", "严重程度", True, "choice", SEVERITIES),
    ("description", "投诉内容", True, "text", None),
    ("demand", "客户诉求", True, "text", None),
    ("handler", "受理人", True, "text", None),
)
_HANDLING = (
    ("motive", "投诉心态", True, "choice", MOTIVES),
    ("cause", "原因分析", True, "text", None),
    ("responsible", "责任方", True, "choice", RESPONSIBLE),
    ("action", "处理措施", True, "text", None),
    ("compensation", "赔偿金额（元）", False, "money", None),
    ("resolved_at", "处理完结时间", True, "time", None),
    ("follow_up_at", "回访时间", False, "time", None),
    ("satisfied", "回访时客户是否满意", False, "flag", None),
    ("improvement", "改进措施", False, "text", None),
)
_DERIVED_INTAKE = (("due_date", "答复期限（受理日起 7 个工作日）"),)
_DERIVED_HANDLING = (("resolution_hours", "受理到完结的小时数"),
                     ("within_deadline", "是否在答复期限内完结"))
_PHONE = re.compile(r"(0\d{2,3}-?)?\d{7,8}|1\d{10}")


def _label(spec) -> str:
    return f"{spec[0]}（{spec[1]}）"


def _check_names(given: dict, specs, form_zh: str) -> None:
    """Unknown keyword: name the nearest field, as require_columns does for columns."""
    names = [spec[0] for spec in specs]
    for key in given:
        if key in names:
            continue
        close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
        tip_zh = f"你是不是想写 {close[0]}？" if close else f"可以填的字段：{', '.join(names)}。"
        tip_en = f"Did you mean {close[0]}?" if close else f"Fields: {', '.join(names)}."
        fail(f"{form_zh}没有字段 {key}。{tip_zh}", f"The form has no field {key}. {tip_en}",
             TypeError)


def _check_required(values: dict, specs, form_zh: str) -> None:
    """List every empty required field at once, so one run shows all that is missing."""
    missing = [spec for spec in specs if spec[2] and _is_blank(values.get(spec[0]))]
    if missing:
        fail(f"{form_zh}还有必填项没有填：{'、'.join(_label(s) for s in missing)}。",
             f"Required fields are empty: {', '.join(s[0] for s in missing)}.")


def _is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and np.isnan(value)


def _clean(spec, value):
    """Check one filled-in field and return its stored value."""
    name, zh, _, kind, allowed = spec
    if _is_blank(value):
        return None
    if kind in ("text", "choice", "phone") and not isinstance(value, str):
        fail(f"字段 {name}（{zh}）要填文字（加引号），现在是 {type(value).__name__}：{value!r}。",
             f"Field {name} must be text (in quotes), got {type(value).__name__}: {value!r}.",
             TypeError)
    if kind == "text":
        return value.strip()
    if kind == "choice":
        text = value.strip()
        if text not in allowed and SYNONYMS.get(text) in allowed:
            text = SYNONYMS[text]
        if text not in allowed:
            fail(f"字段 {name}（{zh}）只能填 {'、'.join(allowed)} 之一，现在是 {value!r}。",
                 f"Field {name} must be one of {', '.join(allowed)}, got {value!r}.")
        return text
    if kind == "phone":
        digits = re.sub(r"[\s()（）]", "", value)
        if not _PHONE.fullmatch(digits):
            fail(f"字段 {name}（{zh}）不像电话号码：{value!r}。手机写 11 位数字，"
                 "座机写成 0771-5123456 这样。",
                 f"Field {name} is not a phone number: {value!r}. Write a mobile as 11 digits "
                 "or a landline like 0771-5123456.")
        return digits
    if kind == "time":
        return require_timestamp(value, name)
    if kind == "money":
        require_number(value, name, low=0)
        return round(float(value), 2)
    if not isinstance(value, (bool, np.bool_)):  # kind == "flag"
        fail(f"字段 {name}（{zh}）要填 True（满意）或 False（不满意），现在是 {value!r}。",
             f"Field {name} must be True or False, got {value!r}.", TypeError)
    return bool(value)


def complaint_form(complaint_id=None, received_at=None, intake_channel=None, customer=None,
                   contact=None, phone=None, category=None, severity=None, description=None,
                   demand=None, handler=None, waybill_id=None, **unknown):
    """Fill in the complaint intake form (投诉受理单) and get it back as a one-row table.

    Every field except ``waybill_id`` is required. The reply deadline is
    ``due_date`` = the day of ``received_at`` + 7 working days (Monday to
    Friday), the rule of 《邮政业消费者申诉处理办法》 (2014-08-27) that
    :func:`coursekit.complaint_kpis` also uses.

    Parameters
    ----------
    complaint_id : str
        Complaint number, e.g. ``"TS2025-0001"``.
    received_at : date-like
        When the complaint was received, e.g. ``"2025-11-12 09:40"``.
    intake_channel : str
        One of 电话、微信、邮件、网站、当面、邮政管理部门转办 (everyday words in
        :data:`SYNONYMS`, such as 电话投诉, are filed under their value).
    customer, contact : str
        Complaining customer (company or person) and the contact person.
    phone : str
        Mobile (11 digits) or landline (``"0771-5123456"``); spaces are removed.
    category : str
        One of 延误、破损、丢失、服务态度、信息不准、费用争议、其他 (or a synonym
        such as 货损 → 破损, see :data:`SYNONYMS`).
    severity : str
        One of 一般、较重、严重.
    description, demand : str
        What happened in the customer's words, and what the customer asks for.
    handler : str
        Who took the complaint.
    waybill_id : str, optional
        The waybill concerned, if any.

    Returns
    -------
    pandas.DataFrame
        One row: the fields above in that order, then ``due_date``.

    Examples
    --------
    >>> form = complaint_form(complaint_id="TS-1", received_at="2025-03-07 15:00",
    ...                       intake_channel="电话", customer="南宁某药房", contact="李经理",
    ...                       phone="0771-5123456", category="延误", severity="较重",
    ...                       description="药品晚到一天", demand="说明原因并保证下次准时",
    ...                       handler="小韦", waybill_id="W2503070001")
    >>> form.loc[0, ["category", "severity"]].tolist()
    ['延误', '较重']
    >>> str(form.loc[0, "due_date"].date())   # Friday + 7 working days
    '2025-03-18'
    >>> complaint_form(complaint_id="TS-2", customer="张三")
    Traceback (most recent call last):
    ...
    ValueError: 投诉受理单还有必填项没有填：received_at（受理时间）、intake_channel（投诉渠道）、...
    """
    _check_names(unknown, _INTAKE, "投诉受理单")
    given = {"complaint_id": complaint_id, "received_at": received_at,
             "intake_channel": intake_channel, "customer": customer, "contact": contact,
             "phone": phone, "waybill_id": waybill_id, "category": category,
             "severity": severity, "description": description, "demand": demand,
             "handler": handler}
    _check_required(given, _INTAKE, "投诉受理单")
    row = {spec[0]: _clean(spec, given[spec[0]]) for spec in _INTAKE}
    received = pd.Series([row["received_at"]], dtype="datetime64[ns]")
    row["due_date"] = _deadline(received, DEADLINE_DAYS, True, [])[0]
    return _one_row(row, _INTAKE, _DERIVED_INTAKE)


def handling_form(intake, motive=None, cause=None, responsible=None, action=None,
                  resolved_at=None, compensation=0.0, follow_up_at=None, satisfied=None,
                  improvement=None, **unknown):
    """Add the handling part (投诉处理单) to an intake record from :func:`complaint_form`.

    The handling part follows the steps 分析 (``motive``, ``cause``,
    ``responsible``), 处理 (``action``, ``compensation``, ``resolved_at``),
    回访 (``follow_up_at``, ``satisfied``) and 改进 (``improvement``). Times
    must come in order: received ≤ resolved ≤ follow-up; a follow-up needs its
    answer ``satisfied`` and the other way round. Derived columns:
    ``resolution_hours`` = resolved_at - received_at in hours, and
    ``within_deadline`` = the resolution day is on or before ``due_date``.

    Parameters
    ----------
    intake : pandas.DataFrame
        The one-row table returned by :func:`complaint_form`.
    motive : str
        The customer's main wish: 求解决、求补偿、求尊重、求发泄.
    cause : str
        What went wrong, found from the waybill and operation records.
    responsible : str
        Who caused it: 本公司、合作承运商、客户、不可抗力.
    action : str
        What was done for the customer.
    resolved_at : date-like
        When the complaint was closed.
    compensation : float, default 0
        Compensation paid, in yuan, zero or more.
    follow_up_at : date-like, optional
        When the customer was called back.
    satisfied : bool, optional
        The customer's answer on the follow-up call.
    improvement : str, optional
        What will change so that it does not happen again.

    Returns
    -------
    pandas.DataFrame
        One row: the intake columns, the handling fields above,
        ``resolution_hours`` and ``within_deadline``.

    Examples
    --------
    >>> intake = complaint_form(complaint_id="TS-1", received_at="2025-03-07 15:00",
    ...                         intake_channel="微信", customer="柳州某电商", contact="黄女士",
    ...                         phone="13800000000", category="破损", severity="一般",
    ...                         description="两件货外箱压坏", demand="赔偿损坏的商品",
    ...                         handler="小韦")
    >>> done = handling_form(intake, motive="求补偿", cause="中转时堆码过高",
    ...                      responsible="本公司", action="按货值赔偿并道歉",
    ...                      compensation=260, resolved_at="2025-03-10 11:00",
    ...                      follow_up_at="2025-03-12 10:00", satisfied=True,
    ...                      improvement="中转场限高堆码")
    >>> float(done.loc[0, "resolution_hours"]), bool(done.loc[0, "within_deadline"])
    (68.0, True)
    >>> handling_form(intake, motive="求补偿", cause="-", responsible="本公司", action="-",
    ...               resolved_at="2025-03-06 09:00")
    Traceback (most recent call last):
    ...
    ValueError: 处理完结时间（resolved_at）2025-03-06 09:00 早于受理时间 2025-03-07 15:00，请检查。...
    """
    _check_intake(intake)
    _check_names(unknown, _HANDLING, "投诉处理单")
    given = {"motive": motive, "cause": cause, "responsible": responsible, "action": action,
             "compensation": compensation, "resolved_at": resolved_at,
             "follow_up_at": follow_up_at, "satisfied": satisfied, "improvement": improvement}
    _check_required(given, _HANDLING, "投诉处理单")
    row = {spec[0]: _clean(spec, given[spec[0]]) for spec in _HANDLING}
    if row["compensation"] is None:
        row["compensation"] = 0.0
    received = require_timestamp(intake["received_at"].iloc[0], "received_at")
    _in_order(received, row["resolved_at"], "受理时间", "处理完结时间（resolved_at）")
    if row["follow_up_at"] is not None:
        _in_order(row["resolved_at"], row["follow_up_at"], "处理完结时间",
                  "回访时间（follow_up_at）")
    if (row["follow_up_at"] is None) != (row["satisfied"] is None):
        fail("回访时间（follow_up_at）和是否满意（satisfied）要么都填，要么都不填："
             "回访过才知道客户满不满意。",
             "Fill both follow_up_at and satisfied, or neither: satisfaction is known only "
             "after the follow-up call.")
    row["resolution_hours"] = round((row["resolved_at"] - received) / pd.Timedelta(hours=1), 2)
    due = require_timestamp(intake["due_date"].iloc[0], "due_date")
    row["within_deadline"] = bool(row["resolved_at"].normalize() <= due)
    handled = _one_row(row, _HANDLING, _DERIVED_HANDLING)
    intake = intake.reset_index(drop=True).assign(received_at=[received], due_date=[due])
    return pd.concat([intake, handled], axis=1)


def _check_intake(intake) -> None:
    expected = [spec[0] for spec in _INTAKE] + [name for name, _ in _DERIVED_INTAKE]
    if hasattr(intake, "to_pandas") or (isinstance(intake, pd.DataFrame)
                                        and intake.columns.has_duplicates):
        require_frame(intake, "intake")  # names another library's frame or the repeated columns
    if (not isinstance(intake, pd.DataFrame) or len(intake) != 1
            or list(intake.columns[:len(expected)]) != expected):
        fail("参数 intake 应该是 complaint_form(...) 返回的一行受理单，先填受理单再填处理单。",
             "Argument intake must be the one-row table returned by complaint_form(...): "
             "fill in the intake form first.", TypeError)
    if "motive" in intake.columns:
        fail("这张受理单已经填过处理单了，请传入 complaint_form(...) 返回的受理单。",
             "This record already has a handling part; pass the intake form from "
             "complaint_form(...).")
    # the record may have been edited since: every field must still be what the form allows
    record = intake.iloc[0]
    _check_required(record.to_dict(), _INTAKE, "受理单（intake）")
    for spec in _INTAKE:
        _clean(spec, record[spec[0]])
    require_timestamp(record["due_date"], "due_date")


def _in_order(earlier: pd.Timestamp, later: pd.Timestamp, earlier_zh: str, later_zh: str):
    if later < earlier:
        fail(f"{later_zh}{later:%Y-%m-%d %H:%M} 早于{earlier_zh} {earlier:%Y-%m-%d %H:%M}，请检查。",
             f"{later_zh.split('（')[-1].rstrip('）')} ({later:%Y-%m-%d %H:%M}) is before "
             f"the earlier step ({earlier:%Y-%m-%d %H:%M}); check the times.")


def _one_row(row: dict, specs, derived) -> pd.DataFrame:
    columns = [spec[0] for spec in specs] + [name for name, _ in derived]
    table = pd.DataFrame([[row[c] for c in columns]], columns=columns, dtype=object)
    kinds = {spec[0]: spec[3] for spec in specs}
    for column in columns:  # proper dtypes, so the record joins cleanly with the dataset
        if kinds.get(column) == "time" or column == "due_date":
            table[column] = pd.to_datetime(table[column])
        elif kinds.get(column) == "money" or column == "resolution_hours":
            table[column] = table[column].astype(float)
        elif column == "within_deadline":
            table[column] = table[column].astype(bool)
    return table


def describe_form(kind="intake") -> pd.DataFrame:
    """The fields of the intake form (``"intake"``) or the handling form (``"handling"``).

    Returns
    -------
    pandas.DataFrame
        ``field``, ``zh`` (中文名), ``required`` (必填), ``allowed`` (可填的值, empty
        for free text).

    Examples
    --------
    >>> table = describe_form("handling")
    >>> table.loc[:2, ["field", "zh", "required"]].values.tolist()
    [['motive', '投诉心态', True], ['cause', '原因分析', True], ['responsible', '责任方', True]]
    >>> table.loc[0, "allowed"]
    '求解决、求补偿、求尊重、求发泄'
    """
    require_choice(kind, "kind", ("intake", "handling"))
    specs = _INTAKE if kind == "intake" else _HANDLING
    return pd.DataFrame({"field": [s[0] for s in specs], "zh": [s[1] for s in specs],
                         "required": [s[2] for s in specs],
                         "allowed": ["、".join(s[4]) if s[4] else "" for s in specs]})


def _zh_name(field: str) -> str:
    """The Chinese name of a form field, as the paper form prints it."""
    for spec in _INTAKE + _HANDLING:
        if spec[0] == field:
            return spec[1]
    # the form's own word for the deadline; other computed fields use the course's table headers
    return "答复期限" if field == "due_date" else label_of(field)


def handling_steps() -> pd.DataFrame:
    """The six handling steps with what happens and which form fields (in Chinese) record it.

    Examples
    --------
    >>> steps = handling_steps()
    >>> steps["step"].tolist()
    ['受理', '记录', '分析', '处理', '回访', '改进']
    >>> steps.loc[4, "fields"]
    '回访时间、回访时客户是否满意'
    """
    fields = {"受理": ["received_at", "intake_channel", "customer", "contact", "phone"],
              "记录": ["category", "severity", "description", "demand", "handler", "due_date"],
              "分析": ["motive", "cause", "responsible"],
              "处理": ["action", "compensation", "resolved_at"],
              "回访": ["follow_up_at", "satisfied"],
              "改进": ["improvement"]}
    return pd.DataFrame({"step": [s for s, _ in STEPS], "what": [w for _, w in STEPS],
                         "fields": ["、".join(map(_zh_name, fields[s])) for s, _ in STEPS]})


def readable(form: pd.DataFrame) -> pd.DataFrame:
    """A filled form as the paper shows it: one row per field (Chinese name), times to the minute.

    Times are written ``2025-11-18 09:15`` (no seconds), the reply deadline as a
    date, yes/no fields as 是/否, money as a plain number; empty fields stay empty.

    Examples
    --------
    >>> form = complaint_form(complaint_id="TS-1", received_at="2025-03-07 15:00",
    ...                       intake_channel="电话", customer="南宁某药房", contact="李经理",
    ...                       phone="0771-5123456", category="延误", severity="较重",
    ...                       description="药品晚到一天", demand="说明原因", handler="小韦")
    >>> readable(form).loc[["受理时间", "答复期限"], "填写内容"].tolist()
    ['2025-03-07 15:00', '2025-03-18']
    """
    require_columns(require_frame(form, "form"), ["complaint_id", "received_at"], "form")
    if len(form) != 1:
        fail(f"form 应该是一张表单（一行），现在有 {len(form)} 行。",
             f"form must be one filled form (one row), got {len(form)} rows.")
    row = form.iloc[0]

    def shown(field, value):
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if isinstance(value, (bool, np.bool_)):
            return "是" if value else "否"
        if isinstance(value, pd.Timestamp):
            return value.strftime("%Y-%m-%d" if field == "due_date" else "%Y-%m-%d %H:%M")
        if isinstance(value, (float, np.floating)):
            return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
        return str(value)

    table = pd.DataFrame({"填写内容": [shown(field, row[field]) for field in form.columns]},
                         index=pd.Index([_zh_name(field) for field in form.columns], name="栏目"))
    return table


def handling_flow_chart(ax=None, highlight=None, deadline_days=DEADLINE_DAYS):
    """Flow chart of complaint handling: 受理→记录→分析→处理→回访→改进.

    Six boxes joined by arrows, a dashed arrow from 回访 back to 处理 (an
    unhappy customer means handling again), and a bracket over 受理…处理
    marking the reply deadline.

    Parameters
    ----------
    ax : matplotlib Axes, optional
        Draw here; a new wide figure otherwise.
    highlight : str, optional
        One step name to colour, e.g. ``"分析"``.
    deadline_days : int, default 7
        The number written on the deadline bracket (working days).

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> ax = handling_flow_chart(highlight="分析")
    >>> [t.get_text() for t in ax.texts][:6]
    ['受理', '记录', '分析', '处理', '回访', '改进']
    """
    names = [s for s, _ in STEPS]
    if highlight is not None:
        require_choice(highlight, "highlight", names)
    require_number(deadline_days, "deadline_days", low=1, integer=True)
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    from .plots import new_axes

    ax = new_axes(ax, figsize=(11, 3.4))
    width, height, gap = 1.5, 1.25, 0.42
    lefts = [i * (width + gap) for i in range(len(STEPS))]
    notes = ["安抚情绪\n表示歉意", "填受理单\n定答复期限", "查原因、责任\n判断心态",
             "拿方案\n落实补救", "确认是否\n满意", "反馈作业\n防止再发生"]
    for left, (name, _) in zip(lefts, STEPS):
        colour = "#DD8452" if name == highlight else "#4C72B0"
        ax.add_patch(FancyBboxPatch((left, 0), width, height, boxstyle="round,pad=0.05",
                                    facecolor=colour, edgecolor="none", alpha=0.9))
        ax.text(left + width / 2, height * 0.74, name, ha="center", va="center",
                color="white", fontsize=14)
    for left, note in zip(lefts, notes):  # after the names, so ax.texts[:6] are the steps
        ax.text(left + width / 2, height * 0.34, note, ha="center", va="center",
                color="white", fontsize=9.5, linespacing=1.4)
    for left in lefts[:-1]:
        ax.add_patch(FancyArrowPatch((left + width + 0.04, height / 2),
                                     (left + width + gap - 0.04, height / 2),
                                     arrowstyle="-|>", mutation_scale=16, color="#333333"))
    back = FancyArrowPatch((lefts[4] + width / 2, -0.08), (lefts[3] + width / 2, -0.08),
                           connectionstyle="arc3,rad=-0.45", arrowstyle="-|>",
                           mutation_scale=14, color="#C44E52", linestyle="--")
    ax.add_patch(back)
    ax.text((lefts[3] + lefts[4] + width) / 2, -0.72, "不满意：重新处理", ha="center",
            va="center", color="#C44E52", fontsize=9)
    top = height + 0.22
    ax.plot([lefts[0], lefts[0], lefts[3] + width, lefts[3] + width],
            [top - 0.1, top, top, top - 0.1], color="#55A868")
    ax.text((lefts[0] + lefts[3] + width) / 2, top + 0.12,
            f"受理日起 {deadline_days} 个工作日内答复（《邮政业消费者申诉处理办法》，国家邮政局 2014-08-27 印发）",
            ha="center", va="bottom", color="#55A868", fontsize=9)
    ax.set_xlim(-0.2, lefts[-1] + width + 0.2)
    ax.set_ylim(-0.95, top + 0.55)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("投诉处理流程")
    return ax
