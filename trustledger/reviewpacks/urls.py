from django.urls import path

from trustledger.reviewpacks import views

urlpatterns = [
    path("relationships/<int:pk>/review-pack/", views.review_pack_page, name="review_pack"),
    path("relationships/<int:pk>/review-pack.pdf", views.review_pack_pdf, name="review_pack_pdf"),
    path("relationships/<int:pk>/review-pack/store/", views.store_pack, name="review_pack_store"),
    path("relationships/<int:pk>/review-pack/send/", views.send_pack, name="review_pack_send"),
    path("units/<int:pk>/trust-report/", views.unit_report_page, name="unit_trust_report"),
    path("units/<int:pk>/trust-report.pdf", views.unit_report_pdf, name="unit_trust_report_pdf"),
]
