"""The pemda's PPID front door on the main domain (`/ppid/`)."""

from django.urls import path  # noqa: F401 (the routes follow)

app_name = "ppidutama"

urlpatterns: list = []
