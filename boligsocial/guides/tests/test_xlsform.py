"""XLSForm export and import: the round trip gives the same guide; bad forms get a Danish
report per row; a form from elsewhere (no bs_ columns) is read."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from boligsocial.guides.models import Guide
from boligsocial.guides.xlsform.reading import XLSFormError, read
from boligsocial.guides.xlsform.writing import to_xlsx

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", ["saarbarhedsanalyse", "servicebesoeg"])
def test_export_then_import_gives_the_same_guide(key):
    guide = Guide.objects.get(key=key).versions.get(number=1).spec()
    assert read(to_xlsx(guide)) == guide


def test_the_export_has_the_three_sheets_and_validates_with_pyxform():
    from pyxform.xls2xform import convert

    data = to_xlsx(Guide.objects.get(key="saarbarhedsanalyse").versions.get(number=1).spec())
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["survey", "choices", "settings"]
    assert wb["survey"]["A2"].value == "begin group"
    assert wb["survey"]["A3"].value == "select_one flytning_omfang_svar"
    assert wb["settings"]["B2"].value == "saarbarhedsanalyse"
    assert (
        "<h:title>Sårbarhedsanalyse – interviewguide</h:title>"
        in convert(xlsform=data, file_type=".xlsx").xform
    )


def _workbook(survey_rows, choices_rows=(), settings_row=("Min guide", "min_guide")):
    wb = Workbook()
    s = wb.active
    s.title = "survey"
    s.append(["type", "name", "label", "relevant"])
    for row in survey_rows:
        s.append(list(row))
    c = wb.create_sheet("choices")
    c.append(["list_name", "name", "label"])
    for row in choices_rows:
        c.append(list(row))
    st = wb.create_sheet("settings")
    st.append(["form_title", "form_id"])
    st.append(list(settings_row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_foreign_form_without_our_columns_is_read():
    data = _workbook(
        [
            ("select_one jn", "tryg", "Føler du dig tryg?", ""),
            ("integer", "antal", "Hvor mange?", "${tryg} = 'nej'"),
            ("note", "info", "Tak", ""),
        ],
        [("jn", "ja", "Ja"), ("jn", "nej", "Nej")],
    )
    guide = read(data)
    assert guide.key == "min_guide"
    assert [t.key for t in guide.themes] == ["generelt"]
    assert [(q.key, q.type, q.show_if_key, q.show_if_values) for q in guide.questions()] == [
        ("tryg", "single", "", ()),
        ("antal", "number", "tryg", ("nej",)),
    ]


def test_an_invalid_form_gets_a_danish_report_per_row():
    data = _workbook(
        [
            ("select_one jn", "tryg", "Føler du dig tryg?", ""),
            ("geopoint", "sted", "Hvor?", ""),
            ("text", "hvorfor", "Hvorfor?", "${tryg} != 'ja' and ${x} > 2"),
        ],
        [("jn", "ja", "Ja")],
    )
    with pytest.raises(XLSFormError) as e:
        read(data)
    assert e.value.rows == [
        ("survey", 3, "Række 3: typen »geopoint« understøttes ikke."),
        (
            "survey",
            4,
            "Række 4: betingelsen »${tryg} != 'ja' and ${x} > 2« kan ikke læses (brug "
            "${spørgsmål} = 'værdi', evt. forbundet med or).",
        ),
    ]


def test_an_unknown_choice_list_is_reported_on_its_row():
    data = _workbook(
        [("select_one mangler", "tryg", "Føler du dig tryg?", "")], [("jn", "ja", "Ja")]
    )
    with pytest.raises(XLSFormError) as e:
        read(data)
    assert e.value.rows == [("survey", 2, "Række 2: listen »mangler« findes ikke i arket choices.")]


def test_a_group_without_end_is_reported_on_its_row():
    data = _workbook(
        [("begin group", "tema", "Tema", ""), ("text", "hvad", "Hvad?", "")], [("jn", "ja", "Ja")]
    )
    with pytest.raises(XLSFormError) as e:
        read(data)
    assert e.value.rows == [("survey", 2, "Række 2: temaet »tema« mangler end group.")]


def test_what_pyxform_refuses_beyond_our_checks_is_reported_too():
    data = _workbook([("text", "hvad", "Hvad med ${ukendt}?", "")], [("jn", "ja", "Ja")])
    with pytest.raises(XLSFormError) as e:
        read(data)
    assert e.value.rows == [
        (
            "survey",
            2,
            "Række 2: XLSForm-fejl fra pyxform: On the 'survey' sheet, the 'label' value is "
            "invalid. Reference variables must contain a name from the 'survey' sheet. Could not "
            "find the name 'ukendt'.",
        )
    ]


def test_a_file_that_is_no_workbook_is_refused_in_danish():
    with pytest.raises(XLSFormError) as e:
        read(b"not a workbook")
    assert e.value.rows == [("", 0, "Filen kan ikke læses som et Excel-regneark (.xlsx).")]


def test_structural_problems_are_reported():
    data = _workbook(
        [("select_one jn", "tryg", "Føler du dig tryg?", ""), ("text", "tryg", "Igen", "")],
        [("jn", "ja", "Ja")],
    )
    with pytest.raises(XLSFormError) as e:
        read(data)
    assert e.value.rows == [("", 0, "Spørgsmål »tryg«: nøglen findes to gange.")]
