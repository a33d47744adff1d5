"""The Victims Commissioner's oversight pages. Read only: nothing here changes a case."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from victimsrights.audit.services import verify_chain
from victimsrights.oversight.forms import AuditFilterForm
from victimsrights.oversight.selectors import audit_entries, report_references

PAGE_SIZE = 50


@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(audit_entries(filters=filters).select_related("actor"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "oversight/audit_log.html",
        {
            "form": form,
            "page": page,
            "rows": report_references(list(page.object_list)),
            "query": query.urlencode(),
        },
    )


@require_POST
def verify_audit_log(request: HttpRequest) -> HttpResponse:
    result = verify_chain()
    if result.intact:
        messages.success(request, f"The audit log is intact: all {result.entries_checked:,} entries check out.")
    else:
        where = f" at entry {result.first_broken_entry_id}" if result.first_broken_entry_id else ""
        messages.error(request, f"The audit log has been tampered with{where}: {result.problem}")
    return redirect("oversight:audit")
