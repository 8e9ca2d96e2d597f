from django.urls import path

from trustledger.promises.views import decide, found_queue, relationship_queue

urlpatterns = [
    path("promises/found/", found_queue, name="promises_found"),
    path("promises/found/<int:pk>/<slug:verb>/", decide, name="promises_decide"),
    path(
        "relationships/<int:pk>/promises-found/",
        relationship_queue,
        name="relationship_promises_found",
    ),
]
