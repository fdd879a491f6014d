"""No login: the residents' complaint form and its receipt. (The caretaker's quick report is in
views/caretaker.py.)"""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from boligsocial.cases import intake_forms, services
from boligsocial.cases.models import (
    Case,
    CaseKind,
    Category,
    PartyRole,
    Source,
    Track,
    settings_for,
)
from boligsocial.cases.views.common import posted as _posted
from boligsocial.core import ratelimit
from boligsocial.core.formatting import format_long_date
from boligsocial.organisations.models import Department

#: Complaints accepted per client address and hour; more POSTs are refused with a Danish page.
INTAKE_LIMIT_PER_HOUR = 10
RATE_WINDOW_SECONDS = 60 * 60
SESSION_KEY = "cases_intake_receipts"


def rate_limited(request) -> bool:
    """Count this POST for the client's address in the cache all workers share; True when the
    hour's limit is passed (core/ratelimit.py)."""
    return not ratelimit.hit(
        f"cases:intake:{ratelimit.client_address(request)}",
        limit=INTAKE_LIMIT_PER_HOUR,
        window_seconds=RATE_WINDOW_SECONDS,
    )


def _intake_departments(request):
    departments = Department.objects.select_related("organisation").order_by(
        "organisation__name", "name"
    )
    organisation = request.GET.get("organisation", "")
    if organisation.isdigit() and departments.filter(organisation_id=organisation).exists():
        return departments.filter(organisation_id=organisation), True
    return departments, False


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def intake(request):
    departments, narrowed = _intake_departments(request)
    form = intake_forms.IntakeForm(_posted(request), departments=departments)
    status = 200
    limited = False
    if request.method == "POST":
        limited = rate_limited(request)
        if limited:
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                case = _open_intake_case(data)
            except ValidationError as error:
                form.add_error(None, error)
                form.renew_started()
            else:
                receipts = request.session.get(SESSION_KEY, [])
                request.session[SESSION_KEY] = [*receipts[-4:], case.reference]
                if data["email"]:
                    _send_receipt(request, case, data)
                    request.session[f"{SESSION_KEY}:{case.reference}"] = data["email"]
                return redirect("cases:intake_receipt", reference=case.reference)
    return render(
        request,
        "cases/intake.html",
        {"form": form, "rate_limited": limited, "organisation_filter": narrowed},
        status=status,
    )


#: The track a category usually belongs to (the case worker can change it).
TRACK_FOR_CATEGORY = {
    Category.VIOLENCE_THREATS: Track.TRYGHED,
    Category.CRIME_INSECURITY: Track.TRYGHED,
    Category.HARASSMENT: Track.TRYGHED,
    Category.NEGLECT: Track.TAG_ANSVAR,
    Category.PROPERTY_DAMAGE: Track.TAG_ANSVAR,
    Category.WASTE: Track.TAG_ANSVAR,
}


def _intake_description(data) -> str:
    with translation.override("da"):
        return "\n".join(
            [
                data["description"].strip(),
                "",
                _("When: %(when)s") % {"when": format_long_date(data["happened_at"], time=True)},
                _("Where: %(place)s") % {"place": data["place"]},
                *(
                    [_("About: %(who)s") % {"who": data["respondent"]}]
                    if data["respondent"]
                    else []
                ),
            ]
        )


def _open_intake_case(data):
    parties = [
        {
            "role": PartyRole.COMPLAINANT,
            "name": data["name"],
            # The complainant's own address is theirs, on their party row: the case's address
            # is the one the complaint is about, which a letter to the neighbour may print
            # (issue 13, item 1). The caseworker sets it when they know the lease.
            "address": data["address"],
            "phone": data["phone"],
            "email": data["email"],
        }
    ]
    if data["respondent"]:
        parties.append({"role": PartyRole.RESPONDENT, "name": data["respondent"]})
    return services.open_case(
        department=data["department"],
        kind=CaseKind.INQUIRY,
        track=TRACK_FOR_CATEGORY.get(data["category"], Track.TRIVSEL),
        category=data["category"],
        description=_intake_description(data),
        source=Source.INTAKE,
        parties=parties,
    )


def _send_receipt(request, case, data) -> None:
    context = {
        "case": case,
        "name": data["name"],
        "working_days": settings_for(case.organisation_id).first_contact_working_days,
        "organisation": case.organisation,
    }
    send_mail(
        _("Your complaint has been received – case %(ref)s") % {"ref": case.reference},
        render_to_string("cases/email/intake_receipt.txt", context, request=request),
        None,
        [data["email"]],
    )


@login_not_required
@never_cache
def intake_receipt(request, reference: str):
    """Only the browser that sent the complaint sees the receipt; anyone else goes to the form."""
    if reference not in request.session.get(SESSION_KEY, []):
        return redirect("cases:intake")
    case = Case.objects.filter(reference=reference).first()
    return render(
        request,
        "cases/intake_receipt.html",
        {
            "reference": reference,
            "working_days": settings_for(case.organisation_id).first_contact_working_days
            if case
            else 2,
            "emailed": request.session.get(f"{SESSION_KEY}:{reference}", ""),
        },
    )
