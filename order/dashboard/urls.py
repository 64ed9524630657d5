"""Back-office actions on orders beside Oscar's order pages (dashboard/orders): a producer's
part moved along, and the OCOP office's payment work."""

from django.urls import path

from order.dashboard import queues, views

app_name = "order-dashboard"
urlpatterns = [
    path("parts/<int:pk>/", views.PartActionView.as_view(), name="part-action"),
    path("parts/<int:pk>/packing-slip.pdf", views.PackingSlipView.as_view(), name="packing-slip"),
    path("orders/<str:number>/mark-paid/", views.MarkTransferPaidView.as_view(), name="mark-paid"),
    path("orders/<str:number>/refund/", views.RefundView.as_view(), name="refund"),
    path("bank-statements/", views.BankStatementImportView.as_view(), name="bank-statement-import"),
    path("bank-transfers/unmatched/", queues.UnmatchedTransfersView.as_view(), name="transfers-unmatched"),
    path("cod-parts/unconfirmed/", queues.CodPartsUnconfirmedView.as_view(), name="cod-parts-unconfirmed"),
]
