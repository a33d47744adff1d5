"""The Home Office outcome types in the words a victim is given, marked for translation: the service's own words,
so they live beside its other words, not in the data file. The types, their titles and the rules with their sources
are data (fixtures/outcome_types.json); a test checks every type there has words here."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

PLAIN_WORDS: "dict[int, StrPromise]" = {
    1: _("Someone has been charged with the crime, or summonsed to court. The case will now go to court."),
    2: _("The young person responsible was given a formal caution instead of going to court."),
    3: _("The person responsible was given a formal caution instead of going to court."),
    4: _(
        "The person responsible admitted this crime and a court took it into account when sentencing them for "
        "another crime."
    ),
    5: _("The person responsible has died, so nobody can be prosecuted."),
    6: _("The person responsible was given a fixed penalty notice (a fine) instead of going to court."),
    7: _("The person was given a formal warning for possessing cannabis or khat."),
    8: _(
        "The crime was dealt with by a community resolution: the person responsible agreed to put things right "
        "without going to court."
    ),
    9: _("The Crown Prosecution Service decided that taking the person to court would not be in the public interest."),
    10: _("The police decided that formal action against the person responsible would not be in the public interest."),
    11: _("The person responsible is under 10 years old, so by law they cannot be prosecuted."),
    12: _("The person responsible is too ill to be prosecuted."),
    13: _("The case cannot go ahead because the victim or a key witness has died or is too ill to give evidence."),
    14: _("No suspect was identified, and the victim did not want the police to take further action."),
    15: _("A suspect was identified and you supported action, but there was not enough evidence to take it further."),
    16: _("A suspect was identified, but the case could not go further without your support."),
    17: _("A suspect was identified, but the legal time limit for prosecuting this crime had passed."),
    18: _(
        "The investigation is finished. The police could not identify who did it. If new information comes to "
        "light, the case can be looked at again."
    ),
    19: _(
        "The National Fraud Intelligence Bureau has filed this report. It may be used if new information comes "
        "to light."
    ),
    20: _("Another organisation, for example a school or a regulator, is taking action instead of the police."),
    21: _("The police decided that investigating further would not be in the public interest."),
    22: _(
        "The person responsible took part in a course or other activity to change their behaviour, and further "
        "action would not be in the public interest."
    ),
}
# Why a decision is outside the national police review scheme (the fixture's `outside_national_scheme`), marked
# so that it is translated where the victim reads it: `gettext(outcome.outside_national_scheme)`.
OUTSIDE_NATIONAL_SCHEME_WHY = [
    gettext_noop("the victim did not support further action, which the national scheme leaves out"),
]
