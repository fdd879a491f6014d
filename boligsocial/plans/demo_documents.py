"""The demo plan's documents (issue 16 parts 7 and 11): the attachments LBF asks of a plan
(domain.md § 1.3: the strategic agreement, one sub-agreement per area of work, an organisation
diagram, the contingency plan, the milestone plan, the budget and the activity schedule in
spreadsheets, the baseline of centrally generated figures), each made from the demo plan's own
data and nothing else, and each marked as demo data in its title, its file name and its first
line. The activity schedule has two versions: as approved, and after the approved revision that
added an activity.

The files are small and made without a layout engine (a plain text PDF written here, XLSX with
openpyxl's write-only mode), so seeding stays fast: the documents add well under a second."""

import io
import textwrap

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from boligsocial.core.formatting import format_date, format_number
from boligsocial.plans import documents, selectors
from boligsocial.plans.models import DocumentKind, Plan

MARK = "DEMODATA – lavet af Boligsocial til demonstration ud fra demoplanens egne data."
AGREEMENT = (
    ("purpose", "Formål og rammer"),
    ("organisation_text", "Organisering"),
    ("interplay", "Samspil med øvrige indsatser"),
    ("measurements", "Boligsociale data – tværgående målinger"),
    ("local_evaluation", "Lokal evaluering og løbende opfølgning"),
    ("revision_text", "Revision af aftalerne"),
)


def _pdf_text(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_pdf(title: str, lines: list[str]) -> bytes:
    """A plain A4 PDF: the title, the demo mark, then the lines (wrapped at 90 characters, 58
    lines a page) in Helvetica with the Windows-1252 encoding (æ, ø, å, –)."""
    body = [("b", title), ("i", MARK), ("", "")]
    for line in lines:
        style, _sep, text = line.partition("|") if "|" in line[:2] else ("", "", line)
        for part in textwrap.wrap(text, 90) or [""]:
            body.append((style, part))
    pages = [body[i : i + 58] for i in range(0, len(body), 58)]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages are numbered
        *(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % font
            for font in (b"Helvetica", b"Helvetica-Bold", b"Helvetica-Oblique")
        ),
    ]
    fonts = {"": b"/F1", "b": b"/F2", "i": b"/F3"}
    kids = []
    for page in pages:
        stream = (
            b"BT 12 TL 50 800 Td "
            + b"".join(
                fonts[style] + b" 10 Tf (" + _pdf_text(text) + b") Tj T* " for style, text in page
            )
            + b"ET"
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> >>" % len(objects)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe6\xf8\xe5\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (n, obj))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _xlsx(sheets: list[tuple[str, list[list]]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, rows in sheets:
        sheet = workbook.create_sheet(name)
        sheet.append([MARK])
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _figure(value) -> str:
    """A stored figure without its trailing zeros: 2,72 (stored as 2.7200), 40."""
    return format_number(value, max(0, -value.normalize().as_tuple().exponent))


def _agreement(plan: Plan) -> list[str]:
    lines = [
        f"Periode: {plan.first_year}–{plan.last_year}.",
        f"Kommune: {plan.municipality.name}.",
        "Boligorganisationer: " + ", ".join(o.name for o in plan.organisations.order_by("name")),
        "",
    ]
    for field, heading in AGREEMENT:
        lines += [f"b|{heading}", getattr(plan, field) or "–", ""]
    return lines


def _sub_agreement(sub) -> list[str]:
    lines = ["b|Delaftale", sub.text or "–", "", "b|Mål"]
    for goal in sub.goals.select_related("indicator", "department").prefetch_related("years"):
        measure = goal.indicator.name if goal.indicator else goal.own_measure
        baseline = (
            f"udgangspunkt {_figure(goal.baseline_value)} ({goal.baseline_year})"
            if goal.baseline_value is not None
            else "udgangspunkt: ikke målt"
        )
        targets = ", ".join(
            f"{y.year}: {_figure(y.target)}" for y in goal.years.all() if y.target is not None
        )
        lines.append(f"{goal.title} – {measure}; {baseline}; mål {targets or '–'}.")
    lines += ["", "b|Aktiviteter"]
    for activity in sub.activities.select_related("intervention").order_by("name"):
        source = activity.intervention.name if activity.intervention else "lokal aktivitet"
        lines.append(f"{activity.name} ({source}).")
    return lines


def _organisation(plan: Plan) -> list[str]:
    lines = ["b|Grupper"]
    for group in plan.groups.all():
        lines.append(f"{group.get_kind_display()}: {group.name} – {group.members or '–'}")
    lines += ["", "b|Partnere"]
    for partner in plan.partners.order_by("kind", "name"):
        kind = str(partner.get_kind_display())
        role = f": {partner.role}" if partner.role and partner.role != kind else ""
        lines.append(f"{partner.name} ({kind}){role}")
    return lines


def _milestones(plan: Plan) -> list[str]:
    return [
        f"{format_date(m.due_on)}: {m.title}"
        + (f" – nået {format_date(m.done_on)}" if m.done_on else "")
        for m in plan.milestones.all()
    ]


def _baseline(plan: Plan) -> list[str]:
    lines = []
    for row in selectors.goal_rows(plan):
        goal = row.goal
        if goal.indicator is None:
            continue
        value = "ikke målt" if row.baseline is None else _figure(row.baseline)
        frozen = (
            format_date(timezone.localdate(goal.baseline_frozen_at))
            if goal.baseline_frozen_at
            else "–"
        )
        lines.append(
            f"{goal.indicator.name}, {goal.department.name if goal.department else '–'}: "
            f"{value} ({row.baseline_year or '–'}), fastfrosset {frozen}."
        )
    return lines


def _budget_rows(plan: Plan) -> list[tuple[str, list[list]]]:
    check, per_activity = selectors.budget_page(plan, plan.activities.order_by("pk"))
    funders = [["Finansieringskilde", "Bevilget", *plan.years, "Budgetteret"]]
    funders += [
        [r.name, r.pledged, *(r.by_year[y] for y in plan.years), r.budgeted] for r in check.rows
    ]
    lines = [["Aktivitet", *plan.years, "I alt", *(r.name for r in check.rows)]]
    for activity, b in per_activity:
        lines.append(
            [
                activity.name if activity else "Ingen (stab og andet)",
                *(b.by_year[y] for y in plan.years),
                b.total,
                *(f.total for f in b.funders),
            ]
        )
    return [("Budget", funders), ("Pr. aktivitet", lines)]


def _schedule(activities) -> bytes:
    rows = [["Aktivitet", "Indsatsområde", "Indsats i kataloget", "Målgruppe", "Timer/uge", "Fra"]]
    for a in activities:
        rows.append(
            [
                a.name,
                a.sub_agreement.area.name,
                a.intervention.name if a.intervention else "Lokal aktivitet",
                a.target_group,
                a.hours_per_week,
                a.first_year,
            ]
        )
    return _xlsx([("Aktivitetsskema", rows)])


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"demo-{name}", content)


def seed_documents(plan: Plan, *, approved_activity_ids: set[int]) -> int:
    """The running demo plan's attachments; returns how many files were stored."""
    plan = Plan.objects.select_related("municipality").get(pk=plan.pk)
    made = []

    def add(kind, title, name, content, note=""):
        made.append(
            documents.add_document(
                plan=plan,
                by=None,
                kind=kind,
                title=f"{title} (demo)",
                uploaded=_upload(name, content),
                note=note,
            )
        )
        return made[-1]

    add(
        DocumentKind.AGREEMENT,
        "Strategisk samarbejdsaftale",
        "strategisk-aftale.pdf",
        text_pdf(f"Strategisk samarbejdsaftale – {plan.name}", _agreement(plan)),
    )
    for n, sub in enumerate(plan.sub_agreements.select_related("area"), start=1):
        add(
            DocumentKind.SUB_AGREEMENT,
            f"Delaftale: {sub.area.name}",
            f"delaftale-{n}.pdf",
            text_pdf(f"Delaftale om {sub.area.name.lower()} – {plan.name}", _sub_agreement(sub)),
        )
    add(
        DocumentKind.OTHER,
        "Organisationsdiagram",
        "organisation.pdf",
        text_pdf(f"Organisering – {plan.name}", _organisation(plan)),
    )
    add(
        DocumentKind.OTHER,
        "Beredskabsplan",
        "beredskabsplan.pdf",
        text_pdf(
            f"Beredskabsplan – {plan.name}",
            [
                "LBF beder om en beredskabsplan (jf. regulativets § 6). Demoen har ingen: dette "
                "dokument står kun på dens plads, så listen over bilag er hel."
            ],
        ),
    )
    add(
        DocumentKind.OTHER,
        "Milepælsplan",
        "milepaelsplan.pdf",
        text_pdf(f"Milepælsplan – {plan.name}", _milestones(plan)),
    )
    add(
        DocumentKind.BUDGET,
        "Budget",
        "budget.xlsx",
        _xlsx(_budget_rows(plan)),
    )
    activities = list(
        plan.activities.select_related("sub_agreement__area", "intervention").order_by("pk")
    )
    schedule = add(
        DocumentKind.OTHER,
        "Aktivitetsskema",
        "aktivitetsskema.xlsx",
        _schedule([a for a in activities if a.pk in approved_activity_ids]),
        note="Som godkendt",
    )
    documents.add_version(
        document=schedule,
        by=None,
        uploaded=_upload("aktivitetsskema-2.xlsx", _schedule(activities)),
        note="Efter revision 1: "
        + ", ".join(a.name for a in activities if a.pk not in approved_activity_ids)
        + " tilføjet",
    )
    add(
        DocumentKind.EVALUATION,
        "Centralt genererede målinger ved indsatsens start",
        "maalinger-ved-start.pdf",
        text_pdf(f"Målinger ved indsatsens start – {plan.name}", _baseline(plan)),
    )
    return len(made) + 1
