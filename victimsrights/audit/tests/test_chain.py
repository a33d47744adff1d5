"""The audit log is written without a lock and chained afterwards; any edit, removal, addition or move of a chained
entry is found, however many processes were writing at once."""

import itertools
import threading

import pytest
from django.db import connection, connections, transaction

from victimsrights.areas.models import Force
from victimsrights.audit import services as audit
from victimsrights.audit.models import AuditChainHead, AuditEntry

pytestmark = pytest.mark.django_db
server_database = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need a server database"
)


def _force() -> Force:
    return Force.objects.get_or_create(code="test", defaults={"name": "Test Force", "crime_number_prefix": "TST"})[0]


@pytest.fixture
def five_entries():
    force = _force()
    written = [audit.record(actor=None, action=f"test.{n}", subject=force, detail={"n": n}) for n in range(5)]
    assert audit.chain_pending() == 5
    return list(AuditEntry.objects.filter(pk__in=[e.pk for e in written]).order_by("chain_position"))


def _forge_after(entry: AuditEntry, *, position: int) -> AuditEntry:
    """An entry an intruder adds with a correct link to the one before it."""
    forged = AuditEntry(
        at=entry.at,
        actor_label="intruder",
        action="test.forged",
        subject_type=entry.subject_type,
        subject_id=entry.subject_id,
        detail={},
        chain_position=position,
        previous_hash=entry.entry_hash,
    )
    forged.entry_hash = audit._entry_hash(previous_hash=entry.entry_hash, entry=forged)
    forged.save()
    return forged


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


def test_an_entry_added_between_two_chained_entries_is_detected(five_entries):
    AuditEntry.objects.filter(pk__in=[e.pk for e in five_entries[3:]]).update(chain_position=None)
    for entry in reversed(five_entries[3:]):  # make room after the third entry
        AuditEntry.objects.filter(pk=entry.pk).update(chain_position=entry.chain_position + 1)
    _forge_after(five_entries[2], position=five_entries[2].chain_position + 1)

    assert audit.verify_chain().first_broken_entry_id == five_entries[3].pk


def test_an_entry_added_after_the_newest_is_detected(five_entries):
    _forge_after(five_entries[-1], position=five_entries[-1].chain_position + 1)

    result = audit.verify_chain()

    assert not result.intact and "added" in result.problem


def test_moving_an_entry_to_another_place_in_the_chain_is_detected(five_entries):
    second, fourth = five_entries[1], five_entries[3]
    AuditEntry.objects.filter(pk=second.pk).update(chain_position=None)
    AuditEntry.objects.filter(pk=fourth.pk).update(chain_position=second.chain_position)
    AuditEntry.objects.filter(pk=second.pk).update(chain_position=fourth.chain_position)

    assert audit.verify_chain().first_broken_entry_id == fourth.pk


def test_entries_not_yet_chained_are_counted_then_chained_after_the_rest(five_entries):
    later = audit.record(actor=None, action="test.later", subject=_force())

    result = audit.verify_chain()
    assert result.intact and result.entries_checked == 5 and result.entries_waiting == 1

    assert audit.chain_pending() == 1 and audit.chain_pending() == 0
    later.refresh_from_db()
    assert later.chain_position == five_entries[-1].chain_position + 1
    assert later.previous_hash == five_entries[-1].entry_hash
    assert audit.verify_chain().entries_checked == 6


def test_chaining_many_entries_runs_in_batches_and_verifies(five_entries):
    force = _force()
    AuditEntry.objects.bulk_create(
        AuditEntry(
            at=five_entries[0].at,
            actor_label="system",
            action="test.bulk",
            subject_type="areas.force",
            subject_id=str(force.pk),
            detail={"n": n},
        )
        for n in range(23)
    )
    assert audit.chain_pending(batch_size=10) == 23
    head = AuditChainHead.objects.get()
    assert head.last_position == 28
    assert audit.verify_chain(chunk_size=7).entries_checked == 28


@pytest.mark.django_db(transaction=True)
@server_database
def test_writing_an_entry_never_waits_for_the_chain():
    force = _force()
    audit.chain_pending()
    head_locked, release = threading.Event(), threading.Event()

    def chain_slowly() -> None:
        try:
            with transaction.atomic():
                AuditChainHead.objects.select_for_update().get(pk=1)
                head_locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    chainer = threading.Thread(target=chain_slowly)
    chainer.start()
    assert head_locked.wait(10)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '1s'")
        audit.record(actor=None, action="test.while-chaining", subject=force)  # would time out on a lock
    finally:
        release.set()
        chainer.join()
    assert audit.chain_pending() == 1


@pytest.mark.django_db(transaction=True)
@server_database
def test_an_entry_that_commits_late_is_chained_after_entries_with_higher_ids():
    force = _force()
    written, commit = threading.Event(), threading.Event()
    slow: list[AuditEntry] = []

    def long_transaction() -> None:
        try:
            with transaction.atomic():
                slow.append(audit.record(actor=None, action="test.slow", subject=force))
                written.set()
                commit.wait(10)
        finally:
            connections.close_all()

    writer = threading.Thread(target=long_transaction)
    writer.start()
    assert written.wait(10)
    quick = audit.record(actor=None, action="test.quick", subject=force)
    assert audit.chain_pending() == 1  # the slow entry has not committed: it is not seen
    commit.set()
    writer.join()
    assert audit.chain_pending() == 1

    by_place = list(AuditEntry.objects.order_by("chain_position").values_list("action", flat=True))
    assert by_place == ["test.quick", "test.slow"] and slow[0].pk < quick.pk
    assert audit.verify_chain().intact


@pytest.mark.django_db(transaction=True)
@server_database
def test_under_concurrent_writers_and_chainers_every_entry_is_chained_once_and_tampering_is_found():
    force = _force()
    writers, per_writer = 6, 40
    start = threading.Barrier(writers + 2)
    done = threading.Event()

    def write() -> None:
        start.wait()
        try:
            for n in range(per_writer):
                with transaction.atomic():
                    audit.record(actor=None, action="test.concurrent", subject=force, detail={"n": n})
        finally:
            connections.close_all()

    def chain() -> None:
        start.wait()
        try:
            while not done.is_set():
                audit.chain_pending(batch_size=17)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(writers)] + [
        threading.Thread(target=chain) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads[:writers]:
        thread.join()
    done.set()
    for thread in threads[writers:]:
        thread.join()
    audit.chain_pending()

    positions = list(AuditEntry.objects.order_by("chain_position").values_list("chain_position", flat=True))
    assert positions == list(range(1, writers * per_writer + 1))
    assert audit.verify_chain().entries_checked == writers * per_writer

    entries = list(AuditEntry.objects.order_by("chain_position"))
    middle = entries[len(entries) // 2]
    with transaction.atomic():
        AuditEntry.objects.filter(pk=middle.pk).delete()
        assert audit.verify_chain().first_broken_entry_id == entries[len(entries) // 2 + 1].pk
        transaction.set_rollback(True)
    with transaction.atomic():
        AuditEntry.objects.filter(pk=middle.pk).update(detail={"n": -1})
        assert audit.verify_chain().first_broken_entry_id == middle.pk
        transaction.set_rollback(True)
    assert audit.verify_chain().intact
