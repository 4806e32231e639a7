from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from . import views
from .twofactor import views as twofactor_views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", twofactor_views.LoginView.as_view(), name="login"),
    path("login/verify/", twofactor_views.two_factor_verify, name="two_factor_verify"),
    path("login/setup/", twofactor_views.two_factor_setup, name="two_factor_setup"),
    path("login/backup-codes/", twofactor_views.two_factor_backup_codes, name="two_factor_backup_codes"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # The footer's language switch is on the login page too: it must work before logging in.
    path("language/", login_not_required(set_language), name="set_language"),
    path("network/", include("opvang.network_urls")),
    path("network/privacy/", include("privacy.urls")),
    path("cases/", include("cases.urls")),
    path("children/", include("children.urls")),
    path("plans/", include("plans.urls")),
    path("chain/", include("chain.urls")),
    path("outflow/", include("outflow.urls")),
    path("reports/", include("reports.urls")),
    path("administration/", include("administration.urls")),
    path("api/v1/", include("api.urls")),
    path("account/api/", include("api.ui_urls")),
    path("ervaring/", include("reports.survey_urls")),
    # One way in: the admin's own login page would skip the second factor's flow.
    path("admin/login/", login_not_required(RedirectView.as_view(pattern_name="login", query_string=True))),
    path("admin/", admin.site.urls),
]

handler404 = "opvang.views.page_not_found"
handler500 = "opvang.views.server_error"
