"""A victim's pages show an officer's name and nothing else of their account: no page a victim opens reads a staff
member's password hash, username or email from the database, and the victim's case page reads the same number of
rows however many messages the case has (the newest are shown)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from victimsrights.cases import services as cases
from victimsrights.cases.selectors import MESSAGES_SHOWN
from victimsrights.cases.tests.factories import recorded_case, signed_in
from victimsrights.permissions import RULES, Audience

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]
STAFF_SECRETS = ('"accounts_staffuser"."password"', '"accounts_staffuser"."username"', '"accounts_staffuser"."email"')


def victim_pages() -> list[str]:
    urls = []
    for name, rule in RULES.items():
        if rule.audience is Audience.VICTIM:
            try:
                urls.append(reverse(name))
            except NoReverseMatch:
                continue  # pages that act on a record by id are reached from these
    return urls


def a_case_with_an_officer_who_wrote(messages: int):
    report, case, officer = recorded_case()
    cases.case_take(case_id=case.pk, actor=officer)
    cases.update_publish(case_id=case.pk, text="We have the CCTV.", actor=officer)
    for number in range(messages):
        cases.message_from_victim(case=case, body=f"Question {number}")
        cases.message_reply(case_id=case.pk, body=f"Answer {number}", actor=officer)
    return report, officer


def test_no_page_a_victim_opens_reads_a_staff_account():
    report, officer = a_case_with_an_officer_who_wrote(messages=2)
    victim = signed_in(report)
    for url in victim_pages():
        with CaptureQueriesContext(connection) as queries:
            page = victim.get(url)
        assert page.status_code < 500, url
        read = "\n".join(query["sql"] for query in queries.captured_queries)
        assert not [secret for secret in STAFF_SECRETS if secret in read], url
    assert officer.get_full_name() in victim.get(reverse("portal:report")).content.decode()


def test_the_case_page_reads_as_many_rows_for_many_messages_as_for_a_few_and_shows_the_newest():
    few, _ = a_case_with_an_officer_who_wrote(messages=1)
    many, _ = a_case_with_an_officer_who_wrote(messages=MESSAGES_SHOWN)
    counts = []
    for report in (few, many):
        victim = signed_in(report)
        with CaptureQueriesContext(connection) as queries:
            page = victim.get(reverse("portal:report")).content.decode()
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
    assert f"Answer {MESSAGES_SHOWN - 1}" in page and "Question 0<" not in page  # the oldest falls off
