from django.urls import path

from trustledger.history import views

urlpatterns = [
    path("history/<str:kind>/<int:pk>/", views.record_history, name="record_history"),
]
