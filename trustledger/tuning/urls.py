from django.urls import path

from trustledger.tuning import views

urlpatterns = [
    path("settings/", views.settings_page, name="settings"),
    path("settings/history/", views.history_page, name="settings_history"),
]
