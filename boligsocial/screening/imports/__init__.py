"""Import of screening data from CSV and XLSX: indicator values per department, area or the whole
country and year (`values`: the format and rules; `values_check`, `values_write`, `values_api`),
and the published statutory lists (`lists`).

The kinds are declared in `screening/import_kinds.py` and run by the imports app; what may be
imported by whom is in `lookups`."""
