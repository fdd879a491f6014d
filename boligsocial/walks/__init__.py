"""C5 Tryghedsvandringer: safety walks, their findings, owners and follow-up (issue 15, part 7)."""
