from django.urls import path

from ppid import views

app_name = "ppid"

urlpatterns = [
    path("", views.dip, name="dip"),
    path("dip.csv", views.dip, {"as_csv": True}, name="dip_csv"),
    path("dokumen/<int:pk>/", views.document, name="document"),
    path("permohonan/", views.request_create, name="request_create"),
    path("permohonan/terkirim/", views.request_receipt, name="request_receipt"),
    path("permohonan/lacak/", views.request_track, name="request_track"),
    path("keberatan/", views.objection_create, name="objection_create"),
    path("keberatan/terkirim/", views.objection_receipt, name="objection_receipt"),
    path("keberatan/lacak/", views.objection_track, name="objection_track"),
    path("statistik/", views.statistics, name="statistics"),
]
