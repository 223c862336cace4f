"""Classroom demos (课堂演示): one ``*_demo()`` per idea, built on ipywidgets.

Import as a submodule: ``from coursekit import widgets`` then
``widgets.abc_demo()``. Each demo returns a widget; put it as the last line
of a cell marked ``# NBVAL_IGNORE_OUTPUT`` (widget ids change every run).
The implementations live in one private module per notebook; ipywidgets and
matplotlib are imported only when a demo is built.

======================  ================================================
notebook                demos
======================  ================================================
00_start                industry_demo
u01 customer basics     abc_demo, delivered_value_demo, churn_demo
u02 prospecting         channel_budget_demo
u03 identification      lead_score_demo, screening_demo
u04 approach            priority_demo
u05 negotiation         breakeven_demo
u06 closing             payment_terms_demo
u07 service             service_demo, word_of_mouth_demo
u08 CRM                 lifecycle_demo, clv_demo; rfm_demo (in u08b)
u09 complaints          deadline_demo, complaint_pareto_demo
case Walmart            walmart_expansion_demo
case DHL-Sinotrans      tracking_alert_demo
case China Rly Express  milk_train_demo
======================  ================================================
"""
from ._base import classroom_demo, readout_text
from ._case_cre import milk_train_demo
from ._case_dhl import tracking_alert_demo
from ._case_walmart import walmart_expansion_demo
from ._u00 import industry_demo
from ._u01 import abc_demo, churn_demo, delivered_value_demo
from ._u02 import channel_budget_demo
from ._u03 import lead_score_demo, screening_demo
from ._u04 import priority_demo
from ._u05 import breakeven_demo
from ._u06 import payment_terms_demo
from ._u07 import service_demo, word_of_mouth_demo
from ._u08 import clv_demo, lifecycle_demo, rfm_demo
from ._u09 import complaint_pareto_demo, deadline_demo

__all__ = [
    "classroom_demo", "readout_text", "industry_demo", "abc_demo", "delivered_value_demo",
    "churn_demo", "channel_budget_demo", "lead_score_demo", "screening_demo", "priority_demo",
    "breakeven_demo", "payment_terms_demo", "service_demo", "word_of_mouth_demo", "rfm_demo",
    "lifecycle_demo", "clv_demo", "deadline_demo", "complaint_pareto_demo",
    "walmart_expansion_demo", "tracking_alert_demo", "milk_train_demo",
]
