"""Crime numbers: who may write which.

Two writers share a force's crime numbers: the service, which allocates `PREFIX-YYYY-NNNNNNN` from its
sequence, and the force's records system (the integration API, the police.uk import), which brings
numbers of its own. Each writes only in its own namespace, so neither can take a number the other
will need: a records system writes `PREFIX-` followed by anything that is not shaped like the
service's own numbers.
"""

import re

from victimsrights.areas.models import Force


def service_number(force: Force, year: int, value: int) -> str:
    return f"{force.crime_number_prefix}-{year}-{value:07d}"


def _service_range(force: Force) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(force.crime_number_prefix)}-\d{{4}}-\d+", re.IGNORECASE)


def records_system_problem(force: Force, number: str) -> str:
    """Why a records system may not write this number for this force; empty when it may."""
    prefix = f"{force.crime_number_prefix}-"
    if not number.upper().startswith(prefix.upper()) or len(number) <= len(prefix):
        return f"Use a crime number in your force's namespace: {prefix} followed by your own number"
    if _service_range(force).fullmatch(number):
        return f"Numbers shaped like {prefix}YYYY-NNNNNNN are the service's own; use another form for yours"
    return ""
