"""Dashboards and read pages (trust map, unit, person, relationship, search, explanations).

Every page has a JSON twin: add `?format=json` or send `Accept: application/json`.
"""

from django.urls import path

from trustledger.web.pages.both import relationship_either_side
from trustledger.web.pages.explain import explain_page
from trustledger.web.pages.language import language_check, strength_reading
from trustledger.web.pages.person import person_page
from trustledger.web.pages.search import search_page
from trustledger.web.pages.trustmap_view import trust_map_page
from trustledger.web.pages.unit import unit_page

urlpatterns = [
    path("map/", trust_map_page, name="trust_map"),
    path("units/<int:pk>/", unit_page, name="unit"),
    path("people/<int:pk>/", person_page, name="person"),
    path("relationships/<int:pk>/", relationship_either_side, name="relationship"),
    path("search/", search_page, name="search"),
    path("language/", language_check, name="language_check"),
    path("language/strength/", strength_reading, name="language_strength"),
    path("explain/<str:kind>/<int:pk>/<path:measure>/", explain_page, name="explain"),
]
