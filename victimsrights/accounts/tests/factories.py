from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import AREA_SCOPED_ROLES, POLICE_ROLES, Role
from victimsrights.accounts.services import staff_user_create
from victimsrights.areas.models import Area, Force, SafePlaceKind, SafePlaceOrganisation

PASSWORD = "a-long-test-password-1"


def organisation(name: str = "Test Refuge") -> SafePlaceOrganisation:
    org, _ = SafePlaceOrganisation.objects.get_or_create(
        name=name, defaults={"kind": SafePlaceKind.REFUGE, "contact_email": "refuge@example.org"}
    )
    return org


def staff(role: Role, *, area: str = "central-north", username: str = "", org: str = "Test Refuge") -> StaffUser:
    """A staff user in `role`, scoped as that role needs (London areas must be loaded)."""
    return staff_user_create(
        username=username or f"{role.value}.{area}",
        password=PASSWORD,
        role=role,
        full_name=f"Test {role.label}",
        force=Force.objects.get(code="met") if role in POLICE_ROLES else None,
        area=Area.objects.get(code=area) if role in AREA_SCOPED_ROLES else None,
        organisation=organisation(org) if role == Role.SAFE_PLACE_WORKER else None,
    )
