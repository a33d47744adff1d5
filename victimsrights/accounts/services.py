import datetime
import hmac
import secrets
import time

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimsrights.accounts.models import StaffEnrolment, StaffUser
from victimsrights.accounts.roles import DEFAULT_RANK, Role
from victimsrights.areas.models import Area, Force, SafePlaceOrganisation
from victimsrights.audit import services as audit


@transaction.atomic
def staff_user_create(
    *,
    username: str,
    password: str | None,
    role: Role,
    full_name: str,
    email: str = "",
    force: Force | None = None,
    area: Area | None = None,
    organisation: SafePlaceOrganisation | None = None,
    is_organisation_admin: bool = False,
    rank: int | None = None,
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
        rank=rank or DEFAULT_RANK.get(role),
    )
    if password is None:
        user.set_unusable_password()  # set by the person themselves, with an enrolment code
    else:
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


@transaction.atomic
def safe_place_worker_add(*, actor: StaffUser, full_name: str, email: str) -> tuple[StaffUser, str]:
    """A new worker in the admin's organisation, and the one-time enrolment code to give them in person.

    The service makes the username inside the organisation's own namespace, so adding a worker never says
    whether a name is taken anywhere else; the worker sets their own password with the enrolment code.
    """
    _check_organisation_admin(actor)
    assert actor.organisation is not None
    base = f"{slugify(actor.organisation.name)[:60]}.{slugify(full_name)[:60] or 'worker'}"
    username, n = base, 1
    while StaffUser.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    worker = staff_user_create(
        username=username,
        password=None,
        role=Role.SAFE_PLACE_WORKER,
        full_name=full_name,
        email=email,
        organisation=actor.organisation,
        actor=actor,
    )
    return worker, staff_enrolment_issue(user=worker, actor=actor)


ENROLMENT_LIFETIME = datetime.timedelta(days=7)
ENROLMENT_TRIES = 5
ENROLMENT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def _enrolment_hash(user_id: int, code: str) -> str:
    normalised = "".join(code.split()).upper().replace("-", "")
    return hmac.new(settings.SECRET_KEY.encode(), f"enrol:{user_id}:{normalised}".encode(), "sha256").hexdigest()


@transaction.atomic
def staff_enrolment_issue(*, user: StaffUser, actor: StaffUser | None) -> str:
    """A new enrolment code for the account (shown once), which also clears its password and authenticator."""
    code = "".join(secrets.choice(ENROLMENT_ALPHABET) for _ in range(12))
    StaffEnrolment.objects.update_or_create(
        user=user,
        defaults={
            "code_hash": _enrolment_hash(user.pk, code),
            "expires_at": timezone.now() + ENROLMENT_LIFETIME,
            "attempts": 0,
            "used_at": None,
        },
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    TOTPDevice.objects.filter(user=user).delete()
    audit.record(actor=actor, action="staff_user.enrolment_issued", subject=user)
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


class EnrolmentRefused(Exception):
    """The same message whether the username, the code or its life was wrong."""


def staff_enrolment_redeem(*, username: str, code: str, password: str) -> StaffUser:
    """Check the enrolment code, then set the person's own password. Raises EnrolmentRefused or ValidationError.

    A wrong code is counted in a transaction of its own, so the refusal cannot roll the count back.
    """
    with transaction.atomic():
        enrolment = (
            StaffEnrolment.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(user__username=username, user__is_active=True)
            .first()
        )
        usable = enrolment and not enrolment.used_at and enrolment.expires_at > timezone.now()
        if enrolment is None or not usable or enrolment.attempts >= ENROLMENT_TRIES:
            matched = False
        else:
            matched = hmac.compare_digest(enrolment.code_hash, _enrolment_hash(enrolment.user_id, code))
            if not matched:
                enrolment.attempts += 1
                enrolment.save(update_fields=["attempts"])
                audit.record(
                    actor=None,
                    actor_label="someone enrolling",
                    action="staff_user.enrolment_failed",
                    subject=enrolment.user,
                )
    if enrolment is None or not matched:
        raise EnrolmentRefused
    return _enrol(enrolment_id=enrolment.pk, password=password)


@transaction.atomic
def _enrol(*, enrolment_id: int, password: str) -> StaffUser:
    enrolment = StaffEnrolment.objects.select_for_update(of=("self",)).select_related("user").get(pk=enrolment_id)
    if enrolment.used_at:
        raise EnrolmentRefused
    user = enrolment.user
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    enrolment.used_at = timezone.now()
    enrolment.save(update_fields=["used_at"])
    audit.record(actor=user, action="staff_user.enrolled", subject=user)
    return user


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
