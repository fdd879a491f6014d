from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

# Public views (no login) are marked with @login_not_required where they are defined; the list of
# them is checked by tests/test_anonymous.py.
admin.site.site_header = admin.site.site_title = "Boligsocial"
admin.site.index_title = "Administration"

urlpatterns = [
    path("", include("boligsocial.site.urls")),
    path("", include("boligsocial.core.urls")),
    path("", include("boligsocial.organisations.urls")),
    path("", include("boligsocial.imports.urls")),
    path("", include("boligsocial.screening.urls")),
    path("", include("boligsocial.catalogue.urls")),
    path("", include("boligsocial.cases.urls")),
    path("", include("boligsocial.guides.urls")),
    path("", include("boligsocial.analyses.urls")),
    path("", include("boligsocial.visits.urls")),
    path("", include("boligsocial.surveys.urls")),
    path("", include("boligsocial.walks.urls")),
    path("", include("boligsocial.plans.urls")),
    path("", include("boligsocial.coordination.urls")),
    path("", include("boligsocial.reports.urls")),
    path("", include("boligsocial.accounts.urls")),
    path("api/", include("boligsocial.api.urls")),
    path("log-ind/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("sprog/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
