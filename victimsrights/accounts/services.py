from django.db import transaction

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
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    audit.record(actor=actor, action="staff_user.create", subject=user, detail={"role": role.value})
    return user
