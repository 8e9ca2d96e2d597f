from django.urls import path

from trustledger.ingest import views

urlpatterns = [
    path("imports/", views.upload, name="import_upload"),
    path("imports/<int:pk>/", views.job, name="import_job"),
    path("imports/<int:pk>/retry/", views.retry, name="import_retry"),
    path("imports/<int:pk>/map/", views.map_columns, name="import_map"),
]
