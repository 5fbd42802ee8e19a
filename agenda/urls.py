from django.urls import path

from agenda import views

app_name = "agenda"

urlpatterns = [
    path("", views.upcoming, name="list"),
    path("lalu/", views.past, name="past"),
    path("feed.ics", views.feed_ics, name="feed"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/kalender.ics", views.event_ics, name="ics"),
]
