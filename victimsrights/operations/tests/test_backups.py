"""A backup taken while the service runs restores a working service: what came after is gone, all before it is back."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from victimsrights.audit.models import AuditEntry
from victimsrights.audit.services import verify_chain
from victimsrights.cases.tests.factories import recorded_case, sign_in_victim
from victimsrights.reporting.models import Report
from victimsrights.reporting.tests.factories import submitted_report

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]


def test_a_backup_restores_a_working_service(tmp_path, smtp, capsys):
    report, case, _officer = recorded_case()
    entries = AuditEntry.objects.count()
    path = tmp_path / "service.backup"
    call_command("backup", str(path))
    assert path.stat().st_size > 0
    with pytest.raises(CommandError, match="never overwrites"):
        call_command("backup", str(path))

    later = submitted_report()
    Report.objects.filter(pk=report.pk).update(what_happened="Changed after the backup.")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(path))
    call_command("restore", str(path), "--yes")

    assert f"Audit log intact: {entries} entries" in capsys.readouterr().out
    assert not Report.objects.filter(pk=later.pk).exists()
    assert Report.objects.get(pk=report.pk).what_happened != "Changed after the backup."
    assert verify_chain().intact
    victim = sign_in_victim(smtp, case.crime.crime_number)  # the restored service works end to end
    assert case.crime.crime_number in victim.get(reverse("portal:report")).content.decode()
    assert submitted_report(seed=7).pk  # and takes new reports


def test_restore_refuses_a_missing_backup(tmp_path):
    with pytest.raises(CommandError, match="No backup"):
        call_command("restore", str(tmp_path / "missing"), "--yes")
