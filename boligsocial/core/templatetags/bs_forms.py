"""Template filters for the form templates (includes/forms/)."""

from django import forms, template

register = template.Library()


@register.filter
def error_target(bound_field) -> str:
    """The id an error-summary link jumps to: the field's input, or for a group of radios or
    checkboxes (whose `id_for_label` is empty, so the link was `#`) its first option."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label
