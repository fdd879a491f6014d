"""Models of reports."""
