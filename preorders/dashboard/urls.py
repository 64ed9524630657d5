"""A producer's pre-order books (staff: every producer's) in the shop dashboard."""

from django.urls import path

from preorders.dashboard import views

app_name = "preorders-dashboard"

urlpatterns = [
    path("", views.BookListView.as_view(), name="list"),
    path("open/<int:product_pk>/", views.BookOpenView.as_view(), name="book-open"),
    path("<int:pk>/", views.BookDetailView.as_view(), name="book"),
    path("<int:pk>/settings/", views.BookUpdateView.as_view(), name="book-update"),
    path("<int:pk>/open-close/", views.BookOpenCloseView.as_view(), name="book-open-close"),
    path("<int:pk>/convert/", views.BookConvertView.as_view(), name="book-convert"),
    path("<int:pk>/reservations.csv", views.BookCsvView.as_view(), name="book-csv"),
]
