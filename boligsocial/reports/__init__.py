"""C9 Styringsdialog: the yearly report, the meeting and its agreements (issue 18)."""
