"""The report's context: the sections' providers run for the report's scope, the boards' points
for the agenda, and the agenda itself. Plain JSON data, so `services.finalise` can freeze it
(`Report.snapshot`) and the page, the PDF, the Excel downloads and the public summary all read
the same thing (decision 0035).

`public(context)` is the public summary (almenboligloven § 164: the municipality publishes a
redegørelse): the same context without internal text and without any figure below the
disclosure threshold (a table row with a suppressed or small cell is left out whole, so that
neither the mark nor the row's other cells hint at it)."""

from __future__ import annotations

import copy
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from boligsocial.organisations.models import Department
from boligsocial.reports.sections import Scope, modules, text

VERSION = 1  # of the snapshot's shape


def scope_for(report, today: date) -> Scope:
    if report.department_id:
        departments = [report.department]
    else:
        departments = list(
            Department.objects.filter(organisation=report.organisation)
            .select_related("municipality")
            .order_by("number")
        )
    return Scope(
        organisation=report.organisation,
        departments=departments,
        department=report.department,
        year=report.year,
        today=today,
        report=report,
    )


def agenda_points(report) -> list:
    """The report's own points and, for an organisation's report, its department reports'."""
    from boligsocial.reports.models import AgendaPoint

    qs = AgendaPoint.objects.select_related("department")
    if report.department_id:
        qs = qs.filter(report=report)
    else:
        qs = qs.filter(report__organisation=report.organisation, report__year=report.year)
    return list(qs.order_by("created_at", "pk"))


def build(report, today: date) -> dict:
    """The report's context, in Danish whatever the reader's language: the report is the
    Danish document for the municipality, and a finalised one is frozen as it is (its page
    marks the body lang="da")."""
    with translation.override("da"):
        return _build(report, today)


def _build(report, today: date) -> dict:
    scope = scope_for(report, today)
    narratives = {n.section: n for n in report.narratives.all()} if report.pk else {}
    sections = []
    for module in modules():
        built = module.build(scope)
        blocks = list((built or {}).get("blocks") or [])
        own = narratives.get(module.KEY)
        if own and own.text.strip():
            blocks.append(
                text(*[p for p in own.text.split("\n\n") if p.strip()], internal=own.internal)
            )
        blocks = [b for b in blocks if b]
        if blocks:
            sections.append({"key": module.KEY, "title": str(module.TITLE), "blocks": blocks})
    points = [
        {
            "title": p.title,
            "text": p.text,
            "department": f"{p.department.number} {p.department.name}" if p.department else "",
            "internal": p.internal,
        }
        for p in agenda_points(report)
    ]
    agenda = [_("Welcome and approval of the agenda")]
    agenda += [s["title"] for s in sections if s["key"] != "agreements"]
    if any(s["key"] == "agreements" for s in sections):
        agenda.append(_("Follow-up on last year's agreements"))
    agenda.append(_("Points from the department boards"))
    agenda += [_("New agreements"), _("Any other business")]
    return {
        "version": VERSION,
        "year": report.year,
        "organisation": report.organisation.name,
        "department": (
            f"{report.department.number} {report.department.name}" if report.department else ""
        ),
        "department_count": len(scope.departments),
        "built_on": today.isoformat(),
        "sections": sections,
        "agenda": agenda,
        "points": points,
    }


def _public_block(block: dict) -> dict | None:
    if block.get("internal") or block.get("full_only"):
        return None
    if block["type"] == "table":
        rows = [r for r in block["rows"] if not any(c.get("small") for c in r)]
        if not rows:
            return None
        return {**block, "rows": rows}
    return block


def public(context: dict) -> dict:
    result = copy.deepcopy(context)
    sections = []
    for section in result["sections"]:
        blocks = [b for b in (_public_block(b) for b in section["blocks"]) if b]
        if blocks:
            sections.append({**section, "blocks": blocks})
    result["sections"] = sections
    result["points"] = [p for p in result["points"] if not p["internal"]]
    result["public"] = True
    return result


def tables(context: dict) -> dict[str, dict]:
    return {b["key"]: b for s in context["sections"] for b in s["blocks"] if b["type"] == "table"}
