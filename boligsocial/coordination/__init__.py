"""C8 Koordinering: efforts, overlaps, gaps and the map (issue 17)."""
