"""Models of surveys."""
