from django.urls import path

from payment import views

app_name = "payment"
urlpatterns = [
    path("orders/<str:number>/mark-paid/", views.MarkTransferPaidView.as_view(), name="mark-paid"),
    path("orders/<str:number>/refund/", views.RefundView.as_view(), name="refund"),
    path("bank-statements/", views.BankStatementImportView.as_view(), name="bank-statement-import"),
]
