from django.urls import path

from trustledger.nudges import mailviews, views

urlpatterns = [
    path("nudges/", views.centre, name="nudges"),
    path("nudges/<int:pk>/read/", views.read, name="nudge_read"),
    path("nudges/<int:pk>/snooze/", views.snooze, name="nudge_snooze"),
    path("nudges/<int:pk>/dismiss/", views.dismiss, name="nudge_dismiss"),
    path("nudges/<int:pk>/open/", views.open_link, name="nudge_open"),
    path("nudges/mail/", mailviews.mail_settings, name="nudge_mail_settings"),
    path("nudges/unsubscribe/<str:token>/", mailviews.unsubscribe, name="nudge_unsubscribe"),
]
