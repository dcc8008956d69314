"""kpi: follow a province's annual socio-economic plan.

The names an analyst types::

    import kpi
    plan, obs = kpi.load("data/kontum-2021")
    status = kpi.assess(plan, obs, "2021-Q3")
"""
from .assessment import Thresholds, assess, latest_period
from .errors import DataError, KpiError, PlanError, RenderError
from .observations import load, load_observations
from .plan import Plan, Target, load_plan

__all__ = ["DataError", "KpiError", "Plan", "PlanError", "RenderError", "Target", "Thresholds", "assess",
           "latest_period", "load", "load_observations", "load_plan"]
