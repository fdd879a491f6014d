"""C4 Servicebesøg: visits to every lease on a phone that works offline (issue 14)."""
