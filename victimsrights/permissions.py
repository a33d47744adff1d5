"""Who may open which page: the one permission table.

Every named URL has a rule here: the roles that may open it and the objects they may
reach through it. The middleware refuses a URL without a rule, and
`tests/test_permission_matrix.py` walks every URL x every role against this table.
Object scope (own area, own organisation, own case) is then applied by the selectors
the view calls, which take the user and return only what is in scope.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from victimsrights.accounts.roles import Role
from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT, SESSION_VICTIM_SEALED_RECORD


class Audience(StrEnum):
    PUBLIC = "public"  # anyone, including a victim with no account
    VICTIM = "victim"  # a victim signed in to their own report by one-time code
    STAFF = "staff"  # signed-in staff in one of the rule's roles
    MACHINE = "machine"  # an API client with its key, checked by the API itself; never a person


class Scope(StrEnum):
    NONE = "none"  # no victim data behind the page
    OWN_DRAFT = "own draft"  # the victim's own draft or report, held in their session
    OWN_AREA = "own area"  # the registrar's area is the whole force
    OWN_FORCE = "own force"
    OWN_ORGANISATION = "own organisation"
    OWN_CASE = "own case"
    ALL_AREAS_READ_ONLY = "all areas, read only"


@dataclass(frozen=True)
class Rule:
    audience: Audience
    scope: Scope
    roles: frozenset[Role] = frozenset()
    # Staff pages open only once the code from the authenticator app is entered, bar the page that asks for it.
    second_factor: bool = True

    def allows(self, user: Any, victim_signed_in: bool = False) -> bool:
        if self.audience is Audience.PUBLIC:
            return True
        if self.audience is Audience.VICTIM:
            return victim_signed_in
        if self.audience is Audience.MACHINE:
            return False
        return bool(user.is_authenticated and user.is_active and user.role in self.roles)


ALL_STAFF = frozenset(Role)
RECORDING_OFFICER, CRIME_REGISTRAR, SAFE_PLACE_WORKER, INVESTIGATING_OFFICER, REVIEWER = (
    Role.RECORDING_OFFICER,
    Role.CRIME_REGISTRAR,
    Role.SAFE_PLACE_WORKER,
    Role.INVESTIGATING_OFFICER,
    Role.REVIEWER,
)
AREA_COMMANDER, VICTIMS_COMMISSIONER, PROFESSIONAL_STANDARDS = (
    Role.AREA_COMMANDER,
    Role.VICTIMS_COMMISSIONER,
    Role.PROFESSIONAL_STANDARDS,
)


def public(scope: Scope = Scope.NONE) -> Rule:
    return Rule(Audience.PUBLIC, scope)


def victim() -> Rule:
    return Rule(Audience.VICTIM, Scope.OWN_CASE)


def machine(scope: Scope) -> Rule:
    return Rule(Audience.MACHINE, scope)


def staff(*roles: Role, scope: Scope, second_factor: bool = True) -> Rule:
    return Rule(Audience.STAFF, scope, frozenset(roles), second_factor)


RULES: dict[str, Rule] = {
    # Service-wide
    "home": public(),
    "sign-in": public(),
    "continue": public(),
    "exit": public(),
    "set-language": public(),  # the victim's choice of language, kept in a cookie
    "accessibility": public(),
    "privacy": public(),
    "health-live": public(),
    "health-ready": public(),
    # Right to Report: the victim's own journey, kept in their session
    "reporting:start": public(),
    "reporting:call-999": public(),
    "reporting:step": public(Scope.OWN_DRAFT),
    "reporting:check-answers": public(Scope.OWN_DRAFT),
    "reporting:confirmation": public(Scope.OWN_DRAFT),
    "reporting:save": public(Scope.OWN_DRAFT),
    "reporting:saved": public(Scope.OWN_DRAFT),
    "reporting:resume": public(Scope.OWN_DRAFT),
    # The victim's own pages
    "portal:sign-in": public(),
    "portal:code": public(),
    "portal:sign-out": public(),
    "portal:report": victim(),
    "portal:appeal": victim(),
    "portal:message": victim(),
    "portal:contact": victim(),
    "portal:review": victim(),
    "portal:complaint": victim(),
    "portal:feedback": victim(),
    "portal:feedback-decline": victim(),
    "portal:complaint-escalate": victim(),
    "portal:sealed-sign-in": public(),
    "portal:sealed": victim(),
    "portal:sealed-action": victim(),
    # Right to Record
    "recording:queue": staff(RECORDING_OFFICER, CRIME_REGISTRAR, scope=Scope.OWN_AREA),
    "recording:report": staff(RECORDING_OFFICER, CRIME_REGISTRAR, scope=Scope.OWN_AREA),
    "recording:record": staff(RECORDING_OFFICER, CRIME_REGISTRAR, scope=Scope.OWN_AREA),
    "recording:decline": staff(RECORDING_OFFICER, CRIME_REGISTRAR, scope=Scope.OWN_AREA),
    "recording:cancel": staff(CRIME_REGISTRAR, scope=Scope.OWN_FORCE),
    "recording:appeals": staff(CRIME_REGISTRAR, scope=Scope.OWN_FORCE),
    "recording:appeal": staff(CRIME_REGISTRAR, scope=Scope.OWN_FORCE),
    # Safe places: their own organisation's reports, sealed records and workers, nothing else
    "safeplace:home": staff(SAFE_PLACE_WORKER, scope=Scope.OWN_ORGANISATION),
    "safeplace:report": staff(SAFE_PLACE_WORKER, scope=Scope.OWN_ORGANISATION),
    "safeplace:appeal": staff(SAFE_PLACE_WORKER, scope=Scope.OWN_ORGANISATION),
    "safeplace:sealed-new": staff(SAFE_PLACE_WORKER, scope=Scope.OWN_ORGANISATION),
    "safeplace:sealed-created": staff(SAFE_PLACE_WORKER, scope=Scope.OWN_ORGANISATION),
    "safeplace:sealed": staff(SAFE_PLACE_WORKER, scope=Scope.OWN_ORGANISATION),
    "safeplace:sealed-action": staff(SAFE_PLACE_WORKER, scope=Scope.OWN_ORGANISATION),
    "safeplace:sealed-identify": staff(SAFE_PLACE_WORKER, scope=Scope.OWN_ORGANISATION),
    # Matching across safe places: the commissioner sees counts, never a record (Scope.NONE: no victim data)
    "safeplace:matching": staff(VICTIMS_COMMISSIONER, scope=Scope.NONE),
    "safeplace:workers": staff(SAFE_PLACE_WORKER, scope=Scope.OWN_ORGANISATION),
    "safeplace:worker-deactivate": staff(SAFE_PLACE_WORKER, scope=Scope.OWN_ORGANISATION),
    # Cases: investigating officers of the case's area
    "cases:list": staff(INVESTIGATING_OFFICER, scope=Scope.OWN_AREA),
    "cases:case": staff(INVESTIGATING_OFFICER, scope=Scope.OWN_AREA),
    "cases:take": staff(INVESTIGATING_OFFICER, scope=Scope.OWN_AREA),
    "cases:update": staff(INVESTIGATING_OFFICER, scope=Scope.OWN_AREA),
    "cases:hearing": staff(INVESTIGATING_OFFICER, scope=Scope.OWN_AREA),
    "cases:outcome": staff(INVESTIGATING_OFFICER, scope=Scope.OWN_AREA),
    "cases:reply": staff(INVESTIGATING_OFFICER, scope=Scope.OWN_AREA),
    "cases:event": staff(INVESTIGATING_OFFICER, scope=Scope.OWN_AREA),
    "cases:enhanced-rights": staff(INVESTIGATING_OFFICER, scope=Scope.OWN_AREA),
    "cases:update-frequency": staff(INVESTIGATING_OFFICER, scope=Scope.OWN_AREA),
    "cases:property": staff(INVESTIGATING_OFFICER, scope=Scope.OWN_AREA),
    "cases:property-status": staff(INVESTIGATING_OFFICER, scope=Scope.OWN_AREA),
    # Right to Review: reviewers of the case's area, never the decision-maker or their line (the service checks)
    "reviews:list": staff(REVIEWER, scope=Scope.OWN_AREA),
    "reviews:review": staff(REVIEWER, scope=Scope.OWN_AREA),
    "reviews:take": staff(REVIEWER, scope=Scope.OWN_AREA),
    "reviews:late": staff(REVIEWER, scope=Scope.OWN_AREA),
    "reviews:decide": staff(REVIEWER, scope=Scope.OWN_AREA),
    # Complaints: the area's professional standards; escalations to the commissioner (read and conclude only)
    "complaints:list": staff(PROFESSIONAL_STANDARDS, VICTIMS_COMMISSIONER, scope=Scope.OWN_AREA),
    "complaints:complaint": staff(PROFESSIONAL_STANDARDS, VICTIMS_COMMISSIONER, scope=Scope.OWN_AREA),
    "complaints:answer": staff(PROFESSIONAL_STANDARDS, scope=Scope.OWN_AREA),
    "complaints:conclude": staff(VICTIMS_COMMISSIONER, scope=Scope.ALL_AREAS_READ_ONLY),
    # The Victims Commissioner: read-only oversight of every area
    "oversight:dashboard": staff(VICTIMS_COMMISSIONER, scope=Scope.ALL_AREAS_READ_ONLY),
    "oversight:dashboard-count": staff(VICTIMS_COMMISSIONER, scope=Scope.ALL_AREAS_READ_ONLY),
    "oversight:audit": staff(VICTIMS_COMMISSIONER, scope=Scope.ALL_AREAS_READ_ONLY),
    "oversight:audit-verify": staff(VICTIMS_COMMISSIONER, scope=Scope.ALL_AREAS_READ_ONLY),
    "oversight:samples": staff(VICTIMS_COMMISSIONER, scope=Scope.ALL_AREAS_READ_ONLY),
    "oversight:sample": staff(VICTIMS_COMMISSIONER, scope=Scope.ALL_AREAS_READ_ONLY),
    "oversight:finding": staff(VICTIMS_COMMISSIONER, scope=Scope.ALL_AREAS_READ_ONLY),
    # The commissioner's recommendations: they record them; each area's commander answers their own area's
    "oversight:recommendations": staff(VICTIMS_COMMISSIONER, AREA_COMMANDER, scope=Scope.OWN_AREA),
    "oversight:recommendation-respond": staff(AREA_COMMANDER, scope=Scope.OWN_AREA),
    # Victims' own words about the service, pseudonymised, by area and year: never linked to a case
    "oversight:feedback": staff(VICTIMS_COMMISSIONER, scope=Scope.ALL_AREAS_READ_ONLY),
    # Victims' Code compliance figures: counts only, no victim data
    "compliance:figures": staff(AREA_COMMANDER, VICTIMS_COMMISSIONER, scope=Scope.OWN_AREA),
    # Victims' Plans: published figures are public statistics (counts only, no victim data)
    "plans:index": public(),
    "plans:plan": public(),
    "plans:version": public(),
    "plans:pdf": public(),
    "plans:csv": public(),
    "plans:borough": public(),
    "plans:data-package": public(),
    "plans:data-csv": public(),
    "plans:data-json": public(),
    # Drafting a plan: the area's commander writes and publishes; the commissioner reads every area's and comments
    "plans:drafts": staff(AREA_COMMANDER, VICTIMS_COMMISSIONER, scope=Scope.OWN_AREA),
    "plans:draft": staff(AREA_COMMANDER, VICTIMS_COMMISSIONER, scope=Scope.OWN_AREA),
    "plans:narrative": staff(AREA_COMMANDER, scope=Scope.OWN_AREA),
    "plans:commitment": staff(AREA_COMMANDER, scope=Scope.OWN_AREA),
    "plans:commitment-remove": staff(AREA_COMMANDER, scope=Scope.OWN_AREA),
    "plans:publish": staff(AREA_COMMANDER, scope=Scope.OWN_AREA),
    "plans:comment": staff(VICTIMS_COMMISSIONER, scope=Scope.ALL_AREAS_READ_ONLY),
    # The integration API: a records-system client, by its key, in its force (and areas, if set)
    "api:events": machine(Scope.OWN_FORCE),
    "api:events-batch": machine(Scope.OWN_FORCE),
    "api:case-state": machine(Scope.OWN_FORCE),
    "api:openapi-json": public(),
    "api:openapi-view": public(),
    "api:api-root": public(),
    # GOV.UK Notify's callback: a machine, authenticated by its bearer token in the view
    "notify:callback": public(),
    # Letters to print and post, when GOV.UK Notify does not send them
    "notify:letters": staff(RECORDING_OFFICER, CRIME_REGISTRAR, scope=Scope.OWN_AREA),
    # Staff accounts
    "accounts:sign-in": public(),
    "accounts:enrol": public(),
    "accounts:sign-out": public(),
    "accounts:second-factor": staff(*ALL_STAFF, scope=Scope.NONE, second_factor=False),
    "accounts:home": staff(*ALL_STAFF, scope=Scope.NONE),
}


# The first page of each piece of work, listed on "Your work" for whoever the table lets in.
START_PAGES = [
    ("recording:queue", "Recording queue"),
    ("recording:appeals", "Appeals against refusals to record"),
    ("notify:letters", "Letters to print and post"),
    ("cases:list", "Cases and Victims' Code duties"),
    ("reviews:list", "Right to Review requests"),
    ("compliance:figures", "Victims' Code compliance figures"),
    ("plans:drafts", "Victims' Plans"),
    ("oversight:dashboard", "Areas compared"),
    ("complaints:list", "Complaints"),
    ("oversight:audit", "Audit log"),
    ("oversight:samples", "Case sampling"),
    ("oversight:recommendations", "The commissioner's recommendations"),
    ("oversight:feedback", "What victims told us, in their own words"),
    ("safeplace:matching", "Matching across safe places: counts"),
    ("safeplace:home", "Your organisation's reports and sealed records"),
]


def start_pages_for(user: Any) -> list[tuple[str, str]]:
    return [(name, label) for name, label in START_PAGES if RULES[name].allows(user)]


def rule_for(view_name: str) -> Rule:
    try:
        return RULES[view_name]
    except KeyError:
        raise ImproperlyConfigured(
            f"The URL '{view_name}' has no rule in victimsrights/permissions.py; add one."
        ) from None


class PermissionMiddleware:
    """Applies the table before any view runs."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        return response

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any) -> Any:
        match = request.resolver_match
        if match is None:
            return None
        rule = rule_for(match.view_name)
        request.permission_rule = rule  # type: ignore[attr-defined]
        if rule.audience is Audience.MACHINE:
            return None  # the API authenticates its clients' keys; a person's session opens nothing there
        victim_signed_in = SESSION_VICTIM_REPORT in request.session or SESSION_VICTIM_SEALED_RECORD in request.session
        if rule.allows(request.user, victim_signed_in=victim_signed_in):
            if rule.audience is Audience.STAFF and rule.second_factor and not request.user.is_verified():  # type: ignore[union-attr]
                return redirect(f"{reverse('accounts:second-factor')}?{urlencode({'next': request.path})}")
            return None
        if rule.audience is Audience.VICTIM:
            return redirect("portal:sign-in")
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:sign-in')}?next={request.path}")
        raise PermissionDenied
