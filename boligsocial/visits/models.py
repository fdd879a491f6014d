"""Models of visits."""
