"""Dashboards and read pages (trust map, unit, person, relationship, search, explanations)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
