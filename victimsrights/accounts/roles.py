from django.db import models


class Role(models.TextChoices):
    """Staff roles (MISSION.md). Victims are not staff: they act through their own session."""

    SAFE_PLACE_WORKER = "safe_place_worker", "Safe-place worker"
    RECORDING_OFFICER = "recording_officer", "Recording officer"
    INVESTIGATING_OFFICER = "investigating_officer", "Investigating officer"
    CRIME_REGISTRAR = "crime_registrar", "Crime registrar"
    REVIEWER = "reviewer", "Reviewer"
    PROFESSIONAL_STANDARDS = "professional_standards", "Professional standards"
    AREA_COMMANDER = "area_commander", "Area commander"
    VICTIMS_COMMISSIONER = "victims_commissioner", "Victims Commissioner"


POLICE_ROLES = frozenset(
    {
        Role.RECORDING_OFFICER,
        Role.INVESTIGATING_OFFICER,
        Role.CRIME_REGISTRAR,
        Role.REVIEWER,
        Role.PROFESSIONAL_STANDARDS,
        Role.AREA_COMMANDER,
    }
)
# Roles whose work is confined to one area (BCU); the registrar works force-wide.
AREA_SCOPED_ROLES = frozenset(
    {
        Role.RECORDING_OFFICER,
        Role.INVESTIGATING_OFFICER,
        Role.REVIEWER,
        Role.PROFESSIONAL_STANDARDS,
        Role.AREA_COMMANDER,
    }
)


class Rank(models.IntegerChoices):
    """Police ranks, lowest first. A review is decided by an officer at least one rank above the decision-maker
    (Northumbria Police, 'Victims Right to Review', under the NPCC scheme)."""

    CONSTABLE = 1, "Constable"
    SERGEANT = 2, "Sergeant"
    INSPECTOR = 3, "Inspector"
    CHIEF_INSPECTOR = 4, "Chief Inspector"
    SUPERINTENDENT = 5, "Superintendent"
    CHIEF_SUPERINTENDENT = 6, "Chief Superintendent"


# The rank an account gets when none is given (an account's own rank can be set).
DEFAULT_RANK = {
    Role.INVESTIGATING_OFFICER: Rank.CONSTABLE,
    Role.REVIEWER: Rank.INSPECTOR,
    Role.AREA_COMMANDER: Rank.CHIEF_SUPERINTENDENT,
}
