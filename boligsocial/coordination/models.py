"""Models of coordination."""
