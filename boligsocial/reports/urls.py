from django.urls import path

from boligsocial.reports.views import econ_contracts, econ_prices, pages
from boligsocial.reports.views import economics as econ

app_name = "reports"
urlpatterns = [
    path("styringsdialog/", pages.index, name="index"),
    path("styringsdialog/ny/", pages.create, name="create"),
    path("styringsdialog/<int:pk>/", pages.report, name="report"),
    path("styringsdialog/<int:pk>/pdf/", pages.report_pdf, name="report_pdf"),
    path("styringsdialog/<int:pk>/offentlig/", pages.public, name="public"),
    path("styringsdialog/<int:pk>/offentlig/pdf/", pages.public_pdf, name="public_pdf"),
    path("styringsdialog/<int:pk>/tabel/<slug:key>/", pages.table_export, name="table"),
    path("styringsdialog/<int:pk>/tekster/", pages.texts, name="texts"),
    path("styringsdialog/<int:pk>/punkt/", pages.add_point, name="add_point"),
    path("styringsdialog/<int:pk>/afslut/", pages.finalise, name="finalise"),
    path("styringsdialog/<int:pk>/moede/", pages.meeting, name="meeting"),
    path("styringsdialog/aftaler/<int:pk>/", pages.agreement, name="agreement"),
]

# The economics (decision 0038).
urlpatterns += [
    path("oekonomi/", econ.index, name="econ_index"),
    path("oekonomi/priser/", econ_prices.prices, name="econ_prices"),
    path("oekonomi/priser/ny/", econ_prices.price_create, name="econ_price_create"),
    path("oekonomi/priser/<int:pk>/", econ_prices.price_edit, name="econ_price_edit"),
    path("oekonomi/priser/<int:pk>/slet/", econ_prices.price_delete, name="econ_price_delete"),
    path("oekonomi/business-cases/ny/", econ.case_create, name="econ_case_create"),
    path("oekonomi/business-cases/<int:pk>/", econ.case_detail, name="econ_case"),
    path("oekonomi/business-cases/<int:pk>/ret/", econ.case_edit, name="econ_case_edit"),
    path("oekonomi/business-cases/<int:pk>/slet/", econ.case_delete, name="econ_case_delete"),
    path("oekonomi/business-cases/<int:pk>/pdf/", econ.case_pdf, name="econ_case_pdf"),
    path("oekonomi/business-cases/<int:pk>/excel/", econ.case_excel, name="econ_case_excel"),
    path(
        "oekonomi/business-cases/<int:pk>/udfald/ny/",
        econ.outcome_create,
        name="econ_outcome_create",
    ),
    path("oekonomi/udfald/<int:pk>/", econ.outcome_detail, name="econ_outcome"),
    path(
        "oekonomi/business-cases/<int:pk>/<slug:kind>/<int:line>/slet/",
        econ.line_delete,
        name="econ_line_delete",
    ),
    path("oekonomi/effektmaalinger/", econ_prices.measurements, name="econ_measurements"),
    path(
        "oekonomi/effektmaalinger/ny/",
        econ_prices.measurement_create,
        name="econ_measurement_create",
    ),
    path(
        "oekonomi/effektmaalinger/<int:pk>/",
        econ_prices.measurement_detail,
        name="econ_measurement",
    ),
    path(
        "oekonomi/effektmaalinger/<int:pk>/slet/",
        econ_prices.measurement_delete,
        name="econ_measurement_delete",
    ),
    path("oekonomi/resultatkontrakter/", econ_contracts.contracts, name="econ_contracts"),
    path(
        "oekonomi/resultatkontrakter/ny/",
        econ_contracts.contract_create,
        name="econ_contract_create",
    ),
    path(
        "oekonomi/resultatkontrakter/<int:pk>/",
        econ_contracts.contract_detail,
        name="econ_contract",
    ),
    path(
        "oekonomi/resultatkontrakter/<int:pk>/ret/",
        econ_contracts.contract_edit,
        name="econ_contract_edit",
    ),
    path(
        "oekonomi/resultatkontrakter/<int:pk>/slet/",
        econ_contracts.contract_delete,
        name="econ_contract_delete",
    ),
    path(
        "oekonomi/resultatkontrakter/<int:pk>/<slug:kind>/<int:line>/slet/",
        econ_contracts.contract_line_delete,
        name="econ_contract_line_delete",
    ),
]
