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
