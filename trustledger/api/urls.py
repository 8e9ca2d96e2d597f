from django.urls import path

from trustledger.api import feed, views
from trustledger.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("account/tokens/", views.tokens, name="api-tokens"),
    path("feeds/<str:token>.ics", feed.feed, name="calendar-feed"),
]
