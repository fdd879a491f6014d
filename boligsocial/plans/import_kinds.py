"""The plans' import kinds, found by the imports app (`boligsocial.imports.registry`): budget
lines and activity logs from CSV or XLSX (LBF's templates are Excel). Who may import them and
what each row may change: `plans/imports/common.py`."""

from boligsocial.plans.imports.budget_lines import KIND as BUDGET_LINES
from boligsocial.plans.imports.sessions import KIND as SESSIONS

KINDS = (BUDGET_LINES, SESSIONS)
