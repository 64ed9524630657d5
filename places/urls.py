from django.urls import path

from places import views

app_name = "places"
urlpatterns = [
    path("communes/", views.communes, name="communes"),
    path("communes/search/", views.communes_search, name="communes-search"),
]
