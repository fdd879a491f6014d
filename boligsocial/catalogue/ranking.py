"""Which catalogue interventions to recommend for a department, in which order and why.

Contract (issue 16 part 2):

* An intervention is recommended when at least one of its target indicators is *red* or
  *worsening* for the department in the year looked at. Worsening means worse than last year
  (trend ``worse``) or a worsening 3-year direction.
* Order: the strongest evidence first (`evidence.rank`: A, A/B, B, B/C, C/B, C, unrated); within
  one level, more red indicators addressed first, then more worsening ones, then the catalogue
  number (local interventions, without a number, after numbered ones), then the name.
* The reason names every addressed indicator in the indicators' order:
  ``"rettet mod: andel uden for arbejde og uddannelse (rød siden 2022)"``; a red indicator
  without a known first year is ``(rød)``, a worsening one ``(forværres)``, a red and worsening
  one ``(rød siden 2022, forværres)``.

Pure: plain dataclasses in, plain dataclasses out; no Django import."""

from dataclasses import dataclass

from boligsocial.catalogue.evidence import rank


@dataclass(frozen=True)
class IndicatorState:
    code: str
    name: str  # Danish, as the screening names it
    red: bool
    worsening: bool
    red_since: int | None = None


@dataclass(frozen=True)
class Candidate:
    key: int
    name: str
    evidence: str  # the level shown (a local, unsourced intervention: "")
    indicator_codes: tuple[str, ...]
    number: int | None = None


@dataclass(frozen=True)
class Ranked:
    key: int
    name: str
    evidence: str
    reds: int
    worsening: int
    reason: str


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def describe(state: IndicatorState) -> str:
    marks = []
    if state.red:
        marks.append(f"rød siden {state.red_since}" if state.red_since else "rød")
    if state.worsening:
        marks.append("forværres")
    return f"{lower_first(state.name)} ({', '.join(marks)})"


def recommend(candidates: list[Candidate], states: list[IndicatorState]) -> list[Ranked]:
    """The recommended candidates, ranked (see the module docstring)."""
    position = {s.code: n for n, s in enumerate(states)}
    flagged = {s.code: s for s in states if s.red or s.worsening}
    out: list[tuple[tuple, Ranked]] = []
    for c in candidates:
        hits = sorted({code for code in c.indicator_codes if code in flagged}, key=position.get)
        if not hits:
            continue
        hit_states = [flagged[code] for code in hits]
        reds = sum(1 for s in hit_states if s.red)
        worsening = sum(1 for s in hit_states if s.worsening)
        ranked = Ranked(
            key=c.key,
            name=c.name,
            evidence=c.evidence,
            reds=reds,
            worsening=worsening,
            reason="rettet mod: " + "; ".join(describe(s) for s in hit_states),
        )
        order = (
            rank(c.evidence),
            -reds,
            -worsening,
            c.number is None,
            c.number or 0,
            c.name,
        )
        out.append((order, ranked))
    out.sort(key=lambda pair: pair[0])
    return [r for _, r in out]
