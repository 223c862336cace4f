"""coursekit: the helper library of the course 物流客户开发与服务.

The calculations live in one module per concern and are re-exported here, so
a notebook writes ``import coursekit as ck`` and then ``ck.abc_classify(...)``.
Charts (:mod:`coursekit.plots`), classroom demos (:mod:`coursekit.widgets`)
and exercises (:mod:`coursekit.exercises`) are imported as submodules, which
keeps ``import coursekit`` light: it loads pandas and nothing heavier.

=========  ==========================================================
module     what it answers
=========  ==========================================================
data       the course datasets, loaded with checked dtypes; a company's own
           export read as a course table (read_table, match_columns)
classify   who are the A/B/C, RFM, pyramid and big customers (units 1, 8)
value      what a customer is worth: delivered value, profit, CLV (1, 8)
lifecycle  which stage each customer is in; cohort retention (8)
prospecting  channels and the lead funnel (unit 2)
qualifying   lead scores and financial screening (unit 3)
negotiation  chargeable weight, quotes, discount break-even (unit 5)
service    service KPIs on waybills (7)
complaints complaint KPIs and Pareto (9)
teacher    the teacher's tools: student edition, grading, refresh (instructors)
=========  ==========================================================

Helpers that serve one or two notebooks are imported as submodules
(``from coursekit import cleaning``): ``cleaning`` (unit 3's messy list),
``approach`` (unit 4's visit plan), ``closing`` (unit 6's pipeline and
payment terms), ``segments`` (unit 8's tiers and service plan), ``forms``
(unit 9's complaint forms and flow chart), ``geo`` (Walmart distances),
``transit`` (the milk-train calculation), ``tracking`` (the DHL case),
``report`` (the own-data notebook's Chinese report).
"""
from .classify import (abc_classify, big_customers, customer_status, pareto_summary, rfm_score,
                       rfm_segment, rfm_table, value_pyramid)
from .complaints import complaint_kpis, complaint_pareto
from .data import (SYNONYMS, ReadTableError, describe_dataset, list_datasets, load_dataset,
                   match_columns, preview_file, read_table)
from .labels import zh
from .negotiation import breakeven_volume, chargeable_weight, quote
from .prospecting import channel_summary, first_year_margin, funnel
from .qualifying import qualify_leads, screening_ratios
from .teacher import build_student_edition, grade
from .lifecycle import cohort_retention, lifecycle_stage
from .service import service_kpis
from .stats import nps_interval, rate_interval
from .value import (clv, customer_profitability, delivered_value, historical_clv,
                    retention_projection, word_of_mouth)

__all__ = [
    "load_dataset", "list_datasets", "describe_dataset", "read_table", "match_columns", "preview_file",
    "ReadTableError", "SYNONYMS", "zh",
    "abc_classify", "pareto_summary", "rfm_table", "rfm_score", "rfm_segment", "value_pyramid",
    "big_customers", "customer_status",
    "delivered_value", "customer_profitability", "clv", "historical_clv", "retention_projection",
    "word_of_mouth",
    "lifecycle_stage", "cohort_retention",
    "qualify_leads", "funnel", "channel_summary", "first_year_margin", "screening_ratios", "chargeable_weight", "quote",
    "breakeven_volume",
    "service_kpis", "complaint_kpis", "complaint_pareto", "rate_interval", "nps_interval",
    "build_student_edition", "grade", "AS_OF",
]

__version__ = "0.1.0"

AS_OF = "2025-12-31"
"""The course's reference date: every notebook computes "as of" this day."""
