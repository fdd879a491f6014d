"""Our evidence scale (domain.md § 2.4) as plain data: what each step means, shown to users, and
the order the recommendations rank by. No Django import."""

MEANING = {
    "A": "Effekten er dokumenteret i kontrollerede eller kvasi-eksperimentelle studier "
    "(danske eller internationale).",
    "B": "Danske evalueringer viser positive resultater eller tegn på virkning.",
    "C": "Praksisbaseret: lidt eller ingen evaluering.",
}
BETWEEN = "Et trin som »B/C« ligger mellem de to niveauer; det første bogstav vejer tungest."
UNCERTAIN = "Vurderingen bygger på en kilde, der ikke er efterprøvet."
CFBU_UNCHECKED = "CFBU's egen vurdering i videnskataloget er ikke kontrolleret (»CFBU=?«)."
UNRATED = "Ikke vurderet"

# Strongest first; an unrated (or local, unsourced) intervention comes last.
ORDER = ("A", "A/B", "B", "B/C", "C/B", "C", "")


def rank(level: str) -> int:
    """0 for A, ... 6 for no level; an unknown text ranks as unrated."""
    return ORDER.index(level) if level in ORDER else len(ORDER) - 1
