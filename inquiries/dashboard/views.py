"""A producer's buyer inquiries in its dashboard: the list (new first), one inquiry with its
answers, the answer form, and closing.

A producer's people see the inquiries of their own producers only: another producer's id is
not found. Staff read the volumes on the programme figures page (programme/), not the
buyers' messages.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View, generic

from core.permissions import ProducerRequiredMixin
from inquiries.forms import ReplyForm
from inquiries.models import InquiryStatus
from inquiries.selectors import inquiry_counts_for_producers, inquiry_list_for_producers, producer_inquiry
from inquiries.services import inquiry_close, inquiry_reply

PER_PAGE = 25


class ProducerMixin(ProducerRequiredMixin):
    def get_inquiry(self):
        inquiry = producer_inquiry(partners=self.partners(), pk=self.kwargs["pk"])
        if inquiry is None:
            raise Http404("not one of your inquiries")
        return inquiry


class InquiryListView(ProducerMixin, generic.TemplateView):
    template_name = "inquiries/dashboard/inquiry_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        if status not in InquiryStatus.values:
            status = ""
        inquiries = inquiry_list_for_producers(partners=self.partners(), status=status)
        page = Paginator(inquiries, PER_PAGE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=page,
            paginator=page.paginator,
            inquiries=page.object_list,
            status=status,
            statuses=InquiryStatus.choices,
            counts=inquiry_counts_for_producers(partners=self.partners()),
            **kwargs,
        )


class InquiryDetailView(ProducerMixin, generic.FormView):
    template_name = "inquiries/dashboard/inquiry_detail.html"
    form_class = ReplyForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.inquiry = None

    def get_context_data(self, **kwargs):
        self.inquiry = self.inquiry or self.get_inquiry()
        return super().get_context_data(
            inquiry=self.inquiry, closed=self.inquiry.status == InquiryStatus.CLOSED, **kwargs
        )

    def form_valid(self, form):
        self.inquiry = self.get_inquiry()
        try:
            inquiry_reply(inquiry=self.inquiry, by=self.request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your answer was mailed to the buyer."))
        return redirect("inquiries-dashboard:detail", pk=self.inquiry.pk)

    def form_invalid(self, form):
        self.inquiry = self.get_inquiry()
        return super().form_invalid(form)


class InquiryCloseView(ProducerMixin, View):
    def post(self, request, pk):
        inquiry = inquiry_close(inquiry=self.get_inquiry(), by=request.user)
        messages.success(request, _("The inquiry is closed."))
        return redirect("inquiries-dashboard:detail", pk=inquiry.pk)
