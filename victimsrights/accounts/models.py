from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from victimsrights.accounts.roles import AREA_SCOPED_ROLES, POLICE_ROLES, Rank, Role
from victimsrights.areas.models import Area, Force, SafePlaceOrganisation


class StaffUser(AbstractUser):
    """A member of staff: police, a safe-place worker or the commissioner's office.

    Each account holds exactly one role and the scope that role needs.
    """

    role = models.CharField(max_length=32, choices=Role.choices)
    force = models.ForeignKey(Force, null=True, blank=True, on_delete=models.PROTECT, related_name="staff")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="staff")
    organisation = models.ForeignKey(
        SafePlaceOrganisation, null=True, blank=True, on_delete=models.PROTECT, related_name="workers"
    )
    # A safe-place worker who may add and deactivate their organisation's workers.
    is_organisation_admin = models.BooleanField(default=False)
    # Police officers' rank (none for police staff and others): a reviewer must outrank the decision-maker.
    rank = models.PositiveSmallIntegerField(choices=Rank.choices, null=True, blank=True)
    # The officer's line manager: a Right to Review is never decided by someone in the decision-maker's line.
    line_manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports_to_me"
    )

    def clean(self) -> None:
        super().clean()
        if self.role in AREA_SCOPED_ROLES and self.area_id is None:
            raise ValidationError({"area": "This role works in one area: choose the area."})
        if self.role in POLICE_ROLES and self.force_id is None:
            raise ValidationError({"force": "Police staff belong to a force."})
        if self.role == Role.SAFE_PLACE_WORKER and self.organisation_id is None:
            raise ValidationError({"organisation": "A safe-place worker belongs to an organisation."})

    def line_managers(self, *, levels: int = 10) -> list["StaffUser"]:
        """This person's managers, nearest first (bounded, so a loop in the data cannot hang)."""
        chain: list[StaffUser] = []
        manager = self.line_manager
        while manager is not None and len(chain) < levels and manager not in chain:
            chain.append(manager)
            manager = manager.line_manager
        return chain

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else ""


class StaffEnrolment(models.Model):
    """A one-time enrolment code for a new account, given to the person by their administrator, in person.

    Only its holder can set the account's password and its authenticator app: an administrator never knows
    the password, and nobody who merely learns it can enrol an authenticator of their own.
    """

    user = models.OneToOneField(StaffUser, on_delete=models.CASCADE, related_name="enrolment")
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
