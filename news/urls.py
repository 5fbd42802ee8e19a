from django.urls import path

from core.pagecache import cache_anonymous_page
from news import views
from news.feeds import LatestArticlesFeed

app_name = "news"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feed/", cache_anonymous_page(LatestArticlesFeed()), name="feed"),
    path("kategori/<slug:slug>/", views.ArticleListView.as_view(), name="category"),
    path("pratinjau/<str:token>/", views.preview, name="preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
