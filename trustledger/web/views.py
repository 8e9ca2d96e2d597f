from django.db import connection
from django.http import HttpRequest, JsonResponse

from trustledger.web.pages.home import home_page


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


# The home page lives with the other read pages; urls.py names it `views.home`.
home = home_page
