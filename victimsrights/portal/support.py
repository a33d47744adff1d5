"""Support in the victim's area that fits their crime.

Victims' charities are for every victim; the specialist services are for the victims they specialise in, so a
phone-robbery victim is not sent to a Sexual Assault Referral Centre. Victims' Code Right 4 (referral to support
services) names Victim Support for everyone, which the page lists whatever the area.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from victimsrights.areas.models import SafePlaceKind, SafePlaceOrganisation
from victimsrights.areas.selectors import support_for_area
from victimsrights.govuk.fields import Words
from victimsrights.recording.models import Crime

WHO_FOR = {
    SafePlaceKind.SARC: _("for anyone who has been raped or sexually assaulted"),
    SafePlaceKind.RAPE_CRISIS: _("for anyone who has been raped or sexually assaulted"),
    SafePlaceKind.WOMENS_AID: _("for anyone experiencing domestic abuse"),
    SafePlaceKind.REFUGE: _("for anyone experiencing domestic abuse"),
    SafePlaceKind.CHARITY: _("for any victim of crime"),
}
SEXUAL_VIOLENCE = frozenset({SafePlaceKind.SARC, SafePlaceKind.RAPE_CRISIS})
DOMESTIC_ABUSE = frozenset({SafePlaceKind.WOMENS_AID, SafePlaceKind.REFUGE})
SEXUAL_OFFENCES_GROUP = "Sexual offences"  # the Home Office offence group, as in the offence list


@dataclass(frozen=True)
class Support:
    organisation: SafePlaceOrganisation
    who_for: Words


def support_for_victim(*, area_id: int | None, crime: Crime | None) -> list[Support]:
    """Before the crime is classified every organisation in the area, each saying who it is for, so the victim
    can choose; after, only those that fit the crime."""
    fits = set(SafePlaceKind)
    if crime is not None:
        fits -= SEXUAL_VIOLENCE | DOMESTIC_ABUSE
        if crime.classification.group == SEXUAL_OFFENCES_GROUP:
            fits |= SEXUAL_VIOLENCE
        if crime.domestic_abuse:
            fits |= DOMESTIC_ABUSE
    return [
        Support(organisation, WHO_FOR[SafePlaceKind(organisation.kind)])
        for organisation in support_for_area(area_id=area_id)
        if organisation.kind in fits
    ]
