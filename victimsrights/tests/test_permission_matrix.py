"""Every URL x every role, against the one permission table in victimsrights/permissions.py."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.accounts.victims import SESSION_VICTIM_REPORT
from victimsrights.cases import services as cases
from victimsrights.cases.models import OutcomeType
from victimsrights.complaints import services as complaints
from victimsrights.oversight import services as oversight
from victimsrights.oversight.models import SampleKind
from victimsrights.permissions import RULES, Audience
from victimsrights.plans import services as plans
from victimsrights.recording import services as recording
from victimsrights.recording.models import OffenceClassification
from victimsrights.reporting import services as reporting
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.reviews import services as reviews

pytestmark = pytest.mark.usefixtures("london")

ROLES = [None, "victim", *Role]  # None: anyone not signed in; "victim": signed in to their own report


@pytest.fixture
def sample_kwargs():
    """Example arguments for URLs that take them: objects inside the test users' scope.

    A new URL with arguments must be added here, or the matrix test fails.
    """
    report = submitted_report(borough="Camden")  # Central North, the test staff's area
    declined = submitted_report(borough="Islington", seed=2)
    officer = staff(Role.RECORDING_OFFICER, username="matrix.recorder")
    recording.report_decline(report_id=declined.pk, reason="incident", explanation="An incident.", actor=officer)
    appeal = recording.appeal_submit(report_id=declined.pk, reasons="It is a crime.", made_by="victim (online)")
    recorded = submitted_report(borough="Islington", seed=3)
    crime = recording.crime_record(
        report_id=recorded.pk, classification=OffenceClassification.objects.first(), actor=officer
    )
    cases.outcome_record(
        case_id=crime.case.pk,
        outcome=OutcomeType.objects.get(code=15),
        actor=staff(Role.INVESTIGATING_OFFICER, username="matrix.oic"),
    )
    review = reviews.review_request(case_id=crime.case.pk, reasons="", late_reasons="")
    complaint = complaints.complaint_make(report=recorded, what_went_wrong="Matrix")
    sample = oversight.sample_draw(
        area=crime.report.area,
        kind=SampleKind.NOT_CHARGED,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2099, 12, 31),
        size=1,
        actor=staff(Role.VICTIMS_COMMISSIONER, username="matrix.commissioner"),
    )
    commander = staff(Role.AREA_COMMANDER, username="matrix.commander")
    plan = plans.plan_get_or_start(area=crime.report.area, year=timezone.localdate().year)
    plans.narrative_save(plan_id=plan.pk, narrative="Matrix year.", actor=commander)
    commitment = plans.commitment_add(plan_id=plan.pk, commitment="C", measure="M", target="T", actor=commander)
    plans.plan_publish(plan_id=plan.pk, actor=commander)
    worker = staff(Role.SAFE_PLACE_WORKER, username="matrix.worker")  # same organisation as the test worker
    record, _code = reporting.sealed_record_create(worker=worker, account="Sealed.", notes="")
    return report, {
        "safeplace:sealed": {"record_id": record.pk},
        "safeplace:sealed-created": {"record_id": record.pk},
        "safeplace:sealed-action": {"record_id": record.pk, "action": "extend"},
        "safeplace:worker-deactivate": {"worker_id": worker.pk},
        "portal:sealed-action": {"action": "extend"},
        "safeplace:appeal": {"report_id": report.pk},
        **{name: {"case_id": crime.case.pk} for name in ALL_URLS if name.startswith("cases:") and name != "cases:list"},
        **{
            name: {"review_id": review.pk}
            for name in ALL_URLS
            if name.startswith("reviews:") and name != "reviews:list"
        },
        **{
            name: {"complaint_id": complaint.pk}
            for name in ALL_URLS
            if name.startswith("complaints:") and name != "complaints:list"
        },
        **{
            name: {"area_code": plan.area.code, "year": plan.year, **extra}
            for name, extra in {
                "plans:plan": {},
                "plans:version": {"number": 1},
                "plans:pdf": {"number": 1},
                "plans:csv": {"number": 1},
                "plans:borough": {"ons_code": "E09000007"},
                "plans:draft": {},
                "plans:narrative": {},
                "plans:commitment": {},
                "plans:commitment-remove": {"commitment_id": commitment.pk},
                "plans:comment": {},
                "plans:publish": {},
            }.items()
        },
        "oversight:sample": {"sample_id": sample.pk},
        "oversight:finding": {"sample_id": sample.pk, "record_id": sample.records.get().pk},
        "reporting:step": {"slug": "what-happened"},
        "recording:report": {"report_id": report.pk},
        "recording:record": {"report_id": report.pk},
        "recording:decline": {"report_id": report.pk},
        "recording:cancel": {"report_id": report.pk},
        "recording:appeal": {"appeal_id": appeal.pk},
    }


# Pages with matplotlib's SVG charts, which carry inline style rules (never scripts).
CHART_PAGES = {"plans:plan", "plans:version", "plans:borough", "plans:draft"}


def named_urls(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    names = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names += named_urls(entry, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"Every URL needs a name so it can have a rule: {entry.pattern}"
            names.append(f"{namespace}{entry.name}")
    return names


ALL_URLS = named_urls()


def test_every_url_has_a_rule_and_every_rule_has_a_url():
    assert sorted(set(ALL_URLS) - set(RULES)) == []
    assert sorted(set(RULES) - set(ALL_URLS)) == []


def test_no_staff_or_case_page_is_left_open_to_the_public():
    for name in ALL_URLS:
        if name.startswith(("recording:", "safeplace:", "cases:", "accounts:home")):
            assert RULES[name].audience is Audience.STAFF, name
        if name in {"portal:report", "portal:appeal", "portal:message"}:
            assert RULES[name].audience is Audience.VICTIM, name


@pytest.mark.parametrize("role", ROLES, ids=lambda role: getattr(role, "value", role or "public"))
def test_each_role_opens_exactly_the_urls_the_table_allows(client, role, sample_kwargs):
    own_report, kwargs = sample_kwargs
    user = staff(role) if isinstance(role, Role) else AnonymousUser()
    sign_in_pages = (reverse("accounts:sign-in"), reverse("portal:sign-in"))
    for name in ALL_URLS:
        # Again each time: "Exit this page" ends the session.
        if isinstance(role, Role):
            client.force_login(user)
        elif role == "victim":
            client.cookies.pop(settings.SESSION_COOKIE_NAME, None)  # emptied by "Exit this page"
            session = client.session
            session[SESSION_VICTIM_REPORT] = own_report.pk
            session.save()
        url = reverse(name, kwargs=kwargs.get(name))
        machine = RULES[name].audience is Audience.MACHINE  # a person's session never opens the API
        response = client.post(url, {}, content_type="application/json") if machine else client.get(url)
        refused = response.status_code in {401, 403} or (
            response.status_code == 302 and response.url.startswith(sign_in_pages)
        )
        allowed = RULES[name].allows(user, victim_signed_in=role == "victim")
        assert response.status_code < 500, (name, role)
        assert refused is not allowed, f"{role or 'public'} {'was refused' if refused else 'opened'} {name}"
        assert_security_headers(response, name)


def assert_security_headers(response, name):  # type: ignore[no-untyped-def]
    """Every answer, page or API, allowed or refused, carries the headers that keep a victim's data in it."""
    directives = [directive.partition(" ") for directive in response["Content-Security-Policy"].split("; ")]
    policy = {name_: value for name_, _space, value in directives}
    assert policy["script-src"] == "'self'", name
    assert policy["default-src"] == "'self'" and policy["frame-ancestors"] == "'none'", name
    assert "'unsafe-inline'" not in policy["style-src"] or name in CHART_PAGES, name
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
