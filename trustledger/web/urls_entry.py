"""Quick entry forms, the commitments register and service levels."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
