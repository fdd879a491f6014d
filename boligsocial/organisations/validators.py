"""Validators for Danish identifiers, with Danish messages (via the da catalogue)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def cvr_is_valid(value: str) -> bool:
    """A CVR number is 8 digits, not starting with 0, whose weighted sum is divisible by 11."""
    if len(value) != 8 or not value.isdigit() or value[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(value, CVR_WEIGHTS, strict=True)) % 11 == 0


def validate_cvr(value: str) -> None:
    if not cvr_is_valid(value):
        raise ValidationError(
            _("%(value)s is not a valid CVR number (8 digits with a valid check digit)."),
            code="invalid_cvr",
            params={"value": value},
        )


def validate_postal_code(value: str) -> None:
    if len(value) != 4 or not value.isdigit() or not 555 <= int(value) <= 9999:
        raise ValidationError(
            _("%(value)s is not a Danish postal code (4 digits)."),
            code="invalid_postal_code",
            params={"value": value},
        )
