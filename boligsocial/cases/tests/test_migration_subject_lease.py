"""Migration cases 0005 (issue 13, items 1-3) on existing data: a public complaint's case
address, which was the complainant's own, moves to the complainant's party row; a case a staff
member opened keeps its address; letters saved before drafts existed become issued letters; a
case brought before the board gets a proceeding dated by its legal-step event."""

from datetime import date, datetime

from boligsocial.cases import workdays

BEFORE = [("cases", "0004_overdue_count_index")]
AT = datetime(2025, 3, 3, 10, tzinfo=workdays.COPENHAGEN)


def test_existing_cases_letters_and_board_steps_are_migrated(fresh_database):
    old = fresh_database.migrate(BEFORE)
    Case, Party = old.get_model("cases", "Case"), old.get_model("cases", "Party")
    Letter, Event = old.get_model("cases", "Letter"), old.get_model("cases", "Event")
    org = old.get_model("organisations", "Organisation").objects.create(
        name="Gammel", cvr="12345674", lbf_number=4242
    )
    department = old.get_model("organisations", "Department").objects.create(
        organisation=org, number=1, name="Alfaparken", address="Alfavej 1", postal_code="2300",
        city="København S", municipality_id=101, lease_count=10, year_built=1970,
    )  # fmt: skip

    def case(reference, source, address, legal_step=""):
        return Case.objects.create(
            reference=reference,
            organisation_id=org.pk,
            department_id=department.pk,
            address=address,
            address_key=address.lower(),
            search_text=f"{reference}\n{address}".lower(),
            kind="house_rules",
            track="trivsel",
            category="noise",
            received_at=AT,
            first_contact_due=date(2025, 3, 5),
            source=source,
            legal_step=legal_step,
        )

    intake = case("BS-2025-0001", "intake", "Alfavej 1, st. tv.")
    Party.objects.create(case=intake, role="complainant", name="Klara Klagesen")
    Party.objects.create(case=intake, role="respondent", name="Familien Støj")
    staff = case("BS-2025-0002", "staff", "Alfavej 1, 1. th.", legal_step="complaints_board")
    Event.objects.create(
        case=staff,
        kind="legal_step",
        occurred_at=datetime(2025, 4, 1, 9, tzinfo=AT.tzinfo),
        text="Beboerklagenævnet",
    )
    letter = Letter.objects.create(case=staff, kind="warning", subject="A", rendered_body="B")

    new = fresh_database.migrate(fresh_database.latest("cases"))
    Case, Party = new.get_model("cases", "Case"), new.get_model("cases", "Party")
    moved = Case.objects.get(pk=intake.pk)
    assert (moved.address, moved.address_key, moved.search_text) == (
        "",
        "",
        "bs-2025-0001\n\nklara klagesen\nfamilien støj",
    )
    assert sorted(Party.objects.filter(case_id=intake.pk).values_list("role", "address")) == [
        ("complainant", "Alfavej 1, st. tv."),
        ("respondent", ""),
    ]
    kept = Case.objects.get(pk=staff.pk)
    assert (kept.address, kept.address_key) == ("Alfavej 1, 1. th.", "alfavej 1, 1. th.")
    issued = new.get_model("cases", "Letter").objects.get(pk=letter.pk)
    assert (issued.status, issued.issued_at, issued.pdf) == ("issued", issued.created_at, None)
    proceedings = new.get_model("cases", "LegalProceeding").objects.filter(case_id=staff.pk)
    assert list(proceedings.values_list("forum", "brought_on", "decided_on")) == [
        ("complaints_board", date(2025, 4, 1), None)
    ]
