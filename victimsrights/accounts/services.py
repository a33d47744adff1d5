import time

from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.areas.models import Area, Force, SafePlaceOrganisation
from victimsrights.audit import services as audit


@transaction.atomic
def staff_user_create(
    *,
    username: str,
    password: str,
    role: Role,
    full_name: str,
    email: str = "",
    force: Force | None = None,
    area: Area | None = None,
    organisation: SafePlaceOrganisation | None = None,
    is_organisation_admin: bool = False,
    actor: StaffUser | None = None,
) -> StaffUser:
    first_name, _, last_name = full_name.partition(" ")
    if area is not None and force is None:
        force = area.force
    user = StaffUser(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        force=force,
        area=area,
        organisation=organisation,
        is_organisation_admin=is_organisation_admin,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    audit.record(actor=actor, action="staff_user.create", subject=user, detail={"role": role.value})
    return user


class WorkerChangeRefused(Exception):
    pass


class WorkerNotFound(WorkerChangeRefused):
    """No such worker in the actor's organisation (whether or not they exist elsewhere)."""


def _check_organisation_admin(actor: StaffUser) -> None:
    if not (actor.role == Role.SAFE_PLACE_WORKER and actor.is_organisation_admin and actor.organisation_id):
        raise WorkerChangeRefused("Only your organisation's administrators can manage workers.")


def safe_place_worker_add(*, actor: StaffUser, username: str, full_name: str, email: str, password: str) -> StaffUser:
    _check_organisation_admin(actor)
    if StaffUser.objects.filter(username=username).exists():
        raise WorkerChangeRefused("That username is already taken. Choose another.")
    return staff_user_create(
        username=username,
        password=password,
        role=Role.SAFE_PLACE_WORKER,
        full_name=full_name,
        email=email,
        organisation=actor.organisation,
        actor=actor,
    )


@transaction.atomic
def safe_place_worker_deactivate(*, actor: StaffUser, worker_id: int) -> StaffUser:
    _check_organisation_admin(actor)
    worker = StaffUser.objects.select_for_update().filter(pk=worker_id, organisation=actor.organisation).first()
    if worker is None:
        raise WorkerNotFound("That worker is not in your organisation.")
    if worker.pk == actor.pk:
        raise WorkerChangeRefused("You cannot deactivate your own account.")
    worker.is_active = False
    worker.save(update_fields=["is_active"])
    audit.record(actor=actor, action="staff_user.deactivate", subject=worker)
    return worker


# Staff sign in with a password and a time-based code from an authenticator app (TOTP, RFC 6238).
SECOND_FACTOR_NAME = "Authenticator app"


def second_factor_device(user: StaffUser) -> TOTPDevice | None:
    """The user's confirmed authenticator, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_factor_enrolment(user: StaffUser) -> TOTPDevice:
    """The authenticator being set up: the same key until it is confirmed, so a reload does not change it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=SECOND_FACTOR_NAME, confirmed=False)


def second_factor_code_now(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one if now's was used (a code is accepted once).

    For the demo's `demo_code` command and the tests; in production the code is only on the person's phone.
    """
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step  # within the device's tolerance of one step
    return f"{totp.token():06d}"


@transaction.atomic
def second_factor_check(*, request: HttpRequest, user: StaffUser, code: str) -> bool:
    """Check the code against the confirmed device, or the one being set up; a match completes sign-in.

    django-otp slows repeated wrong codes per device, and a code is accepted once only.
    """
    device = second_factor_device(user) or second_factor_enrolment(user)
    if not device.verify_token(code):
        audit.record(actor=user, action="staff.second_factor_failed", subject=user)
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        audit.record(actor=user, action="staff.second_factor_set_up", subject=user)
    otp_login(request, device)
    audit.record(actor=user, action="staff.signed_in", subject=user)
    return True
