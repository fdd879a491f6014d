"""The plans' import kinds (budget lines, activity logs), declared in `plans/import_kinds.py`."""
