"""How police.uk's published categories map onto the service's data.

Crime types: each becomes a Home Office classification whose `police_uk_category` is that type, so
the plans count it back under the same type. Outcomes: police.uk's "last outcome category" names
group the Home Office outcome types; each that stands for one type maps to it, and those that stand for several
(`PUBLISHED_AS_IS`) are kept as published. Court results follow a charge, so they map to outcome type 1. "Under
investigation" and the like are no outcome yet.
"""

from victimsrights.cases.models import PUBLISHED_OUTCOME_CATEGORIES

CLASSIFICATION_FOR_CRIME_TYPE = {
    "Bicycle theft": "44",
    "Burglary": "28E",
    "Criminal damage and arson": "58A",
    "Drugs": "92D",
    "Other crime": "99",
    "Other theft": "49",
    "Possession of weapons": "10D",
    "Public order": "9A",
    "Robbery": "34B",
    "Shoplifting": "46",
    "Theft from the person": "39",
    "Vehicle crime": "45",
    "Violence and sexual offences": "105A",
}

ANTISOCIAL_BEHAVIOUR = "Anti-social behaviour"

NO_OUTCOME_YET = {"", "Under investigation", "Status update unavailable"}

_COURT_RESULTS = [
    "Awaiting court outcome",
    "Court case unable to proceed",
    "Court result unavailable",
    "Defendant found not guilty",
    "Defendant sent to Crown Court",
    "Offender deprived of property",
    "Offender fined",
    "Offender given absolute discharge",
    "Offender given community sentence",
    "Offender given conditional discharge",
    "Offender given suspended prison sentence",
    "Offender ordered to pay compensation",
    "Offender otherwise dealt with",
    "Offender sent to prison",
    "Suspect charged",
]

PUBLISHED_AS_IS = set(PUBLISHED_OUTCOME_CATEGORIES)

OUTCOME_TYPE_FOR_CATEGORY = {
    **dict.fromkeys(_COURT_RESULTS, 1),
    "Suspect charged as part of another case": 4,
    "Offender given penalty notice": 6,
    "Offender given a drugs possession warning": 7,
    "Local resolution": 8,
    "Formal action is not in the public interest": 10,
    "Further action is not in the public interest": 10,
    "Investigation complete; no suspect identified": 18,
    "Action to be taken by another organisation": 20,
    "Further investigation is not in the public interest": 21,
}
