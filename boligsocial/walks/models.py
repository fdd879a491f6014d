"""Models of walks."""
