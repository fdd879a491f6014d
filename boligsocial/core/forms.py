"""The base of every form: Det Fælles Designsystem's classes and ARIA links on the widgets, and
the date and time fields in the interface's one date format (core/formatting.py).

Templates render a form's fields with `includes/forms/fields.html` (or one field with
`includes/forms/field.html`) and its error summary with `includes/forms/errors.html`."""

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: The dates the interface and the API accept (a case received, an event, a decision, a
#: membership): nothing in Boligsocial's work lies before 2000 or after 2100, and year 1 in a
#: date field is a typing slip that would otherwise become a reference like BS-1-0001.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def validate_sane_date(value) -> None:
    """Refuse a date or time outside EARLIEST_DATE…LATEST_DATE, in Danish, naming the range."""
    _check_range(value, latest=LATEST_DATE)


def validate_not_before_earliest(value) -> None:
    """The lower bound alone, for a field whose own validator already refuses the future (one
    clear message for a date in 2999 instead of two)."""
    _check_range(value, latest=date.max)


def _check_range(value, *, latest) -> None:
    if value is None:
        return
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= latest:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_range",
            params={
                "earliest": EARLIEST_DATE.strftime("%d-%m-%Y"),
                "latest": LATEST_DATE.strftime("%d-%m-%Y"),
            },
        )


class DkfdsForm(forms.Form):
    """Puts Det Fælles Designsystem's classes and the ARIA links (hint, error) on the widgets, so
    templates render fields with `includes/forms/field.html`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
                css = "form-select"
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-checkbox"
            elif isinstance(widget, forms.RadioSelect):
                css = "form-radio"
            elif isinstance(widget, (forms.FileInput, forms.HiddenInput)):
                css = ""
            else:
                css = "form-input"
            if css:
                widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-hint"

    def full_clean(self):
        if self.is_bound and hasattr(self.data, "getlist"):
            # Browsers send textarea line breaks as CRLF; store them as LF like everything else.
            self.data = self.data.copy()
            for name, field in self.fields.items():
                key = self.add_prefix(name)
                if isinstance(field.widget, forms.Textarea) and key in self.data:
                    self.data[key] = self.data[key].replace("\r\n", "\n")
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            error_id = f"id_{self.add_prefix(name)}-error"
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"{attrs.get('aria-describedby', '')} {error_id}".strip()


def choices(model, field: str, *, blank: str | None = None) -> list:
    found = list(model._meta.get_field(field).choices or [])
    found = [(v, label) for v, label in found if v != ""]
    return [("", blank), *found] if blank is not None else found


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%d.%m.%Y %H:%M"]
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]


def datetime_field(label, **kwargs) -> forms.DateTimeField:
    kwargs["validators"] = [validate_sane_date, *kwargs.get("validators", ())]
    return forms.DateTimeField(
        label=label,
        widget=DateTimeLocalInput(),
        input_formats=DATETIME_FORMATS,
        error_messages={"invalid": _("Enter a date and time, e.g. 24-03-2026 14:30.")},
        **kwargs,
    )


def date_field(label, **kwargs) -> forms.DateField:
    kwargs["validators"] = [validate_sane_date, *kwargs.get("validators", ())]
    return forms.DateField(
        label=label,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Enter a date, e.g. 24-03-2026.")},
        **kwargs,
    )
