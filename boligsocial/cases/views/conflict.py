"""The edit-conflict page: someone else saved the case while the user was editing it.

The form comes back holding what is saved now, with the user's own changes filled in over it
and marked, so pressing "Save" again never silently puts back old text the other person
replaced. The user's own changes are the fields whose submitted value differs from what the
form showed when it was loaded (the signed `loaded` snapshot the form carries). A form without
the snapshot (an old page) counts every field that differs from the saved case as the user's."""

from django.core import signing
from django.http import QueryDict
from django.utils.translation import gettext as _

from boligsocial.cases.forms import CaseForm

SALT = "boligsocial.cases.edit-loaded"


def _key(value) -> str:
    """A field's value as the form posts it (a foreign key as its id, a ticked box as "on")."""
    if value is None or value is False:
        return ""
    if value is True:
        return "on"
    return str(getattr(value, "pk", value))


def snapshot(case) -> str:
    return signing.dumps({name: _key(getattr(case, name)) for name in CaseForm.EDITABLE}, salt=SALT)


def own_changes(form) -> set[str] | None:
    """The fields the user changed in the form, or None if the form has no valid snapshot."""
    try:
        loaded = signing.loads(form.cleaned_data.get("loaded") or "", salt=SALT)
    except signing.BadSignature:
        return None
    return {n for n in CaseForm.EDITABLE if _key(form.cleaned_data.get(n)) != loaded.get(n, "")}


def _display(form, name, value):
    field = form.fields.get(name)
    if value in (None, ""):
        return "–"
    if hasattr(field, "choices"):
        for key, label in field.choices:
            if str(key) == str(getattr(value, "pk", value)):
                return label
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def _mark(form, name: str, text: str) -> None:
    field = form.fields[name]
    field.help_text = text
    hint = f"id_{form.add_prefix(name)}-hint"
    described = field.widget.attrs.get("aria-describedby", "")
    if hint not in described.split():
        field.widget.attrs["aria-describedby"] = f"{described} {hint}".strip()


def conflict_page(form, stale, form_kwargs: dict, initial: dict):
    """(the form to show again, rows of the user's changes that differ from what is saved,
    rows of the other person's changes now filled in)."""
    saved = stale.case
    mine = own_changes(form)
    if mine is None:
        mine = set(stale.fields)
    data = QueryDict(mutable=True)
    for name in CaseForm.EDITABLE:
        value = form.cleaned_data.get(name) if name in mine else getattr(saved, name)
        if _key(value):
            data[name] = _key(value)
    data["version"] = str(stale.version)
    data["loaded"] = snapshot(saved)
    again = CaseForm(data, initial=initial, **form_kwargs)
    conflict, taken_over = [], []
    for name in CaseForm.EDITABLE:
        if name not in stale.fields:
            continue
        row = {
            "label": form.fields[name].label,
            "mine": _display(form, name, form.cleaned_data.get(name)),
            "saved": _display(form, name, getattr(saved, name)),
        }
        if name in mine:
            conflict.append(row)
            _mark(
                again,
                name,
                _("Your change (not saved). Saved now: %(value)s") % {"value": row["saved"]},
            )
        else:
            taken_over.append(row)
            _mark(
                again,
                name,
                _("Changed by someone else; their value is filled in. Before: %(value)s")
                % {"value": row["mine"]},
            )
    again.is_valid()  # after marking: a bound field copies its hint when it is made
    return again, conflict, taken_over
