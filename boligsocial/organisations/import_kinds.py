"""The housing model's import kinds, found by the imports app (`boligsocial.imports.registry`):
departments and leases, for one housing organisation at a time (declared in
`imports/departments.py` and `imports/leases.py`; who may import them: `imports/rights.py`)."""

from boligsocial.organisations.imports.departments import KIND as DEPARTMENTS
from boligsocial.organisations.imports.leases import KIND as LEASES

KINDS = (DEPARTMENTS, LEASES)
