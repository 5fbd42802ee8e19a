from django.urls import path

from publicservices.survey import views

app_name = "skm"

urlpatterns = [
    path("", views.results, name="results"),
    path("hasil.csv", views.results_csv, name="results_csv"),
    path("isi/<slug:slug>/", views.answer, name="answer"),
    path("terima-kasih/", views.thanks, name="thanks"),
]
