"""The form templates (includes/forms/): error-summary links land on an input, radios say they
are invalid (issue 13 item 21)."""

from django import forms
from django.template.loader import render_to_string

from boligsocial.core.forms import DkfdsForm


class ChoiceForm(DkfdsForm):
    colour = forms.ChoiceField(
        label="Farve", choices=[("red", "Rød"), ("green", "Grøn")], widget=forms.RadioSelect
    )
    name = forms.CharField(label="Navn")


def _render(form) -> str:
    return render_to_string("includes/forms/errors.html", {"form": form}) + render_to_string(
        "includes/forms/fields.html", {"form": form}
    )


def test_the_error_link_of_a_radio_group_points_to_its_first_radio():
    form = ChoiceForm(data={})
    assert not form.is_valid()
    html = _render(form)
    assert '<a href="#id_colour_0">' in html
    assert '<a href="#id_name">' in html
    assert 'href="#"' not in html
    assert 'id="id_colour_0"' in html  # the target exists


def test_radios_of_a_group_in_error_are_marked_invalid_and_described_by_the_error():
    html = _render(ChoiceForm(data={"name": "x"}))
    assert html.count('aria-invalid="true" aria-describedby="id_colour-error"') == 2
    assert 'id="id_colour-error"' in html
    assert 'id="-error"' not in html and 'id="-hint"' not in html


def test_radios_without_an_error_are_not_marked():
    html = _render(ChoiceForm(data={"colour": "red", "name": "x"}))
    assert "aria-invalid" not in html
