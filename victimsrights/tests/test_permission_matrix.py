"""Every URL x every role, against the one permission table in victimsrights/permissions.py."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.areas.models import Borough, Force
from victimsrights.cases import services as cases
from victimsrights.cases.models import OutcomeType
from victimsrights.complaints import services as complaints
from victimsrights.oversight import services as oversight
from victimsrights.oversight.models import SampleKind
from victimsrights.permissions import RULES, Audience
from victimsrights.plans import services as plans
from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT
from victimsrights.recording import services as recording
from victimsrights.recording.models import OffenceClassification
from victimsrights.reporting.models import Report
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.reviews import services as reviews
from victimsrights.sealedrecords import services as sealed_records
from victimsrights.testing.database import table_rows
from victimsrights.testing.html import duplicate_ids, system_words

pytestmark = pytest.mark.usefixtures("london")

ROLES = [None, "victim", *Role]  # None: anyone not signed in; "victim": signed in to their own report


@dataclass(frozen=True)
class Owner:
    """Whose objects: an area (with its force) and a safe-place organisation."""

    boroughs: tuple[str, str]
    area: str
    organisation: str
    force: str = "met"


OURS = Owner(("Camden", "Islington"), "central-north", "Test Refuge")
ANOTHER_AREA = Owner(("Croydon", "Bromley"), "south", "Other Refuge")
ANOTHER_FORCE = Owner(("City of London", "City of London"), "city-of-london", "City Refuge", "city-of-london")


def objects_of(owner: Owner) -> tuple[Report, dict[str, dict[str, Any]]]:
    """Example arguments for every URL that takes them, naming objects that belong to `owner`.

    A new URL with arguments must be added here, or the matrix test fails.
    """

    def person(role: Role) -> StaffUser:
        user = staff(role, area=owner.area, username=f"matrix.{role.value}.{owner.area}", org=owner.organisation)
        if user.force is not None and user.force.code != owner.force:
            user.force = Force.objects.get(code=owner.force)
            user.save(update_fields=["force"])
        return user

    first, second = owner.boroughs
    report = submitted_report(borough=first, seed=1)
    declined = submitted_report(borough=second, seed=2)
    officer = person(Role.RECORDING_OFFICER)
    recording.report_decline(report_id=declined.pk, reason="incident", explanation="An incident.", actor=officer)
    appeal = recording.appeal_submit(report_id=declined.pk, reasons="It is a crime.", made_by="the victim, online")
    recorded = submitted_report(borough=second, seed=3)
    crime = recording.crime_record(
        report_id=recorded.pk, classification=OffenceClassification.objects.first(), actor=officer
    )
    cases.outcome_record(
        explanation="We could not find enough evidence to charge anyone.",
        case_id=crime.case.pk,
        outcome=OutcomeType.objects.get(code=15),
        actor=person(Role.INVESTIGATING_OFFICER),
    )
    review = reviews.review_request(case_id=crime.case.pk, reasons="", late_reasons="")
    complaint = complaints.complaint_make(report=recorded, what_went_wrong="Matrix")
    answerer = person(Role.PROFESSIONAL_STANDARDS)
    complaints.complaint_answer(complaint_id=complaint.pk, upheld=False, answer="Answered.", actor=answerer)
    complaints.complaint_escalate(report=recorded, why_not_satisfied="Not satisfied.")  # the commissioner's now
    commissioner = person(Role.VICTIMS_COMMISSIONER)
    sample = oversight.sample_draw(
        area=crime.report.area,
        kind=SampleKind.NOT_CHARGED,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2099, 12, 31),
        size=1,
        actor=commissioner,
    )
    commander = person(Role.AREA_COMMANDER)
    recommendation = oversight.recommendation_make(
        area=crime.report.area,
        report_title="Matrix report",
        text="Answer messages sooner.",
        published_on=timezone.localdate(),
        actor=commissioner,
    )
    plan = plans.plan_get_or_start(area=crime.report.area, year=timezone.localdate().year)
    plans.narrative_save(plan_id=plan.pk, narrative="Matrix year.", actor=commander)
    commitment = plans.commitment_add(plan_id=plan.pk, commitment="C", measure="M", target="T", actor=commander)
    plans.plan_publish(plan_id=plan.pk, actor=commander)
    worker = person(Role.SAFE_PLACE_WORKER)
    record, _code = sealed_records.sealed_record_create(worker=worker, account="Sealed.", notes="")
    borough_code = Borough.objects.get(name=first).ons_code
    return report, {
        "safeplace:sealed": {"record_id": record.pk},
        "safeplace:sealed-created": {"record_id": record.pk},
        "safeplace:sealed-action": {"record_id": record.pk, "action": "extend"},
        "safeplace:sealed-identify": {"record_id": record.pk},
        "safeplace:worker-deactivate": {"worker_id": worker.pk},
        "portal:sealed-action": {"action": "extend"},
        "safeplace:appeal": {"report_id": report.pk},
        "oversight:recommendation-respond": {"recommendation_id": recommendation.pk},
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
                "plans:borough": {"ons_code": borough_code},
                "plans:data-package": {},
                "plans:data-csv": {},
                "plans:data-json": {},
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
        "recording:cancel": {"report_id": recorded.pk},
        "recording:appeal": {"appeal_id": appeal.pk},
    }


@pytest.fixture
def sample_kwargs():
    return objects_of(OURS)


# Pages with matplotlib's SVG charts, which carry inline style rules (never scripts).
CHART_PAGES = {"plans:plan", "plans:version", "plans:borough", "plans:draft"}


def url_arguments(resolver: URLResolver | None = None, namespace: str = "") -> dict[str, set[str]]:
    """Every named URL, from the resolver, with the arguments it takes."""
    arguments = {}
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            arguments |= url_arguments(entry, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"Every URL needs a name so it can have a rule: {entry.pattern}"
            pattern = entry.pattern
            names = getattr(pattern, "converters", {}) or getattr(pattern, "regex", None).groupindex
            arguments[f"{namespace}{entry.name}"] = set(names)
    return arguments


URL_ARGUMENTS = url_arguments()
ALL_URLS = list(URL_ARGUMENTS)


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
        if response.get("Content-Type", "").startswith("text/html"):
            assert duplicate_ids(response.content.decode()) == [], (name, role)
            assert system_words(response.content.decode()) == [], (name, role)


# URLs whose arguments name no one's object: a step of the victim's own draft, an action on the victim's
# own sealed record (both held in their session), the commissioner's own samples, and published plans.
UNOWNED = {"reporting:step", "portal:sealed-action", "oversight:sample", "oversight:finding"} | {
    name for name in ALL_URLS if RULES[name].audience is Audience.PUBLIC
}
# What changes as people merely sign in and are refused: sessions, the cache, the audit log of the
# attempts themselves, and last sign-in times.
VOLATILE_TABLES = {"django_session", "vrs_cache", "audit_auditentry", "audit_auditchainhead"}
VOLATILE_COLUMNS = {"last_login"}


def test_no_url_a_victim_opens_names_an_object():
    """A victim reaches their own report through their session alone, so no id in a URL can point elsewhere."""
    victims_urls = {name: args for name, args in URL_ARGUMENTS.items() if RULES[name].audience is Audience.VICTIM}
    assert "portal:report" in victims_urls
    assert {name: args for name, args in victims_urls.items() if args - {"action"}} == {}


def reaches(role: Role, owner: Owner) -> bool:
    """Whether the role's scope takes in the owner's objects: the commissioner reads every area, and
    the crime registrar works across their own force."""
    return role is Role.VICTIMS_COMMISSIONER or (role is Role.CRIME_REGISTRAR and owner.force == OURS.force)


@pytest.mark.parametrize("owner", [ANOTHER_AREA, ANOTHER_FORCE], ids=lambda owner: owner.area)
@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_changing_the_id_in_a_url_never_reaches_someone_elses_object(client, role, owner):
    """Every staff URL that names an object, opened and posted to with another area's, force's or
    organisation's object: refused (404 or 403) and nothing changed, unless the role's scope takes it in."""
    their_report, theirs = objects_of(owner)
    user = staff(role)
    user.is_organisation_admin = role is Role.SAFE_PLACE_WORKER  # the most a worker can be
    user.save(update_fields=["is_organisation_admin"])
    client.force_login(user)
    before = table_rows(leave_out=VOLATILE_TABLES, columns_left_out=VOLATILE_COLUMNS)
    tried = 0
    for name in sorted(set(theirs) - UNOWNED):
        if not RULES[name].allows(user):
            continue  # refused whatever the object: the role matrix covers it
        url = reverse(name, kwargs=theirs[name])
        answers = {method.__name__: method(url, {}) for method in (client.get, client.post)}
        statuses = {method: response.status_code for method, response in answers.items()}
        tried += 1
        # 405 (a method the page does not take) is decided before any object is looked up.
        if reaches(role, owner):
            assert set(statuses.values()) <= {200, 405} and 200 in statuses.values(), (name, statuses)
        else:
            assert set(statuses.values()) <= {403, 404, 405} and set(statuses.values()) != {405}, (name, statuses)
            assert not any(their_report.reference in answer.content.decode() for answer in answers.values()), name
    assert tried > 0  # every role has pages that name objects
    after = table_rows(leave_out=VOLATILE_TABLES, columns_left_out=VOLATILE_COLUMNS)
    assert {table: rows for table, rows in after.items() if rows != before[table]} == {}


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
