import threading

import pytest
from django.db import connection

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.audit.models import AuditEntry
from victimsrights.notify.models import Delivery, DeliveryKind
from victimsrights.recording import services
from victimsrights.recording.models import AppealStatus, Crime, OffenceClassification, RefusalReason
from victimsrights.recording.services import RecordingRefused
from victimsrights.reporting.models import ReportStatus
from victimsrights.reporting.tests.factories import submitted_report

pytestmark = pytest.mark.usefixtures("london")


@pytest.fixture
def officer():
    return staff(Role.RECORDING_OFFICER, area="central-north")


@pytest.fixture
def registrar():
    return staff(Role.CRIME_REGISTRAR)


@pytest.fixture
def burglary():
    return OffenceClassification.objects.get(code="28E")


def decline(report, officer):
    return services.report_decline(
        report_id=report.pk, reason=RefusalReason.NO_CRIME_DISCLOSED, explanation="No crime.", actor=officer
    )


def test_recording_allocates_the_forces_next_crime_number_and_queues_the_victims_notice(officer, burglary):
    first, second = submitted_report(seed=1), submitted_report(seed=2)

    crime_one = services.crime_record(report_id=first.pk, classification=burglary, actor=officer)
    crime_two = services.crime_record(report_id=second.pk, classification=burglary, actor=officer)

    year = crime_one.recorded_at.year
    assert crime_one.crime_number == f"MET-{year}-0000001"
    assert crime_two.crime_number == f"MET-{year}-0000002"
    first.refresh_from_db()
    assert first.status == ReportStatus.RECORDED
    assert crime_one.recorded_by_team == "Central North Basic Command Unit"
    assert Delivery.objects.notices().filter(report=first, kind=DeliveryKind.RECORDED).count() == 1
    assert first.history.get().what.startswith("Recorded as Burglary Residential (28E)")
    assert AuditEntry.objects.filter(action="crime.record", subject_id=str(first.pk)).count() == 1


def test_a_city_of_london_crime_number_uses_its_own_prefix_and_sequence(registrar, burglary):
    city_registrar = staff(Role.CRIME_REGISTRAR, username="city.registrar")
    city_registrar.force = submitted_report(borough="City of London", seed=3).force
    city_registrar.save()
    report = submitted_report(borough="City of London", seed=4)

    crime = services.crime_record(report_id=report.pk, classification=burglary, actor=city_registrar)

    assert crime.crime_number.startswith("COL-")


def test_a_report_already_decided_cannot_be_decided_again(officer, burglary):
    report = submitted_report()
    services.crime_record(report_id=report.pk, classification=burglary, actor=officer)

    with pytest.raises(RecordingRefused, match="already been decided"):
        services.crime_record(report_id=report.pk, classification=burglary, actor=officer)
    with pytest.raises(RecordingRefused, match="already been decided"):
        decline(report, officer)
    assert Crime.objects.count() == 1


def test_an_officer_cannot_decide_on_another_areas_report(burglary):
    south_east = staff(Role.RECORDING_OFFICER, area="south-east")
    report = submitted_report(borough="Camden")

    with pytest.raises(RecordingRefused, match="cannot make decisions"):
        services.crime_record(report_id=report.pk, classification=burglary, actor=south_east)
    report.refresh_from_db()
    assert report.status == ReportStatus.RECEIVED


def test_a_report_with_no_known_area_is_decided_by_the_registrar_not_an_area_officer(officer, registrar, burglary):
    report = submitted_report(borough=None)

    with pytest.raises(RecordingRefused):
        services.crime_record(report_id=report.pk, classification=burglary, actor=officer)
    crime = services.crime_record(report_id=report.pk, classification=burglary, actor=registrar)
    assert crime.recorded_by_team == "Metropolitan Police Service"


def test_declining_tells_the_victim_and_appeal_goes_to_the_registrar_who_can_order_recording(
    officer, registrar, burglary
):
    report = submitted_report()
    decline(report, officer)
    assert Delivery.objects.notices().filter(report=report, kind=DeliveryKind.DECLINED).exists()

    appeal = services.appeal_submit(report_id=report.pk, reasons="It was a burglary.", made_by="the victim, online")
    decided = services.appeal_decide(
        appeal_id=appeal.pk, overturn=True, reasons="The account is credible.", classification=burglary, actor=registrar
    )

    assert decided.status == AppealStatus.OVERTURNED
    assert decided.time_to_decide is not None
    report.refresh_from_db()
    assert report.status == ReportStatus.RECORDED
    assert report.crime.crime_number.startswith("MET-")
    assert Delivery.objects.notices().filter(report=report, kind=DeliveryKind.RECORDED).exists()
    assert [event.what.split(":")[0] for event in report.history.all()] == [
        "Not recorded",
        "Appeal made against the decision not to record",
        "Appeal upheld by the crime registrar",
    ]


def test_an_upheld_refusal_is_explained_to_the_victim(officer, registrar):
    report = submitted_report()
    decline(report, officer)
    appeal = services.appeal_submit(report_id=report.pk, reasons="Please look again.", made_by="the victim, online")

    services.appeal_decide(appeal_id=appeal.pk, overturn=False, reasons="Still no crime.", actor=registrar)

    assert Delivery.objects.notices().filter(report=report, kind=DeliveryKind.APPEAL_UPHELD).exists()
    report.refresh_from_db()
    assert report.status == ReportStatus.DECLINED


@pytest.mark.parametrize("case", ["twice", "recorded crime", "not decided"])
def test_appeals_that_make_no_sense_are_refused_and_change_nothing(officer, burglary, case):
    report = submitted_report()
    if case == "twice":
        decline(report, officer)
        services.appeal_submit(report_id=report.pk, reasons="One.", made_by="the victim, online")
    elif case == "recorded crime":
        services.crime_record(report_id=report.pk, classification=burglary, actor=officer)
    history = report.history.count()

    with pytest.raises(RecordingRefused):
        services.appeal_submit(report_id=report.pk, reasons="Two.", made_by="the victim, online")
    assert report.history.count() == history


def test_only_the_registrar_decides_appeals_and_only_once(officer, registrar):
    report = submitted_report()
    decline(report, officer)
    appeal = services.appeal_submit(report_id=report.pk, reasons="Look again.", made_by="the victim, online")

    with pytest.raises(RecordingRefused, match="Only the crime registrar"):
        services.appeal_decide(appeal_id=appeal.pk, overturn=False, reasons="No.", actor=officer)
    with pytest.raises(RecordingRefused, match="Choose how the crime should be classified"):
        services.appeal_decide(appeal_id=appeal.pk, overturn=True, reasons="Yes.", actor=registrar)
    services.appeal_decide(appeal_id=appeal.pk, overturn=False, reasons="No.", actor=registrar)
    with pytest.raises(RecordingRefused, match="already been decided"):
        services.appeal_decide(appeal_id=appeal.pk, overturn=False, reasons="No.", actor=registrar)


def test_cancelling_needs_the_registrar_and_written_verifiable_information(officer, registrar, burglary):
    report = submitted_report()
    crime = services.crime_record(report_id=report.pk, classification=burglary, actor=officer)

    with pytest.raises(RecordingRefused, match="Only the crime registrar"):
        services.crime_cancel(crime_id=crime.pk, ground="avi", information="CCTV shows no entry.", actor=officer)
    with pytest.raises(RecordingRefused, match="what shows the ground applies"):
        services.crime_cancel(crime_id=crime.pk, ground="avi", information="   ", actor=registrar)
    with pytest.raises(RecordingRefused, match="Choose the ground"):
        services.crime_cancel(crime_id=crime.pk, ground="no-crime", information="Because.", actor=registrar)
    services.crime_cancel(crime_id=crime.pk, ground="avi", information="CCTV shows no entry was made.", actor=registrar)

    report.refresh_from_db()
    assert report.status == ReportStatus.CANCELLED
    assert report.crime.cancellation_ground == "avi"
    assert Delivery.objects.notices().filter(report=report, kind=DeliveryKind.CANCELLED).exists()
    with pytest.raises(RecordingRefused, match="already been cancelled"):
        services.crime_cancel(crime_id=crime.pk, ground="avi", information="Again.", actor=registrar)


@pytest.mark.django_db(transaction=True)
def test_two_officers_recording_at_once_get_one_crime_number(burglary):
    report = submitted_report()
    officers = [staff(Role.RECORDING_OFFICER, username=f"officer{n}") for n in range(2)]
    outcomes: list[str] = []
    start = threading.Barrier(len(officers))

    def press_record(officer) -> None:
        try:
            start.wait()
            outcomes.append(
                services.crime_record(report_id=report.pk, classification=burglary, actor=officer).crime_number
            )
        except RecordingRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=press_record, args=(officer,)) for officer in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes)[-1] == "refused"
    assert Crime.objects.count() == 1
    assert Crime.objects.get().crime_number in outcomes


@pytest.mark.django_db(transaction=True)
def test_crime_numbers_stay_unique_when_many_reports_are_recorded_at_once(burglary):
    reports = [submitted_report(seed=n) for n in range(12)]
    officers = [staff(Role.RECORDING_OFFICER, username=f"busy{n}") for n in range(4)]
    start = threading.Barrier(len(officers))

    def work(officer, mine) -> None:
        start.wait()
        for report in mine:
            services.crime_record(report_id=report.pk, classification=burglary, actor=officer)
        connection.close()

    threads = [threading.Thread(target=work, args=(o, reports[i::4])) for i, o in enumerate(officers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    numbers = sorted(Crime.objects.values_list("crime_number", flat=True))
    year = Crime.objects.first().recorded_at.year
    assert numbers == [f"MET-{year}-{n:07d}" for n in range(1, 13)]
