"""The parties of a case: who complained, who is complained about, witnesses; adding,
correcting and deleting them (GDPR art. 16), in the change log with personal values masked."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import diff
from boligsocial.cases.models import Case, Party, PartyRole
from boligsocial.cases.services._common import (
    audit,
    bump,
    lock_case,
    require_not_anonymised,
    require_open,
)


def clean_party(data: dict) -> dict:
    role = data.get("role")
    name = " ".join(str(data.get("name") or "").split())
    errors = {}
    if role not in PartyRole.values:
        errors["role"] = _("Choose the party's role.")
    if not name:
        errors["name"] = _(
            "Write the party's name. Complaints about neighbours cannot be anonymous."
        )
    email = (data.get("email") or "").strip()
    if email:
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter a valid e-mail address.")
    if errors:
        raise ValidationError(errors)
    return {
        "role": role,
        "name": name[:200],
        "lease": data.get("lease"),
        "address": " ".join(str(data.get("address") or "").split())[:200],
        "phone": " ".join(str(data.get("phone") or "").split())[:30],
        "email": email,
    }


@transaction.atomic
def add_party(case: Case, user, **data) -> Party:
    lock_case(case)
    require_not_anonymised(case)
    require_open(case)
    cleaned = clean_party(data)
    lease = cleaned["lease"]
    if lease is not None and lease.department.organisation_id != case.organisation_id:
        raise ValidationError({"lease": _("The lease belongs to another housing organisation.")})
    party = Party.objects.create(case=case, **cleaned)
    audit(user, party, ChangeAction.CREATE, diff({}, party_dict(party)))
    bump(case, actor=user)
    return party


@transaction.atomic
def update_party(party: Party, user, **data) -> Party:
    """Correct a party (GDPR art. 16): in the change log, personal values masked."""
    lock_case(party.case)
    require_not_anonymised(party.case)
    require_open(party.case)
    lease = data.get("lease")
    if lease is not None and lease.department.organisation_id != party.case.organisation_id:
        raise ValidationError({"lease": _("The lease belongs to another housing organisation.")})
    before = party_dict(party)
    cleaned = clean_party({**before, **data})
    for k, v in cleaned.items():
        setattr(party, k, v)
    party.save()
    audit(user, party, ChangeAction.UPDATE, diff(before, party_dict(party)))
    bump(party.case, actor=user)
    return party


def party_dict(p: Party) -> dict:
    return {
        "role": p.role,
        "name": p.name,
        "lease": p.lease,
        "address": p.address,
        "phone": p.phone,
        "email": p.email,
    }


@transaction.atomic
def remove_party(party: Party, user) -> None:
    """Delete a party (GDPR art. 16): in the change log, personal values masked."""
    case = lock_case(party.case)
    require_not_anonymised(case)
    require_open(case)
    audit(user, party, ChangeAction.DELETE, diff(party_dict(party), {}))
    party.delete()
    bump(case, actor=user)
