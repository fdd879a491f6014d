"""The pure rules: tokens and codes, the index formula, the Wilson interval, and the results'
suppression, including the subtraction attack over random tables (hypothesis)."""

import itertools
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from boligsocial.guides.spec import Choice, Guide, Question, Theme
from boligsocial.surveys import index, results, tokens

K = 5
SAFE = (
    Choice("1", "Meget tryg", "", Decimal(0)),
    Choice("2", "Tryg", "", Decimal(25)),
    Choice("3", "Hverken", "", Decimal(50)),
    Choice("4", "Utryg", "", Decimal(75)),
    Choice("5", "Meget utryg", "", Decimal(100)),
    Choice("dont_know", "Ved ikke", "", None),
)
GUIDE = Guide(
    key="t",
    name="T",
    kind="survey",
    themes=(
        Theme(
            "a",
            "A",
            questions=(
                Question("tryg", "Tryg?", "single", choices=SAFE),
                Question("hjaelp", "Hjælp?", "single", choices=SAFE),
                Question("ja", "Ja?", "yes_no", choices=(Choice("yes", "Ja"), Choice("no", "Nej"))),
                Question(
                    "hvor",
                    "Hvor?",
                    "single",
                    choices=SAFE,
                    show_if_key="ja",
                    show_if_values=("yes",),
                ),
                Question("tekst", "Kommentar", "text"),
            ),
        ),
    ),
)


def dept(i, buildings=(), municipality=751):
    return results.DepartmentInfo(i, f"D{i}", municipality, f"M{municipality}", tuple(buildings))


# --- tokens -------------------------------------------------------------------------------


def test_tokens_are_unique_and_the_code_follows_from_the_token(settings):
    settings.SECRET_KEY = "test-secret"
    made = [tokens.new_token() for _ in range(2_000)]
    assert len(set(made)) == 2_000
    assert all(len(t) == 32 for t in made)
    codes = {tokens.code_for(t) for t in made}
    assert len(codes) == 2_000
    code = tokens.code_for(made[0])
    assert code == tokens.code_for(made[0]) and len(code) == 10
    assert set(code) <= set(tokens.ALPHABET)
    shown = tokens.display_code(code)
    assert shown[5] == "-" and tokens.normal_code(shown.lower()) == code
    assert tokens.normal_code(" " + shown[:5] + " " + shown[6:]) == code


def test_typed_codes_that_cannot_be_codes_are_refused():
    assert tokens.normal_code("") == ""
    assert tokens.normal_code("ABCDE-FGHJ") == ""  # nine characters
    assert tokens.normal_code("ABCDE-FGHJ0") == ""  # 0 is not in the alphabet
    assert tokens.normal_code("ABCDE-FGHJKL") == ""


def test_hashes_differ_per_purpose_so_tables_share_no_value(settings):
    settings.SECRET_KEY = "test-secret"
    token = tokens.new_token()
    code = tokens.code_for(token)
    assert len({tokens.token_hash(token), tokens.code_hash(code), tokens.edit_key(code)}) == 3


# --- the index ----------------------------------------------------------------------------


def test_index_is_the_mean_of_100_minus_the_scores_of_the_answered_items():
    keys = ["tryg", "hjaelp", "hvor"]
    # 100 - 0 and 100 - 75: (100 + 25) / 2 = 62.5; "hvor" is skipped (ja is not yes)
    assert index.household_index(GUIDE, keys, {"tryg": "1", "hjaelp": "4", "hvor": "5"}) == Decimal(
        "62.5"
    )
    # shown now: (100 + 25 + 0) / 3
    value = index.household_index(
        GUIDE, keys, {"tryg": "1", "hjaelp": "4", "ja": "yes", "hvor": "5"}
    )
    assert value == Decimal(125) / 3
    assert index.household_index(GUIDE, keys, {"tryg": "dont_know"}) is None
    assert index.household_index(GUIDE, keys, {}) is None
    assert index.group_index([Decimal("62.5"), Decimal(125) / 3, None]) == (Decimal("52.1"), 2)
    assert index.group_index([None]) == (None, 0)
    assert "100 − svarets score" in index.FORMULA


def test_wilson_interval_table():
    share = results.wilson(8, 10)
    assert (share.percent, share.low, share.high) == (
        Decimal("80.0"),
        Decimal("49.0"),
        Decimal("94.3"),
    )
    zero = results.wilson(0, 5)
    assert (zero.percent, zero.low) == (Decimal("0.0"), Decimal("0.0"))
    assert results.wilson(5, 5).high == Decimal("100.0")


# --- suppression --------------------------------------------------------------------------


def rows_for(counts: dict, value="1"):
    """counts: {(department, building): households} -> answer rows all answering `value`."""
    return [(d, b, {"tryg": value}) for (d, b), n in counts.items() for _ in range(n)]


def test_a_small_department_is_hidden_and_so_is_the_one_that_would_give_it_away():
    departments = [dept(1), dept(2), dept(3)]
    rows = rows_for({(1, "x"): 20, (2, "x"): 3, (3, "x"): 9})
    out = results.compute(
        GUIDE, rows, departments=departments, organisation_label="Org", k=K
    ).by_key()
    assert out[results.ORG].respondents.value == 32
    assert out[("dept", 2)].respondents.mark == "<5"
    # 9 is the smallest shown count above 0: hidden, so 32 - 20 cannot be split
    assert out[("dept", 3)].respondents.mark == "x"
    assert out[("dept", 1)].respondents.value == 20
    assert out[("dept", 2)].questions == {} and out[("dept", 3)].index is None
    assert out[("dept", 1)].questions["tryg"].favourable.percent == Decimal("100.0")


def test_buildings_within_a_department_are_protected_against_the_department_total():
    departments = [dept(1, ("A 1", "A 3", "A 5")), dept(2)]
    rows = rows_for({(1, "A 1"): 2, (1, "A 3"): 7, (1, "A 5"): 12, (2, "x"): 8})
    out = results.compute(
        GUIDE, rows, departments=departments, organisation_label="O", k=K
    ).by_key()
    assert out[("bldg", 1, "A 1")].respondents.mark == "<5"
    assert out[("bldg", 1, "A 3")].respondents.mark == "x"
    assert out[("bldg", 1, "A 5")].respondents.value == 12
    assert out[("dept", 1)].respondents.value == 21


def test_a_question_answered_by_few_in_a_shown_group_is_hidden_with_its_complement():
    departments = [dept(1), dept(2)]
    rows = [(1, "x", {"tryg": "1", "ja": "yes", "hvor": "2"})] * 2 + [(1, "x", {"tryg": "1"})] * 8
    rows += [(2, "x", {"tryg": "2", "ja": "yes", "hvor": "2"})] * 6
    out = results.compute(
        GUIDE, rows, departments=departments, organisation_label="O", k=K
    ).by_key()
    assert out[("dept", 1)].respondents.value == 10
    assert out[("dept", 1)].questions["hvor"].answered.mark == "<5"
    assert out[("dept", 2)].questions["hvor"].answered.mark == "x"
    assert out[results.ORG].questions["hvor"].answered.value == 8
    assert out[("dept", 1)].questions["tryg"].answered.value == 10


def test_free_text_only_when_asked_and_only_for_shown_departments():
    departments = [dept(1), dept(2), dept(3)]
    rows = [(1, "x", {"tekst": "Mørk sti"})] + [(1, "x", {"tryg": "1"})] * 5
    rows += [(2, "x", {"tekst": "Kælderen"})] * 2 + [(3, "x", {"tryg": "1"})] * 5
    with_texts = results.compute(
        GUIDE, rows, departments=departments, organisation_label="O", k=K, texts=True
    ).by_key()
    assert with_texts[("dept", 1)].texts == {"tekst": ["Mørk sti"]}
    assert with_texts[("dept", 2)].texts == {}
    without = results.compute(
        GUIDE, rows, departments=departments, organisation_label="O", k=K
    ).by_key()
    assert without[("dept", 1)].texts == {}


def test_municipalities_are_groups_when_the_departments_span_several():
    departments = [dept(1, municipality=751), dept(2, municipality=751), dept(3, municipality=851)]
    rows = rows_for({(1, "x"): 6, (2, "x"): 7, (3, "x"): 8})
    out = results.compute(
        GUIDE, rows, departments=departments, organisation_label="O", k=K
    ).by_key()
    assert out[("muni", 751)].respondents.value == 13
    assert out[("muni", 851)].respondents.value == 8


def _bounds(figures, relations, k, ceiling):
    """Sound bounds of every group from the printed figures and marks, carried through every
    relation until nothing changes (they only drop values no assignment can take)."""
    lo, hi = {}, {}
    for key, f in figures.items():
        if f.shown:
            lo[key] = hi[key] = f.value
        elif f.mark == f"<{k}":
            lo[key], hi[key] = 1, k - 1
        else:
            lo[key], hi[key] = 0, ceiling
    changed = True
    while changed:
        changed = False
        for r in relations:
            for cell in (*r.parts, r.total):
                others = [p for p in r.parts if p != cell]
                if cell == r.total:
                    low, high = sum(lo[p] for p in others), sum(hi[p] for p in others)
                else:
                    low = lo[r.total] - sum(hi[p] for p in others)
                    high = hi[r.total] - sum(lo[p] for p in others)
                new = (max(lo[cell], low), min(hi[cell], high))
                if new != (lo[cell], hi[cell]):
                    lo[cell], hi[cell] = new
                    changed = True
    return lo, hi


def _solvable(leaf_keys, cells_of, figures, k, relations):
    """An attacker written apart from the rule: enumerate every assignment of the leaf groups
    (the buildings, or the departments without buildings) within what can be known of them
    (`_bounds`), compute every group from the leaves, keep the assignments that match every
    printed figure and mark, and report each hidden group that has one value in all of them."""
    root = figures[results.ORG]
    ceiling = root.value if root.shown else 4 * len(leaf_keys) * 4
    lo, hi = _bounds(figures, relations, k, ceiling)

    def options(key):
        return range(lo[key], hi[key] + 1)

    seen = {key: set() for key, f in figures.items() if f.suppressed}
    for combo in itertools.product(*(options(leaf) for leaf in leaf_keys)):
        full = dict.fromkeys(figures, 0)
        for leaf, n in zip(leaf_keys, combo, strict=True):
            for key in cells_of[leaf]:
                full[key] += n
        fits = True
        for key, f in figures.items():
            if (f.shown and full[key] != f.value) or (f.mark == f"<{k}" and not 0 < full[key] < k):
                fits = False
                break
        if fits:
            for key in seen:
                seen[key].add(full[key])
    return [key for key, values in seen.items() if len(values) == 1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 8), min_size=2, max_size=3),
    st.lists(st.integers(0, 7), min_size=0, max_size=2),
    st.lists(st.sampled_from((751, 851)), min_size=3, max_size=3),
)
def test_no_hidden_group_is_solvable_from_the_published_totals(
    dept_counts, building_counts, municipalities
):
    """Random organisations (2–3 departments in one or two municipalities; the first
    optionally split into buildings): no hidden respondent count can be pinned from the shown
    figures by an attacker who solves all relations at once (brute force, written apart from
    the rule), and every shown figure is the true count."""
    buildings = (
        tuple(f"B{i}" for i in range(len(building_counts))) if len(building_counts) > 1 else ()
    )
    departments = [dept(1, buildings, municipalities[0])] + [
        dept(i + 2, municipality=municipalities[i + 1]) for i in range(len(dept_counts) - 1)
    ]
    counts = {}
    if buildings:
        for b, n in zip(buildings, building_counts, strict=True):
            counts[(1, b)] = n
    else:
        counts[(1, "x")] = dept_counts[0]
    for i, n in enumerate(dept_counts[1:]):
        counts[(i + 2, "x")] = n
    out = results.compute(
        GUIDE, rows_for(counts), departments=departments, organisation_label="O", k=K
    )
    figures = {g.key: g.respondents for g in out.groups}
    munis = any(key[0] == "muni" for key in figures)
    by_id = {x.id: x for x in departments}
    cells_of = {}  # leaf -> the groups it counts in (itself included)
    for d, b in counts:
        keys = results._group_keys(d, b, by_id, munis)
        leaf = keys[-1] if keys[-1][0] == "bldg" else ("dept", d)
        cells_of[leaf] = keys
    truth = dict.fromkeys(figures, 0)
    for (d, b), n in counts.items():
        for key in results._group_keys(d, b, by_id, munis):
            truth[key] += n
    relations = results.layout(departments)[1]
    assert _solvable(list(cells_of), cells_of, figures, K, relations) == []
    for key, f in figures.items():
        if f.shown:
            assert f.value == truth[key] and (f.value == 0 or f.value >= K)
        else:
            assert truth[key] >= 0


def test_the_tally_index_is_the_index_rule():
    departments = [dept(1)]
    answers = [
        {"tryg": "1", "hjaelp": "4"},
        {"tryg": "1", "hjaelp": "4", "ja": "yes", "hvor": "5"},
        {"tryg": "dont_know"},
        {"ja": "no", "hvor": "1"},
    ]
    keys = ["tryg", "hjaelp", "hvor"]
    counted = results.tally(
        GUIDE, [(1, "x", a) for a in answers], departments=departments, index_keys=keys
    )
    expected = [index.household_index(GUIDE, keys, a) for a in answers]
    assert counted.indexes[results.ORG] == [v for v in expected if v is not None]
    assert len(counted.indexes[results.ORG]) == 2
