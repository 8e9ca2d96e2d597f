from django.urls import path

from trustledger.analytics import views

app_name = "analytics"
urlpatterns = [path("status/", views.status, name="status")]
