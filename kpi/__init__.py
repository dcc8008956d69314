"""kpi: follow a province's annual socio-economic plan.

The names an analyst types::

    import kpi
    plan, obs = kpi.load("data/kontum-2021")
    status = kpi.assess(plan, obs, "2021-Q3")
    period = kpi.period_of(plan, obs, "latest")        # or "9 tháng 2021", "Q3 2021", "2021-Q3"

Names are imported on first use, so the command line starts without loading pandas.
"""
from importlib import import_module

_WHERE = {
    "assess": "assessment.engine", "assess_many": "assessment.engine", "latest_period": "assessment.engine",
    "Thresholds": "assessment.engine",
    "KpiError": "errors", "PlanError": "errors", "DataError": "errors", "RenderError": "errors",
    "load": "inputs.observations", "load_observations": "inputs.observations",
    "Plan": "model.plan", "Target": "model.plan", "load_plan": "inputs.planfile",
    "reporting_table": "assessment.reporting", "collect": "inputs.collection", "save_for": "story.figures",
    "period_of": "analysis.names", "target_id": "analysis.names", "owner_code": "analysis.names",
    "changes": "analysis.changes", "dossier": "analysis.dossier", "owner_view": "analysis.department",
    "what_if": "analysis.whatif",
}
__all__ = sorted(_WHERE)


def __getattr__(name):
    if name in _WHERE:
        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module 'kpi' has no attribute {name!r}")
