"""The XLSForm columns Boligsocial writes and reads (https://xlsform.org): the standard
`survey`/`choices`/`settings` sheets with Danish and English labels, and a few `bs_` columns
that ODK and KoboToolbox ignore and that keep what XLSForm has no column for (our question type,
weight, unit, a choice's score, the band thresholds)."""

DA = "Dansk (da)"
EN = "English (en)"

SURVEY = (
    "type",
    "name",
    f"label::{DA}",
    f"label::{EN}",
    f"hint::{DA}",
    f"hint::{EN}",
    "required",
    "relevant",
    "bs_type",
    "bs_weight",
    "bs_unit",
)
CHOICES = ("list_name", "name", f"label::{DA}", f"label::{EN}", "bs_score")
SETTINGS = (
    "form_title",
    "form_id",
    "version",
    "default_language",
    "bs_kind",
    "bs_name_en",
    "bs_description",
    "bs_proposal",
    "bs_yellow_from",
    "bs_red_from",
)

# our type -> the XLSForm type (a select's list name is appended)
XLSFORM_TYPE = {
    "scale": "select_one",
    "yes_no": "select_one",
    "single": "select_one",
    "multiple": "select_multiple",
    "number": "decimal",
    "text": "text",
    "photo": "image",
}
# an XLSForm type without our bs_type -> our type
OUR_TYPE = {
    "select_one": "single",
    "select_multiple": "multiple",
    "integer": "number",
    "decimal": "number",
    "text": "text",
    "image": "photo",
}
