"""The pemda's PPID front door on the main domain (`/ppid/`)."""

from django.urls import path

from ppidutama import dip_views, objection_views, views

app_name = "ppidutama"

urlpatterns = [
    path("", views.home, name="home"),
    path("informasi/", dip_views.dip, name="dip"),
    path("informasi.csv", dip_views.dip, {"as_csv": True}, name="dip_csv"),
    path("permohonan/", views.request_create, name="request_create"),
    path("permohonan/terkirim/", views.request_receipt, name="request_receipt"),
    path("lacak/", views.track, name="track"),
    path("keberatan/", objection_views.objection_create, name="objection_create"),
    path("keberatan/tanda-terima/", objection_views.objection_receipt, name="objection_receipt"),
    path("keberatan/lacak/", objection_views.objection_track, name="objection_track"),
]
