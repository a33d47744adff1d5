"""Which scheme reviews a decision, from the victim's side: the national police scheme, London's extension, or the CPS.

Sources (cited in cases/fixtures/outcome_types.json `review_sources` and reviews/rules.py): the NPCC scheme covers a
police decision not to charge a suspect identified and interviewed under caution, and leaves out cases where the
victim did not support action; London's pledge extends review to any police decision not to charge an identified
suspect; CPS decisions go to the CPS scheme. The time to ask runs from when the victim was told.
"""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from victimsrights.cases import services as cases
from victimsrights.cases.models import CaseEventKind, OutcomeType
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.reviews import rules
from victimsrights.reviews.models import Footing, ReviewRequest, ReviewStatus
from victimsrights.reviews.tests.test_reviews import DECIDED, ask, reviewer, victim_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]
CPS_NOT_IN_PUBLIC_INTEREST, NAMED_SUSPECT_VICTIM_SUPPORTS, NAMED_SUSPECT_VICTIM_DOES_NOT = 9, 15, 16


def decided(outcome: int, *, interviewed: bool):
    with time_machine.travel(DECIDED, tick=False):
        report, case, officer = recorded_case()
        if interviewed:
            cases.event_record(
                case_id=case.pk, kind=CaseEventKind.SUSPECT_INTERVIEWED, note="", victim_update="", actor=officer
            )
        cases.outcome_record(
            explanation="We could not find enough evidence to charge anyone.",
            case_id=case.pk,
            outcome=OutcomeType.objects.get(code=outcome),
            actor=officer,
        )
    case.refresh_from_db()
    return report, case


def review_page(client, report) -> str:
    with time_machine.travel(DECIDED + datetime.timedelta(days=1), tick=False):
        return victim_client(client, report).get(reverse("portal:review")).content.decode()


def test_a_suspect_interviewed_and_a_victim_supporting_action_is_within_the_national_scheme(client):
    report, case = decided(NAMED_SUSPECT_VICTIM_SUPPORTS, interviewed=True)
    reviewer("reviewer.central-north")
    assert "national police Victims' Right to Review scheme covers this decision" in review_page(client, report)
    review = ask(case)
    assert review.footing == Footing.NATIONAL and review.status == ReviewStatus.IN_REVIEW


def test_outcome_16_is_offered_under_londons_extension_and_the_victim_is_told_it_is_outside_the_national_scheme(
    client,
):
    report, case = decided(NAMED_SUSPECT_VICTIM_DOES_NOT, interviewed=True)
    page = review_page(client, report)
    assert "national police Victims' Right to Review scheme does not cover this decision" in page
    assert "the victim did not support further action" in page and "London's Right to Review does" in page
    reviewer("reviewer.central-north")
    review = ask(case)
    assert review.footing == Footing.LONDON and review.reviewer is not None


def test_no_interview_under_caution_puts_a_police_decision_on_londons_extension_alone(client):
    report, case = decided(NAMED_SUSPECT_VICTIM_SUPPORTS, interviewed=False)
    assert "no suspect was interviewed under caution" in review_page(client, report)
    assert ask(case).footing == Footing.LONDON


def test_a_cps_decision_goes_to_the_cps_scheme_not_a_police_reviewer(client):
    report, case = decided(CPS_NOT_IN_PUBLIC_INTEREST, interviewed=True)
    reviewer("reviewer.central-north")
    told = case.timeline.get(kind="outcome").text
    assert "The Crown Prosecution Service made this decision" in told
    assert "Ask by 18 December 2026 if you can" in told  # 10 working days from Friday 4 December
    page = review_page(client, report)
    assert "the CPS's Victims' Right to Review scheme covers it, not a police reviewer" in page
    assert "local resolution" in page and "independent review" in page

    review = ask(case)
    assert review.footing == Footing.CPS and review.status == ReviewStatus.WITH_CPS
    assert review.reviewer is None and review.target_on is None
    assert "passed it to the CPS" in case.timeline.filter(kind="update").first().text
    with time_machine.travel(DECIDED + datetime.timedelta(days=4), tick=False):
        portal = victim_client(Client(), report).get(reverse("portal:report")).content.decode()
    assert "We passed your request to the Crown Prosecution Service" in portal


def test_the_time_to_ask_runs_from_being_told_not_from_the_decision():
    """An outcome that reaches the victim late (here four months after the decision) leaves them the full 3 months."""
    with time_machine.travel(DECIDED, tick=False):
        _report, case, _officer = recorded_case()
    decided_at = DECIDED - datetime.timedelta(days=120)
    with time_machine.travel(DECIDED, tick=False):
        locked = type(case).objects.select_for_update().get(pk=case.pk)
        cases.outcome_apply(
            locked,
            outcome=OutcomeType.objects.get(code=NAMED_SUSPECT_VICTIM_SUPPORTS),
            actor=None,
            actor_label="records system",
            at=decided_at,
        )
    case.refresh_from_db()
    assert "Ask by 4 March 2027" in case.timeline.get(kind="outcome").text
    review = ask(case, at=DECIDED + datetime.timedelta(days=30))
    assert not review.late and review.deadline == datetime.date(2027, 3, 4)
    assert review.told_at == DECIDED and review.decision_at == decided_at
    assert ReviewRequest.objects.get().status in {ReviewStatus.IN_REVIEW}


def test_the_reviewer_must_outrank_the_decision_maker_and_not_have_worked_on_the_investigation():
    """NPCC scheme (Northumbria Police's statement of it): an officer at least one rank above the decision-maker,
    with no involvement in the investigation."""
    from victimsrights.accounts.roles import Rank
    from victimsrights.reviews import services as review_services

    with time_machine.travel(DECIDED, tick=False):
        _report, case, officer = recorded_case()
        same_rank = reviewer("reviewer.same-rank")
        same_rank.rank = Rank.CONSTABLE
        same_rank.save(update_fields=["rank"])
        involved = reviewer("reviewer.involved")
        cases.case_event(case, CaseEventKind.SUSPECT_INTERVIEWED, actor=involved, note="sat in on the interview")
        cases.outcome_record(
            explanation="We could not find enough evidence to charge anyone.",
            case_id=case.pk,
            outcome=OutcomeType.objects.get(code=NAMED_SUSPECT_VICTIM_SUPPORTS),
            actor=officer,
        )
    assert officer.rank == Rank.CONSTABLE
    review = ask(case)
    assert not review_services.is_independent(reviewer=same_rank, review=review)
    assert not review_services.is_independent(reviewer=involved, review=review)
    assert review.reviewer is None  # nobody in the area qualifies, so it waits for one
    outranks = reviewer("reviewer.inspector")
    assert outranks.rank == Rank.INSPECTOR and review_services.is_independent(reviewer=outranks, review=review)


def test_a_cps_decision_to_stop_the_case_after_charge_goes_to_the_cps_route(client):
    """CPS VRR guidance: decisions to discontinue or otherwise end all proceedings; the records system can send it."""
    import json

    from victimsrights.api import services as api
    from victimsrights.areas.models import Force

    _report, case = decided(1, interviewed=True)  # charged: the case goes to court
    assert rules.reviewable(case) is None
    _client, key = api.client_create(name="Met records", force=Force.objects.get(code="met"))
    body = {
        "event_id": "cps-stop-1",
        "crime_number": case.crime.crime_number,
        "kind": "cps_discontinued",
        "occurred_at": (DECIDED + datetime.timedelta(days=2)).isoformat(),
    }
    with time_machine.travel(DECIDED + datetime.timedelta(days=2, hours=1), tick=False):
        answer = client.post(
            reverse("api:events"), json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
        )
    assert answer.json()["result"] == "applied"
    case.refresh_from_db()
    assert case.status == "closed"
    assert "stopped the case" in case.timeline.filter(kind="outcome").first().text
    found = rules.reviewable(case)
    assert found is not None and found.footing == Footing.CPS
    review = ask(case, at=DECIDED + datetime.timedelta(days=5))
    assert review.footing == Footing.CPS and review.status == ReviewStatus.WITH_CPS
    again = {**body, "event_id": "cps-stop-2"}
    with time_machine.travel(DECIDED + datetime.timedelta(days=6), tick=False):
        repeated = client.post(
            reverse("api:events"),
            json.dumps(again),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
    assert repeated.status_code == 409  # the case is closed: nothing left to stop
