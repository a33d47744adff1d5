"""Right to Review: asked for by the victim, decided by someone independent, told back to the victim."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.audit.models import AuditEntry
from victimsrights.cases import services as cases
from victimsrights.cases.models import CaseEventKind, CaseStatus, OutcomeType
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.compliance.models import CaseDuty
from victimsrights.notify.models import Delivery
from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT
from victimsrights.reviews import services as reviews
from victimsrights.reviews.models import ReviewRequest, ReviewStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]
LONDON = ZoneInfo("Europe/London")
DECIDED = datetime.datetime(2026, 12, 4, 11, 0, tzinfo=LONDON)
EVIDENTIAL_DIFFICULTIES = 15  # a decision not to charge
LATER = DECIDED + datetime.timedelta(days=20)
NO_SUSPECT = 18  # closes the case, but is not a decision not to charge


def closed_case(outcome: int = EVIDENTIAL_DIFFICULTIES, **kwargs):
    with time_machine.travel(DECIDED, tick=False):
        report, case, officer = recorded_case(**kwargs)
        cases.outcome_record(
            explanation="We could not find enough evidence to charge anyone.",
            case_id=case.pk,
            outcome=OutcomeType.objects.get(code=outcome),
            actor=officer,
        )
    case.refresh_from_db()
    return report, case, officer


def reviewer(username: str = "reviewer.central-north", area: str = "central-north", manager=None) -> StaffUser:
    user = staff(Role.REVIEWER, area=area, username=username)
    if manager is not None:
        user.line_manager = manager
        user.save(update_fields=["line_manager"])
    return user


def ask(case, *, at=DECIDED + datetime.timedelta(days=3), reasons="The man is on CCTV.", late_reasons=""):
    with time_machine.travel(at, tick=False):
        return reviews.review_request(case_id=case.pk, reasons=reasons, late_reasons=late_reasons)


def victim_client(client, report):
    session = client.session
    session[SESSION_VICTIM_REPORT] = report.pk
    session.save()
    return client


def test_a_decision_not_to_charge_tells_the_victim_of_the_right_to_review_and_the_deadline(client):
    report, case, _officer = closed_case()

    outcome = case.timeline.get(kind="outcome").text
    assert "You can ask for this decision to be reviewed" in outcome and "Ask by 4 March 2027" in outcome
    page = victim_client(client, report).get(reverse("portal:report")).content.decode()
    assert "Ask for this decision to be reviewed" in page and "Ask by 4 March 2027" in page


def test_an_outcome_that_is_not_a_decision_not_to_charge_offers_no_review_and_a_request_is_refused(client):
    report, case, _officer = closed_case(outcome=NO_SUSPECT)

    page = victim_client(client, report).get(reverse("portal:report")).content.decode()
    assert "Ask for this decision to be reviewed" not in page
    with pytest.raises(reviews.ReviewRefused, match="cannot be reviewed"):
        ask(case)
    assert client.post(reverse("portal:review"), {"reasons": "Please"}).url == reverse("portal:report")
    assert not ReviewRequest.objects.exists()


def test_the_request_goes_to_an_independent_reviewer_with_a_target_thirty_working_days_away():
    _report, case, officer = closed_case()
    their_manager = reviewer("reviewer.manager")
    officer.line_manager = their_manager
    officer.save(update_fields=["line_manager"])
    independent = reviewer("reviewer.independent")

    review = ask(case)

    assert review.reviewer == independent, "the decision-maker's line manager is skipped even with fewer reviews"
    assert review.status == ReviewStatus.IN_REVIEW
    assert review.target_on == datetime.date(2027, 1, 21)  # 30 working days from Mon 7 Dec, skipping Christmas
    assert review.decision_maker == officer and review.outcome.code == EVIDENTIAL_DIFFICULTIES
    kinds = set(case.events.values_list("kind", flat=True))
    assert {CaseEventKind.REVIEW_REQUESTED, CaseEventKind.REVIEW_ASSIGNED} <= kinds
    assert "We aim to tell you the result by 21 January 2027" in case.timeline.first().text
    assert AuditEntry.objects.filter(action="review.request", subject_id=str(case.crime.report_id)).exists()
    assert (
        Delivery.objects.alerts().filter(report=case.crime.report).count() == 2
    )  # the outcome, then the acknowledgement


def test_nobody_in_the_decision_makers_line_nor_the_decision_maker_can_take_or_decide_the_review():
    _report, case, officer = closed_case()
    manages_the_officer = reviewer("reviewer.manager")
    officer.line_manager = manages_the_officer
    officer.save(update_fields=["line_manager"])
    managed_by_the_officer = reviewer("reviewer.junior", manager=officer)
    review = ask(case)
    assert review.reviewer is None, "no independent reviewer in the area: it waits in the queue"

    for not_independent in (manages_the_officer, managed_by_the_officer):
        with pytest.raises(reviews.ReviewRefused, match="Another reviewer"):
            reviews.review_take(review_id=review.pk, actor=not_independent)
    officer.role = Role.REVIEWER  # the decision-maker, later moved to reviewing
    officer.save(update_fields=["role"])
    with pytest.raises(reviews.ReviewRefused, match="Another reviewer"):
        reviews.review_take(review_id=review.pk, actor=officer)
    review.refresh_from_db()
    assert review.reviewer is None and review.status == ReviewStatus.IN_REVIEW

    independent = reviewer("reviewer.independent")
    with pytest.raises(reviews.ReviewRefused, match="Take this review"):
        reviews.review_decide(review_id=review.pk, overturn=True, reasons="x", actor=independent)
    reviews.review_take(review_id=review.pk, actor=independent)
    officer.line_manager = independent  # the line changes after assignment: the decision is still refused
    officer.save(update_fields=["line_manager"])
    with pytest.raises(reviews.ReviewRefused, match="Another reviewer"):
        reviews.review_decide(review_id=review.pk, overturn=True, reasons="x", actor=independent)


def test_asking_twice_or_without_being_signed_in_as_the_victim_changes_nothing(client):
    report, case, _officer = closed_case()
    reviewer()
    ask(case)

    with pytest.raises(reviews.ReviewRefused, match="already asked"):
        ask(case)
    response = victim_client(client, report).post(reverse("portal:review"), {"reasons": "Again"})
    assert response.status_code == 200 and "You have already asked" in response.content.decode()
    client.logout()
    response = client.post(reverse("portal:review"), {"reasons": "Someone else"})
    assert response.status_code == 302 and response.url == reverse("portal:sign-in")
    assert ReviewRequest.objects.count() == 1


def test_overturning_reopens_the_case_tells_the_victim_and_is_on_the_history_and_audit_log():
    _report, case, _officer = closed_case()
    the_reviewer = reviewer()
    review = ask(case)

    with time_machine.travel(LATER, tick=False):
        reviews.review_decide(
            review_id=review.pk, overturn=True, reasons="The CCTV was never viewed.", actor=the_reviewer
        )

    case.refresh_from_db()
    assert (case.status, case.outcome, case.officer) == (CaseStatus.INVESTIGATING, None, None)
    review.refresh_from_db()
    assert review.status == ReviewStatus.OVERTURNED and review.decided_at is not None
    latest = case.timeline.first().text
    assert "decided it was wrong" in latest and "The CCTV was never viewed." in latest
    kinds = list(case.events.values_list("kind", flat=True))
    assert CaseEventKind.REVIEW_DECIDED in kinds and CaseEventKind.CASE_REOPENED in kinds
    assert AuditEntry.objects.filter(action="review.decide", detail__overturned=True).exists()
    told = CaseDuty.objects.get(case=case, duty__code="tell-review")
    assert not told.is_open and told.met_on_time
    with pytest.raises(reviews.ReviewRefused, match="not open"):
        reviews.review_decide(review_id=review.pk, overturn=False, reasons="x", actor=the_reviewer)


def test_upholding_keeps_the_case_closed_and_the_victim_reads_the_reasons(client):
    report, case, _officer = closed_case()
    the_reviewer = reviewer()
    review = ask(case)

    with time_machine.travel(LATER, tick=False):
        reviews.review_decide(
            review_id=review.pk, overturn=False, reasons="No witness could be found.", actor=the_reviewer
        )

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.outcome.code == EVIDENTIAL_DIFFICULTIES
    page = victim_client(client, report).get(reverse("portal:report")).content.decode()
    assert "The reviewer agreed with the decision not to charge" in page and "No witness could be found." in page
    assert "Ask for this decision to be reviewed" not in page


def test_after_the_time_limit_the_victim_must_explain_and_the_reviewer_decides_whether_to_accept():
    _report, case, _officer = closed_case()
    the_reviewer = reviewer()
    after = datetime.datetime(2027, 3, 5, 10, 0, tzinfo=LONDON)  # the last day was 4 March 2027

    with pytest.raises(reviews.ReviewRefused, match="ended on 4 March 2027"):
        ask(case, at=after)
    review = ask(case, at=after, late_reasons="I was in hospital.")
    assert (review.late, review.status, review.target_on) == (True, ReviewStatus.AWAITING_ACCEPTANCE, None)
    with pytest.raises(reviews.ReviewRefused, match="not open"):
        reviews.review_decide(review_id=review.pk, overturn=True, reasons="x", actor=the_reviewer)

    with time_machine.travel(after, tick=False):
        reviews.review_accept_late(review_id=review.pk, accept=True, reasons="", actor=the_reviewer)
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW and review.target_on == datetime.date(2027, 4, 20)


def test_a_late_request_not_accepted_is_explained_to_the_victim():
    _report, case, _officer = closed_case()
    the_reviewer = reviewer()
    review = ask(case, at=datetime.datetime(2027, 6, 1, tzinfo=LONDON), late_reasons="I forgot.")

    with time_machine.travel(datetime.datetime(2027, 6, 2, tzinfo=LONDON), tick=False):
        reviews.review_accept_late(
            review_id=review.pk, accept=False, reasons="Nothing stopped you asking.", actor=the_reviewer
        )

    review.refresh_from_db()
    assert review.status == ReviewStatus.NOT_ACCEPTED
    assert "has not been accepted. Nothing stopped you asking." in case.timeline.first().text


def test_the_victim_is_told_once_when_a_review_misses_its_target():
    _report, case, _officer = closed_case()
    reviewer()
    review = ask(case)

    with time_machine.travel(datetime.datetime(2027, 1, 21, 17, 0, tzinfo=LONDON), tick=False):
        assert reviews.reviews_tell_of_delay() == 0, "the target day itself is not late"
    with time_machine.travel(datetime.datetime(2027, 1, 22, 9, 0, tzinfo=LONDON), tick=False):
        assert reviews.reviews_tell_of_delay() == 1
        assert reviews.reviews_tell_of_delay() == 0

    review.refresh_from_db()
    assert review.delay_told_at is not None
    assert "taking longer than we said" in case.timeline.first().text


def test_a_reviewer_of_another_area_can_neither_see_nor_decide_the_review(client):
    _report, case, _officer = closed_case()
    reviewer()
    review = ask(case)
    elsewhere = reviewer("reviewer.south-east", area="south-east")

    client.force_login(elsewhere)
    assert client.get(reverse("reviews:review", kwargs={"review_id": review.pk})).status_code == 404
    assert case.crime.crime_number not in client.get(reverse("reviews:list")).content.decode()
    with pytest.raises(reviews.ReviewRefused):
        reviews.review_decide(review_id=review.pk, overturn=True, reasons="x", actor=elsewhere)


def test_the_reviewers_pages_explain_bad_input_on_the_same_page(client):
    _report, case, officer = closed_case()
    the_reviewer = reviewer()
    review = ask(case)
    url = reverse("reviews:review", kwargs={"review_id": review.pk})
    client.force_login(the_reviewer)

    page = client.get(url).content.decode()
    assert "The man is on CCTV." in page and "Decide the review" in page
    response = client.post(reverse("reviews:decide", kwargs={"review_id": review.pk}), {"decision": "maybe"})
    body = response.content.decode()
    assert response.status_code == 200 and "Choose your decision" in body and "Give the reasons" in body
    assert AuditEntry.objects.filter(action="review.view", actor=the_reviewer).exists()

    managed = reviewer("reviewer.junior", manager=officer)
    client.force_login(managed)
    response = client.post(reverse("reviews:take", kwargs={"review_id": review.pk}))
    assert response.status_code == 200 and "Another reviewer must take it" in response.content.decode()
    review.refresh_from_db()
    assert review.reviewer == the_reviewer
