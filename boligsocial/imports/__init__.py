"""The imports app: one way to bring a file into Boligsocial, whatever it holds.

Each app declares its import kinds (`<app>/import_kinds.py`, see `core.importkinds`); this app
finds them (`registry`), runs them as an `ImportBatch` (upload, check, preview, confirm, write,
undo; `processing`, `services`, `tasks`) and shows the pages (`views`). Who may do what is in
`access`. See docs/decisions/0018-imports-app.md."""
