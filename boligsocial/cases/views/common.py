"""Fetching a case through the access module, logging the read, refusing what is not allowed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404

from boligsocial.audit.services import log_read
from boligsocial.cases import access
from boligsocial.cases.models import Case
from boligsocial.core import permissions


def route_of(request) -> str:
    match = request.resolver_match
    return match.view_name if match else request.path


def get_case(request, pk: int, *, action: str | None = None, log: bool = False) -> Case:
    """The case if the user may see its content (404 otherwise); 403 if `action` is not allowed
    on it. `log=True` writes the access-log row for this read (GET pages showing content)."""
    case = get_object_or_404(
        access.visible_cases(request.user).select_related("department", "organisation"), pk=pk
    )
    if action and not permissions.can(request.user, action, case):
        raise PermissionDenied
    if log and request.method == "GET":
        log_read(user=request.user, obj=case, route=route_of(request))
    return case


def error_messages(error: ValidationError) -> list[str]:
    return list(error.messages)


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form (per field where it names one)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def posted(request):
    """The POST data for a bound form, even when empty (all fields optional); None on GET."""
    return request.POST if request.method == "POST" else None


def files(request):
    return request.FILES if request.method == "POST" else None
