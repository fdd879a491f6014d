"""Forms of the housing model's pages."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from boligsocial.organisations.imports import KINDS

IMPORT_ACCEPT = (
    ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)


class ImportForm(forms.Form):
    """Choose what to import and the file. The file itself is checked by the import service,
    which reports every problem by line and column."""

    kind = forms.ChoiceField(
        label=_("What do you want to import?"),
        choices=[(slug, kind.label) for slug, kind in KINDS.items()],
        initial="afdelinger",
    )
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,  # the import service reports an empty file like other problems
        error_messages={"required": _("Choose the file to import.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A CSV file (UTF-8, columns separated by semicolons or commas) or an Excel workbook "
            "(.xlsx) of at most %(size)s. The first line holds the column names. Rows that are "
            "not in the file are not deleted."
        ) % {"size": filesizeformat(settings.IMPORT_MAX_BYTES)}
