"""The upload form: the file, and for kinds imported per organisation, the organisation (among
those the user may import the kind for). The file itself is checked by the import, which reports
every problem by line and column."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Housing organisation"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the organisations in the list.")},
    )
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,  # the import reports an empty file like other problems
        error_messages={"required": _("Choose the file to import.")},
    )

    def __init__(self, *args, kind, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if kind.per_organisation:
            self.fields["organisation"].queryset = organisations
        else:
            del self.fields["organisation"]
        self.fields["file"].help_text = _(
            "A CSV file (UTF-8 or Windows-1252, columns separated by semicolons or commas) or an "
            "Excel workbook (.xlsx) of at most %(size)s. The first line holds the column names. "
            "Numbers are written the Danish way: 1.283 or 72,5. Rows that are not in the file "
            "are not deleted."
        ) % {"size": filesizeformat(settings.IMPORT_MAX_BYTES)}
