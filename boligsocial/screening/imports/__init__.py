"""Import of screening data from CSV and XLSX: indicator values per department, area or the whole
country and year (`values`), and the published statutory lists (`lists`).

Reading the file, the report of problems and the atomic write are the housing import's
(`organisations.imports`); what may be imported by whom is in `lookups`; running an import as an
`ImportBatch` (now or in the background, with progress) is in `batches`."""
