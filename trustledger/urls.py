from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from trustledger.accounts.views import ThrottledPasswordChangeView
from trustledger.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", ThrottledPasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("", include("trustledger.web.urls_pages")),
    path("", include("trustledger.web.urls_entry")),
    path("", include("trustledger.web.records.urls")),
    path("", include("trustledger.ingest.urls")),
    path("surveys/", include("trustledger.surveys.urls")),
    path("analytics/", include("trustledger.analytics.urls")),
    path("admin/", admin.site.urls),
    path("", include("trustledger.audit.urls")),
    path("", include("trustledger.history.urls")),
    path("", include("trustledger.api.urls")),
    path("", include("trustledger.sharing.urls")),
    path("", include("trustledger.nudges.urls")),
    path("", include("trustledger.promises.urls")),
    path("", include("trustledger.tuning.urls")),
    path("", include("trustledger.reviewpacks.urls")),
]

# Error pages in the app's layout; JSON for the API and the JSON twins (web/errors.py).
handler400 = "trustledger.web.errors.bad_request"
handler403 = "trustledger.web.errors.permission_denied"
handler404 = "trustledger.web.errors.page_not_found"
handler500 = "trustledger.web.errors.server_error"
