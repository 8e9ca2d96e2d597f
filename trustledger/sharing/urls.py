"""The link's own pages (no login), and the serving side's buttons on a relationship."""

from django.urls import path

from trustledger.sharing import serving, views

app_name = "sharing"
urlpatterns = [
    path("shared/t/<str:token>/", views.open_link, name="open"),
    path("shared/<int:pk>/", views.link_page, name="page"),
    path("shared/<int:pk>/<slug:verb>/", views.answer, name="answer"),
    path("relationships/<int:pk>/links/", serving.create, name="create"),
    path("relationships/<int:pk>/links/<int:link>/<slug:verb>/", serving.change, name="change"),
]
