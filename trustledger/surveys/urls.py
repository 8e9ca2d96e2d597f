from django.urls import path

from trustledger.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/raters/", views.campaign_add_raters, name="add_raters"),
    path("<int:pk>/open/", views.campaign_open, name="open"),
    path("<int:pk>/remind/", views.campaign_remind, name="remind"),
    path("<int:pk>/close/", views.campaign_close, name="close"),
    path("<int:pk>/results/", views.campaign_results, name="results"),
    path("<int:pk>/results.csv", views.campaign_export, name="export"),
    path("r/<str:token>/", views.respond, name="respond"),
    path("respond/<int:pk>/", views.answer, name="answer"),
]
