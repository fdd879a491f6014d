"""Recommendations from a vulnerability analysis's weak themes (issue 16 part 2): the catalogue's
interventions for the themes in the red band or worse than last time, ranked and explained as
the screening's."""

import pytest

from boligsocial.catalogue.ranking import IndicatorState
from boligsocial.catalogue.recommendations import for_themes

pytestmark = pytest.mark.django_db


def theme(key, title, red=False, worsening=False):
    return IndicatorState(code=key, name=title, red=red, worsening=worsening)


def test_weak_themes_rank_by_evidence_then_red_then_worse(personas):
    states = [
        theme("beboersammensaetning", "Beboersammensætning og fraflytning"),
        theme("boern_unge", "Børn og unge", red=True),
        theme("kriminalitet_tryghed", "Kriminalitet og utryghed", worsening=True),
    ]
    found = for_themes(user=personas["staff_a"], states=states)
    assert [(r.title, r.evidence) for r in found] == [
        ("Mentorer for unge (inkl. frivillige voksenvenner)", "A"),
        ("Familie-/forældrekurser (strukturerede programmer, fx De Utrolige År)", "A"),
        ("Borgerakademi for politiarbejde / dialog politi–beboere", "A"),
        ("Fremskudt sundhedspleje og mødregrupper", "A/B"),
        ("Fritidsjob / lommepengejob", "B"),
    ]
    assert found[0].reason == (
        "rettet mod: børn og unge (rød); kriminalitet og utryghed (forværres)"
    )
    assert found[2].reason == "rettet mod: kriminalitet og utryghed (forværres)"
    assert for_themes(user=personas["staff_a"], states=states[:1]) == []
