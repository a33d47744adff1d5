import itertools

import pytest

from victimsrights.areas.models import Force
from victimsrights.audit import services as audit
from victimsrights.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_entries():
    force = Force.objects.create(code="test", name="Test Force", crime_number_prefix="TST")
    return [audit.record(actor=None, action=f"test.{n}", subject=force, detail={"n": n}) for n in range(5)]


def test_an_untouched_log_verifies(five_entries):
    result = audit.verify_chain()

    assert result.intact
    assert result.entries_checked == 5


def test_each_entry_carries_the_hash_of_the_one_before(five_entries):
    for before, after in itertools.pairwise(five_entries):
        assert after.previous_hash == before.entry_hash


def test_an_edited_entry_is_reported_as_the_first_broken_link(five_entries):
    AuditEntry.objects.filter(pk=five_entries[2].pk).update(action="test.innocent")

    result = audit.verify_chain()

    assert not result.intact
    assert result.first_broken_entry_id == five_entries[2].pk
    assert "changed" in result.problem


def test_a_deleted_entry_is_detected_at_the_entry_after_it(five_entries):
    AuditEntry.objects.filter(pk=five_entries[1].pk).delete()

    result = audit.verify_chain()

    assert result.first_broken_entry_id == five_entries[2].pk


def test_swapping_two_entries_is_detected(five_entries):
    first, second = five_entries[1], five_entries[2]
    fields = ["action", "detail", "previous_hash", "entry_hash"]
    AuditEntry.objects.filter(pk=first.pk).update(entry_hash="x" * 64)
    AuditEntry.objects.filter(pk=second.pk).update(**{f: getattr(first, f) for f in fields})
    AuditEntry.objects.filter(pk=first.pk).update(**{f: getattr(second, f) for f in fields})

    assert audit.verify_chain().first_broken_entry_id == first.pk


def test_removing_the_newest_entries_is_detected(five_entries):
    AuditEntry.objects.filter(pk__in=[e.pk for e in five_entries[3:]]).delete()

    result = audit.verify_chain()

    assert not result.intact
    assert "end of the log" in result.problem
