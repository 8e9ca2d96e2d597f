from django.urls import path

from trustledger.ingest import connection_pages, views

urlpatterns = [
    path("imports/", views.upload, name="import_upload"),
    path("imports/<int:pk>/", views.job, name="import_job"),
    path("imports/<int:pk>/retry/", views.retry, name="import_retry"),
    path("imports/<int:pk>/map/", views.map_columns, name="import_map"),
    path("connections/", connection_pages.connections, name="connections"),
    path("connections/<int:pk>/sync/", connection_pages.sync_now, name="connection_sync"),
    path("connections/<int:pk>/pause/", connection_pages.pause, name="connection_pause"),
    path("connections/<int:pk>/delete/", connection_pages.delete, name="connection_delete"),
]
