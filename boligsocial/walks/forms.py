"""The forms of the walk pages: plan/edit a walk (route as lines, participants as rows), the
quick finding form for the phone, and a finding's owner, due date and status."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from boligsocial.core.forms import DkfdsForm, date_field
from boligsocial.walks.models import (
    MAX_PARTICIPANTS,
    Category,
    FindingStatus,
    OwnerKind,
    ParticipantRole,
    Severity,
)
from boligsocial.walks.services import MAX_POINTS, Invited, Point, participants_problem

PARTICIPANT_ROWS = 8


def _coordinate(text: str, low: int, high: int) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    if not value.is_finite() or not (low <= value <= high):
        return None
    return value.quantize(Decimal("0.00001"))


def parse_route(text: str) -> tuple[list[Point], str | None]:
    """One point a line: "name" or "name; latitude; longitude" (decimal comma or point)."""
    points = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) == 1:
            points.append(Point(parts[0][:200]))
            continue
        if len(parts) != 3 or not parts[0]:
            return [], str(_('Line %(n)s: write "name" or "name; latitude; longitude".') % {"n": n})
        lat, lon = _coordinate(parts[1], -90, 90), _coordinate(parts[2], -180, 180)
        if lat is None or lon is None:
            return [], str(
                _("Line %(n)s: the position must be two numbers, e.g. 56,1572; 10,2107.") % {"n": n}
            )
        points.append(Point(parts[0][:200], lat, lon))
    return points, None


def route_text(points) -> str:
    def fmt(v):
        return str(v).replace(".", ",")

    return "\n".join(
        f"{p.name}; {fmt(p.latitude)}; {fmt(p.longitude)}" if p.latitude is not None else p.name
        for p in points
    )


class WalkForm(DkfdsForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    walk_date = date_field(_("Date of the walk"))
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Walks are often held after dark."),
    )
    meeting_point = forms.CharField(label=_("Meeting point"), max_length=200, required=False)
    follow_up_date = date_field(
        _("Follow-up meeting"),
        required=False,
        help_text=_("Left empty: six months after the walk."),
    )
    route = forms.CharField(
        label=pgettext_lazy("walk", "Route"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=8000,
        help_text=_(
            'One point a line, in the order walked: "name", or "name; latitude; longitude".'
        ),
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = departments
        self.fields["departments"].label_from_instance = lambda d: f"{d.number} {d.name}"
        for i in range(PARTICIPANT_ROWS):
            self.fields[f"role_{i}"] = forms.ChoiceField(
                label=_("Participant %(n)s: role") % {"n": i + 1},
                choices=[("", "—"), *ParticipantRole.choices],
                required=False,
            )
            self.fields[f"count_{i}"] = forms.IntegerField(
                label=_("Number of people"),
                min_value=1,
                max_value=MAX_PARTICIPANTS,
                required=False,
            )
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("Name (optional)"), max_length=100, required=False
            )
            self.fields[f"org_{i}"] = forms.CharField(
                label=_("Organisation (optional)"), max_length=100, required=False
            )
            self.fields[f"role_{i}"].widget.attrs["class"] = "form-select"
            for key in ("count", "name", "org"):
                self.fields[f"{key}_{i}"].widget.attrs["class"] = "form-input"

    def participant_rows(self):
        return [
            (self[f"role_{i}"], self[f"count_{i}"], self[f"name_{i}"], self[f"org_{i}"])
            for i in range(PARTICIPANT_ROWS)
        ]

    def clean_route(self):
        points, problem = parse_route(self.cleaned_data["route"])
        if problem:
            raise forms.ValidationError(problem)
        if not points:
            raise forms.ValidationError(_("The route needs at least one point."))
        if len(points) > MAX_POINTS:
            raise forms.ValidationError(
                _("The route has at most %(max)s points.") % {"max": MAX_POINTS}
            )
        return points

    def clean(self):
        data = super().clean()
        invited = []
        for i in range(PARTICIPANT_ROWS):
            role = data.get(f"role_{i}")
            if not role:
                if data.get(f"name_{i}") or data.get(f"org_{i}"):
                    self.add_error(f"role_{i}", _("Choose the participant's role."))
                continue
            invited.append(
                Invited(
                    role=role,
                    count=data.get(f"count_{i}") or 1,
                    name=data.get(f"name_{i}", ""),
                    organisation_name=data.get(f"org_{i}", ""),
                )
            )
        problem = participants_problem(invited)
        if problem:
            raise forms.ValidationError(problem)
        data["invited"] = invited
        return data


class HeldForm(DkfdsForm):
    summary = forms.CharField(
        label=_("Closing meeting: summary and recommendations"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=8000,
        required=False,
    )


class FindingForm(DkfdsForm):
    """The quick form on the phone: category first (big radios), what, where, how serious."""

    category = forms.ChoiceField(
        label=_("What is it?"), choices=Category.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    point = forms.ModelChoiceField(
        label=_("Place on the route"), queryset=None, required=False, empty_label="—"
    )
    place_note = forms.CharField(label=_("Where exactly"), max_length=200, required=False)
    latitude = forms.CharField(
        label=_("Latitude"), required=False, max_length=20, widget=forms.TextInput()
    )
    longitude = forms.CharField(
        label=_("Longitude"), required=False, max_length=20, widget=forms.TextInput()
    )
    severity = forms.ChoiceField(
        label=_("How serious?"),
        choices=Severity.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Not needed for a good place."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG or PNG, at most 10 MB. Avoid faces and house numbers."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def __init__(self, *args, points, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = points
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"

    def clean(self):
        data = super().clean()
        lat_text, lon_text = data.get("latitude", ""), data.get("longitude", "")
        lat = _coordinate(lat_text, -90, 90) if lat_text else None
        lon = _coordinate(lon_text, -180, 180) if lon_text else None
        if lat_text and lat is None:
            self.add_error("latitude", _("Enter a latitude between -90 and 90, e.g. 56,1572."))
        if lon_text and lon is None:
            self.add_error("longitude", _("Enter a longitude between -180 and 180, e.g. 10,2107."))
        data["latitude"], data["longitude"] = lat, lon
        return data


class FindingUpdateForm(DkfdsForm):
    owner_kind = forms.ChoiceField(
        label=_("Responsible organisation"),
        choices=[("", "—"), *OwnerKind.choices],
        required=False,
    )
    owner_name = forms.CharField(
        label=_("Responsible person or unit"), max_length=150, required=False
    )
    due_date = date_field(_("Due date"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=FindingStatus.choices)
    status_note = forms.CharField(label=_("Note"), max_length=500, required=False)
