"""Chinese table headers for students: ``zh(frame)``.

Code keeps the English column names of the datasets and of coursekit's
results (``win_rate``, ``cost_per_won``); what a student reads is Chinese.
:func:`zh` returns a copy of a table whose column names, index names and
Series name are translated, so a notebook ends a cell with ``ck.zh(table)``
instead of ``table``.

Where the labels come from
--------------------------
1. The data dictionary's ``label`` column (``datasets/dictionary.csv``): the
   short Chinese header of every dataset column.
2. :data:`COMPUTED`, below: the columns that coursekit functions compute
   (rates, scores, classes) and the columns of the real case tables.

A name found in neither is left as it is; ``tests/test_headers.py`` fails on
any English identifier left in a table a student sees, so a new column needs
a label here.
"""
from __future__ import annotations

import csv
from functools import lru_cache

import pandas as pd

from ._validate import fail, require_frame
from .data import _data_dir

__all__ = ["zh", "label_of", "COMPUTED"]

COMPUTED = {
    # who the customer is (units 1, 8)
    "customer": "客户", "customers": "客户数", "company": "公司名称", "name": "名称",
    "abc_class": "ABC 类别", "rank": "排名", "share": "占比", "cum_share": "累计占比",
    "customer_share": "客户数占比", "value_share": "价值占比", "revenue_share": "收入占比",
    "revenue": "收入（元）", "cost": "成本（元）", "profit": "利润（元）", "margin": "利润率",
    "revenue_2025": "2025 年收入（元）", "profit_2025": "2025 年利润（元）",
    "maturity": "成熟度分类", "time_class": "时间分类", "days_since_last": "距上次下单（天）",
    "first_order": "首次下单", "last_order": "最近下单", "tenure_days": "合作天数",
    "recency": "最近一次（天前）", "frequency": "频率（票）", "monetary": "金额（元）",
    "r_score": "R 分", "f_score": "F 分", "m_score": "M 分", "rfm_code": "RFM 代码",
    "segment": "客户群", "level": "层级", "tier": "服务等级", "status": "状态",
    "stage": "阶段", "reason": "理由", "ratio": "比值", "recent": "近期", "previous": "前期",
    "cohort": "首单年份组", "period_number": "第几年", "retention": "留存率", "survival": "还留着的可能性",
    "value_to_date": "至今价值（元）", "clv": "客户终身价值（元）", "present_value": "现值（元）",
    "discount_factor": "折现系数", "year": "年份", "month": "月份", "quarter": "季度",
    "customers_left": "剩余客户数", "lost_customers": "流失客户数", "new_customers": "新客户数",
    "waybills": "运单数", "waybill_share": "运单占比", "big": "大客户",
    "id": "编号",
    # delivered value (unit 1)
    "total_value": "顾客总价值", "total_cost": "顾客总成本", "delivered_value": "让渡价值",
    # prospecting and the funnel (unit 2)
    "channel": "渠道", "leads": "线索数", "won": "成交数", "lost": "流失数", "open": "进行中",
    "reached": "到达数", "win_rate": "成交率", "decided_win_rate": "已定结果中的成交率",
    "cost_total": "渠道总成本（元）", "cost_per_lead": "每条线索成本（元）",
    "cost_per_won": "每个成交客户成本（元）", "cost_per_reached": "每个到达成本（元）",
    "step_conversion": "上一步转化率", "overall_conversion": "总转化率",
    "low": "下限", "high": "上限", "rate": "比率", "trials": "样本数", "successes": "成功数",
    "too_few": "样本太少",
    "gross_margin": "毛利（元）", "full_year": "已满一年",
    # identifying customers (unit 3)
    "need_points": "需求分", "power_points": "购买力分", "authority_points": "决策权分",
    "credit_points": "信用分", "score": "得分", "grade": "跟进等级",
    "current_ratio": "流动比率", "net_margin": "净利润率", "roa": "资产回报率",
    "current_ratio_flag": "流动比率判定", "net_margin_flag": "净利润率判定", "roa_flag": "资产回报率判定",
    "receivable_days_flag": "回款周期判定", "inventory_days_flag": "存货周期判定",
    "verdict": "结论", "issues": "需关注的问题", "duplicate_of": "重复于", "before": "整理前",
    "after": "整理后", "column": "列", "field": "字段", "fields": "字段",
    # approaching customers (unit 4)
    "priority": "优先分", "distance_points": "距离分", "value_points": "价值分",
    "visit": "当天第几家", "day": "第几天", "weekday": "星期", "route": "路线",
    "visits": "拜访次数", "top_visited": "其中优先分前列的线索", "priority_total": "优先分合计",
    "round_trip_km": "估计往返里程（公里）", "farthest_km": "最远一家（公里）", "plan": "计划",
    # negotiation (unit 5)
    "billed_kg": "计费重量（取整后，千克）", "chargeable_kg": "计费重量（千克）",
    "volumetric_kg": "体积重（千克）",
    "cargo": "货物类型", "price": "价格（元）", "list_price": "标准价（元）", "discount_rate": "折扣率",
    "discount": "折扣", "unit_price": "单价（元）", "monthly_volume": "月业务量",
    # closing (unit 6)
    "days_in_talks": "洽谈天数", "min_days": "最短（天）", "max_days": "最长（天）",
    "mean_days": "平均（天）", "median_days": "中位数（天）", "p90_days": "90% 分位（天）",
    "financing_cost": "资金占用成本（元）",
    # service KPIs (unit 7)
    "on_time_rate": "准时率", "complete_rate": "完好齐全率", "damage_free_rate": "无破损率",
    "documents_correct_rate": "单证正确率", "perfect_order_rate": "完美订单率",
    "loss_rate": "丢失率", "late_rate": "延误率", "late_waybills": "延误运单数",
    "cycle_days_mean": "平均周期（天）", "cycle_days_median": "周期中位数（天）",
    "cycle_days_p90": "周期 90% 分位（天）", "complaints_per_1k": "每千票投诉数",
    "perfect_share": "完美订单占比", "ended_share": "终止期占比", "quartile": "四分位组",
    "group": "组别", "people_reached": "听到的人数", "tells_each": "每人告诉几人",
    "ended": "已终止的客户",
    # CRM, tiers and bonds (unit 8)
    "bond": "纽带", "bonds": "纽带", "financial": "财务纽带", "social": "社交纽带",
    "structural": "结构纽带", "copy_difficulty": "被模仿难度", "logistics_example": "物流中的例子",
    "visits_per_year": "每年拜访次数", "services": "服务内容", "team": "服务团队",
    "pricing": "价格政策", "channels": "沟通渠道", "goal": "目标", "means": "做法",
    "rule": "规则", "cumulative": "累计",
    "trigger": "触发条件", "action": "要做的事", "min_visits_per_year": "每年至少拜访次数",
    # complaints (unit 9)
    "complaints": "投诉数", "complaints_per_10k": "每万票投诉数",
    "first_contact_resolution_rate": "一次解决率", "satisfied_rate": "满意率",
    "within_deadline": "按时办结", "within_deadline_rate": "按时办结率",
    "resolution_hours": "处理时长（小时）", "resolution_hours_median": "处理时长中位数（小时）",
    "resolution_hours_p90": "处理时长 90% 分位（小时）", "response_hours_median": "响应时长中位数（小时）",
    "response_hours_p90": "响应时长 90% 分位（小时）", "compensation_total": "赔偿合计（元）",
    "unresolved": "未结数", "vital_few": "关键少数", "due_date": "办结期限", "allowed": "允许",
    "required": "必填", "step": "步骤", "handler": "负责人", "responsible": "负责部门",
    "what": "做什么", "when": "时间", "demand": "诉求", "description": "情况描述",
    "motive": "动机", "contact": "联系人", "phone": "电话",
    "unhappy": "回访时不满意", "count": "条数",
    # the real case tables (datasets/cases)
    "fact_id": "编号", "metric": "指标键", "metric_zh": "指标", "value": "数值", "unit": "单位",
    "source": "出处", "source_date": "出处日期", "source_type": "来源类型", "verified": "已核实",
    "note": "说明", "open_date": "开业日期", "address": "地址", "state": "州",
    "longitude": "经度", "latitude": "纬度", "store_type": "门店类型", "is_dc": "配送中心",
    "decade": "年代", "stores": "门店数", "dcs": "配送中心数", "stores_per_dc": "每个配送中心门店数",
    "stores_in_data": "数据中的门店数", "published_stores": "公布的门店数", "date_flag": "日期说明",
    "days": "天数", "turns": "周转次数", "median_km": "距离中位数（千米）",
    "median_miles": "距离中位数（英里）", "share_within_day": "一天车程内占比",
    "km_from_nanning": "距南宁（公里）", "respondents": "受访人数", "promoters": "推荐者",
    "passives": "被动者", "detractors": "贬损者", "promoter_share": "推荐者占比",
    "passive_share": "被动者占比", "detractor_share": "贬损者占比", "nps": "净推荐值（NPS）",
    "delay_complaints": "延误投诉数", "complaints_per_late": "每票延误的投诉数",
    "warned_waybills": "预警运单数", "avoided_complaints": "避免的投诉数",
    "delay_per_10k_before": "改进前每万票延误投诉", "delay_per_10k_after": "改进后每万票延误投诉",
    "milk_train": "鲜奶班列", "old_way": "原方式", "before_hours": "改进前（小时）",
    "after_hours": "改进后（小时）", "hours_saved": "节省（小时）", "share_saved": "节省比例",
    "verified_label": "核实情况",
    "count": "个数", "km": "直线距离（千米）", "road_km": "估计公路距离（千米）",
    "share_within_km": "该距离以内的门店占比",
    "revenue_per_waybill": "平均每票收入（元）", "kind": "客户类型",
    # describe_dataset
    "dtype": "类型", "zh": "含义", "label": "表头",
    # a company's own file (read_table, match_columns, coursekit.report)
    "row": "行号", "header": "文件中的表头", "column_label": "课程表头", "how": "怎么对上的",
    "problem": "问题", "analysis": "分析", "course_unit": "课程单元", "needs": "需要的列",
    "missing": "缺少的列", "possible": "能否进行", "item": "项目",
}
"""Chinese headers of computed and case-table columns (dataset columns come from the dictionary)."""

@lru_cache(maxsize=1)
def _dictionary_labels() -> dict:
    """(dataset, column) → label, and column → label where every dataset agrees."""
    try:
        with open(_data_dir() / "dictionary.csv", encoding="utf-8-sig", newline="") as stream:
            rows = [r for r in csv.DictReader(stream) if r.get("label")]
    except OSError:  # a handout without datasets still gets the computed labels
        rows = []
    by_dataset = {(r["dataset"], r["column"]): r["label"] for r in rows}
    by_column: dict = {}
    for row in rows:
        by_column.setdefault(row["column"], set()).add(row["label"])
    plain = {column: labels.pop() for column, labels in by_column.items() if len(labels) == 1}
    return {"dataset": by_dataset, "column": plain}


def label_of(name, dataset: str | None = None):
    """The Chinese header for one column name; other names come back unchanged.

    Examples
    --------
    >>> label_of("win_rate")
    '成交率'
    >>> label_of("revenue", dataset="prospect_financials")
    '营业收入（万元）'
    >>> label_of("A类")
    'A类'
    """
    if not isinstance(name, str):
        return name
    if dataset is not None and not isinstance(dataset, str):
        fail(f"参数 dataset 应该是数据集名称（文字），例如 'shipments'，现在是 {type(dataset).__name__}。",
             f"Argument dataset must be a dataset name (text) such as 'shipments', "
             f"got {type(dataset).__name__}.", TypeError)
    labels = _dictionary_labels()
    if dataset is not None and (dataset, name) in labels["dataset"]:
        return labels["dataset"][(dataset, name)]
    return COMPUTED.get(name) or labels["column"].get(name, name)


def zh(table, dataset: str | None = None, rename: dict | None = None):
    """A copy of ``table`` with Chinese column names, index names and Series name.

    Only what a student reads changes: headers, and True/False shown as 是/否.
    Other values and the row labels are untouched; keep computing with the
    English original.

    Parameters
    ----------
    table : pandas.DataFrame or pandas.Series
        A result table. A Series becomes a one-column table, so the student
        sees a headed table rather than ``Name: …, dtype: …``.
    dataset : str, optional
        Prefer this dataset's labels where a column name means different
        things in different tables (``revenue`` of ``prospect_financials`` is
        营业收入, of ``shipments`` 运费收入).
    rename : dict, optional
        Extra ``{english: 中文}`` headers for this one table.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"channel": ["广告"], "win_rate": [0.017]}).set_index("channel")
    >>> list(zh(table).columns), zh(table).index.name
    (['成交率'], '渠道')
    """
    if isinstance(table, pd.Series):
        table = table.to_frame(name=table.name if table.name is not None else "value")
    if hasattr(table, "to_pandas") and not isinstance(table, pd.DataFrame):
        require_frame(table, "table")  # names the library and the .to_pandas() that converts it
    if not isinstance(table, pd.DataFrame):
        fail(f"zh() 需要一张表（DataFrame）或一列数据（Series），现在是 {type(table).__name__}。",
             f"zh() needs a DataFrame or a Series, got {type(table).__name__}.", TypeError)
    extra = rename or {}

    def translate(name):
        return extra.get(name) or label_of(name, dataset)

    out = table.copy(deep=False)
    for position, column in enumerate(table.columns):
        if pd.api.types.is_bool_dtype(table.dtypes.iloc[position]):
            out.isetitem(position, _yes_no(table.iloc[:, position]))
    out.columns = _translated_index(out.columns, translate)
    out.index = _translated_names(out.index, translate)
    return out


def _yes_no(flags: pd.Series) -> pd.Series:
    """True/False as a student reads them: 是/否 (a missing flag stays empty)."""
    return flags.map({True: "是", False: "否"}).astype(object).where(flags.notna(), "")


def _translated_index(index: pd.Index, translate) -> pd.Index:
    """Translate the labels of a column index (and its level names)."""
    if isinstance(index, pd.MultiIndex):
        levels = [[translate(v) for v in level] for level in index.levels]
        index = index.set_levels(levels, verify_integrity=False)
    else:
        index = pd.Index([translate(v) for v in index], name=index.name)
    return _translated_names(index, translate)


def _translated_names(index: pd.Index, translate) -> pd.Index:
    """Translate only the name(s) of an index: row labels are data, not headers."""
    return index.set_names([translate(n) for n in index.names])
