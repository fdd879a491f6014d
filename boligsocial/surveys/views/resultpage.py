"""The results page's context and its Excel export: everything shown comes from
`selectors.results` (protected for every viewer); the previous survey's figures are set beside
a group only where both are shown."""

from boligsocial.core.downloads import table_response
from boligsocial.core.exports import Sheet
from boligsocial.guides.spec import TEXT
from boligsocial.surveys import national, selectors
from boligsocial.surveys.index import FORMULA


def _mark(figure) -> str:
    return figure.mark if figure is not None and figure.suppressed else ""


def context(survey, *, texts: bool, department: int | None = None) -> dict:
    """The page shows every department; buildings and the per-question rows of a department
    only for the chosen one (`department`), so the page stays small at 100 departments."""
    guide = selectors.guide_of(survey)
    current = selectors.page_results(survey, texts=texts, department=department)
    previous = (
        selectors.page_results(
            survey.previous, texts=False, department=department, details=False
        ).by_key()
        if survey.previous
        else {}
    )
    core = (
        national.COMPARED_KEY
        if any(q.key == national.COMPARED_KEY for q in guide.questions())
        else ""
    )
    rows = []
    for group in current.groups:
        if group.level == "building" and group.key[1] != department:
            continue
        before = previous.get(group.key)
        core_now = group.questions.get(core) if core else None
        core_before = before.questions.get(core) if before and core else None
        rows.append(
            {
                "group": group,
                "mark": _mark(group.respondents),
                "core": core_now.favourable if core_now else None,
                "previous_index": before.index if before and before.shown else None,
                "previous_core": core_before.favourable if core_before else None,
                "id": group.key[1] if group.level == "department" else None,
                "change": (group.index - before.index)
                if before and before.index is not None and group.index is not None
                else None,
            }
        )
    all_rows = current.count <= selectors.SMALL  # a small survey: every department per question
    questions = []
    for q in guide.questions():
        per_group = []
        for group in current.groups:
            if group.level == "building":
                continue
            if group.level == "department" and group.key[1] != department and not all_rows:
                continue
            result = group.questions.get(q.key)
            per_group.append(
                {
                    "group": group,
                    "result": result,
                    "mark": _mark(result.answered if result else group.respondents)
                    or _mark(group.respondents),
                    "texts": group.texts.get(q.key, []),
                }
            )
        questions.append({"question": q, "text": q.type == TEXT, "groups": per_group})
    organisation = current.groups[0]
    return {
        "survey": survey,
        "guide": guide,
        "rows": rows,
        "questions": questions,
        "organisation": organisation,
        "core_key": core,
        "formula": FORMULA,
        "k": survey.min_count,
        "texts": texts,
        "previous": survey.previous,
        "department": department,
    }


def export(survey):
    ctx = context(survey, texts=False, department=None)
    header = ["Gruppe", "Niveau", "Svar", "Indeks", "Trygge (%)", "95 %-interval", "Indeks sidst"]
    rows = []
    for row in ctx["rows"]:
        g = row["group"]
        core = row["core"]
        rows.append(
            [
                g.label,
                g.level,
                g.respondents.value if g.shown else g.respondents.mark,
                g.index,
                core.percent if core else None,
                f"{core.low}–{core.high}" if core else "",
                row["previous_index"],
            ]
        )
    return table_response([Sheet("Resultater", header, rows)], f"undersoegelse-{survey.pk}", "xlsx")
