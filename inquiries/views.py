"""The public inquiry form for trade buyers (/shop/inquiries/new/) and its thank-you page.

`?product=<id>` asks about a product (the producer is the product's), `?producer=<id>` writes
to a producer, and `&fair=<id>` says the buyer comes from that fair's page. Anything a buyer
may not write about (hidden product, unverified producer, a fair the producer does not
exhibit at) is not found.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import generic

from core.ratelimit import client_ip, rate_exceeded, rate_record
from inquiries.forms import InquiryForm
from inquiries.selectors import inquiry_target
from inquiries.services import inquiry_create

TOO_MANY = 429
# At most 5 inquiries an hour per address and per e-mail (core.ratelimit).
RATE_SCOPE, RATE_LIMIT = "inquiries", 5


class InquiryCreateView(generic.FormView):
    template_name = "inquiries/inquiry_form.html"
    form_class = InquiryForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.target = inquiry_target(
            product_id=request.GET.get("product"),
            producer_id=request.GET.get("producer"),
            fair_id=request.GET.get("fair"),
        )

    def dispatch(self, request, *args, **kwargs):
        if self.target is None:
            raise Http404("nothing a buyer may write about")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(target=self.target, **kwargs)

    def post(self, request, *args, **kwargs):
        ip = client_ip(request)
        if rate_exceeded(scope=RATE_SCOPE, senders={"ip": ip}, limit=RATE_LIMIT):
            return self.too_many(self.get_form())
        form = self.get_form()
        if form.is_spam():
            rate_record(scope=RATE_SCOPE, senders={"ip": ip})
            return redirect("inquiries:thanks")
        if not form.is_valid():
            return self.form_invalid(form)
        data = form.cleaned_data
        if rate_exceeded(scope=RATE_SCOPE, senders={"ip": ip, "email": data["email"]}, limit=RATE_LIMIT):
            return self.too_many(form)
        inquiry_create(
            target=self.target,
            buyer_name=data["buyer_name"],
            company=data["company"],
            country=data["country"],
            email=data["email"],
            phone=data["phone"],
            quantity=data["quantity"],
            target_market=data["target_market"],
            message=data["message"],
            language=get_language(),
        )
        rate_record(scope=RATE_SCOPE, senders={"ip": ip, "email": data["email"]})
        return redirect(reverse("inquiries:thanks"))

    def too_many(self, form):
        """429 with the form as typed and a message saying why; nothing is saved."""
        refusal = _(
            "You have sent many inquiries in the last hour. Please wait an hour, or write to the "
            "producer directly; nothing was sent this time."
        )
        return self.render_to_response(self.get_context_data(form=form, refusal=refusal), status=TOO_MANY)


class InquiryThanksView(generic.TemplateView):
    template_name = "inquiries/inquiry_thanks.html"
