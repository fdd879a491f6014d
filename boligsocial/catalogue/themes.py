"""Which catalogue interventions address which theme of the vulnerability analysis (issue 16
part 2: "so do a vulnerability analysis's weak themes").

The analysis guide's theme keys are stable across its versions (decision 0025), so the link is
by key. The choice of interventions per theme is ours, from the interventions' target groups and
descriptions (domain.md § 2.4): no source rates an intervention against an interview theme, and
the ranking still puts the strongest evidence first. A theme without an entry gets no
recommendation; local interventions are not linked to themes."""

# theme key -> catalogue numbers
THEME_INTERVENTIONS: dict[str, tuple[int, ...]] = {
    "beboersammensaetning": (7, 27, 28, 29),
    "husorden": (24, 25, 27),
    "saarbare_beboere": (10, 25, 26, 30),
    "boern_unge": (1, 2, 4, 5, 6, 9, 14, 16, 23),
    "kriminalitet_tryghed": (14, 15, 17, 18, 19, 20, 21, 22),
    "fysiske_omgivelser": (19, 27),
    "beboerdemokrati": (28, 29),
    "samarbejde": (4, 17, 20),
    "ejendomsfunktionaerer": (25, 27),
}
