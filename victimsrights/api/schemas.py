"""What the integration API accepts and returns. Field limits here are what the OpenAPI document says."""

import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import AwareDatetime, BeforeValidator, StrictInt


def _text_only(value: Any) -> Any:
    """JSON carries times as RFC 3339 text; a bare number is not read as a Unix time."""
    if isinstance(value, int | float):
        raise ValueError("Give the time as text, like 2026-11-24T09:30:00Z")
    return value


def _no_nul(value: Any) -> Any:
    """PostgreSQL cannot store NUL in text, and no person types one: refuse it by name rather than fail later."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("Text must not contain NUL characters (\\u0000)")
    return value


Moment = Annotated[AwareDatetime, BeforeValidator(_text_only)]
Text = Annotated[str, BeforeValidator(_no_nul)]
MAX_BATCH = 1000
PRINTABLE = r"^[!-~]+$"  # visible ASCII, no spaces: ids that are safe to log and compare


class EventKind(StrEnum):
    CRIME_RECORDED = "crime_recorded"
    OFFICER_ASSIGNED = "officer_assigned"
    SUSPECT_ARRESTED = "suspect_arrested"
    SUSPECT_INTERVIEWED = "suspect_interviewed"
    SUSPECT_RELEASED = "suspect_released"
    BAIL_CHANGED = "bail_changed"
    HEARING_SET = "hearing_set"
    OUTCOME_RECORDED = "outcome_recorded"
    VICTIM_UPDATE = "victim_update"
    VERDICT_GIVEN = "verdict_given"
    SENTENCE_PASSED = "sentence_passed"
    CPS_DISCONTINUED = "cps_discontinued"
    WITNESS_STATEMENT_TAKEN = "witness_statement_taken"
    VPS_OFFERED = "vps_offered"
    VCS_QUALIFYING_SENTENCE = "vcs_qualifying_sentence"
    VCS_REFERRAL_MADE = "vcs_referral_made"
    PROPERTY_UPDATED = "property_updated"


class HearingIn(Schema):
    starts_at: Moment
    court: Text = Field(min_length=1, max_length=200)
    what_to_expect: Text = Field("", max_length=2000)


class CrimeIn(Schema):
    """The force's crimes count in its own figures wherever they happened: a crime in another force's borough, or
    with no location in the records, belongs to the force area (BCU) that recorded it, and the plans show it apart."""

    classification_code: Text = Field(min_length=1, max_length=16, description="Home Office classification code")
    borough_code: Text | None = Field(
        None,
        pattern=r"^E0[6-9][0-9]{6}$",
        description="ONS code of the London borough it happened in; leave out when the records have no location",
    )
    area_code: Text | None = Field(
        None,
        min_length=1,
        max_length=32,
        pattern=r"^[a-z0-9-]+$",
        description="The force area (BCU) that recorded it, when the borough is not one of the force's or there is "
        "no location; needed only when the force has more than one area",
    )


class PropertyIn(Schema):
    """The victim's property (Victims' Code Right 10), by the records system's own reference: the first event with a
    reference records the item, later ones change its status. Each change is an update the victim is alerted to."""

    reference: Text = Field(min_length=1, max_length=100, pattern=PRINTABLE)
    description: Text = Field(min_length=1, max_length=500, description="What it is, in words the victim knows")
    kind: Literal["stolen", "damaged", "seized"]
    status: Literal["outstanding", "recovered", "held_as_evidence", "ready_to_collect", "returned"]
    collection: Text = Field("", max_length=2000, description="Where and when to collect it; needed when ready")


class EventIn(Schema):
    """One event in a case, from the records system.

    `crime_recorded` brings in a crime recorded in the records system (for example a historical import) under
    its `crime_number`, with `crime`. The victim is not in the service, so it sends no alerts and runs no
    Victims' Code duties here; later events may still update it.

    `event_id` is the client's own id: sending it again is acknowledged and changes nothing.
    Events are applied by `occurred_at`, so one that arrives late does not undo a later one.
    `officer_assigned` needs `officer_username`; `outcome_recorded` needs `outcome_code` (the Home Office
    outcome type); `hearing_set` needs `hearing`; `victim_update` needs `victim_update`, which the victim
    reads on their case page. `verdict_given` and `sentence_passed` are court results: each starts a Victims' Code
    duty (Right 9) to tell the victim the next working day. `cps_discontinued` (the CPS stopped the case after
    charge) closes it and offers the victim the CPS Right to Review. Any event may carry `victim_update` to tell
    the victim at the same time. `property_updated` needs `property`: the victim's property and where it is.
    """

    event_id: Text = Field(min_length=1, max_length=100, pattern=PRINTABLE)
    crime_number: Text = Field(min_length=1, max_length=40, pattern=PRINTABLE)
    kind: EventKind
    occurred_at: Moment
    officer_username: Text | None = Field(None, min_length=1, max_length=150)
    outcome_code: StrictInt | None = Field(None, ge=1, le=99)
    published_outcome: Text | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="For a crime known only from your records: its outcome as police.uk publishes it, where that "
        "category stands for several Home Office types (kept as published instead of outcome_code)",
    )
    hearing: HearingIn | None = None
    crime: CrimeIn | None = None
    property: PropertyIn | None = None
    victim_update: Text = Field("", max_length=5000)
    note: Text = Field("", max_length=2000)


class BatchIn(Schema):
    events: list[EventIn] = Field(min_length=1, max_length=MAX_BATCH)


class EventOut(Schema):
    event_id: str
    result: str = Field(description="applied, superseded, duplicate or rejected")
    problem: dict[str, object] | None = Field(None, description="Why it was rejected, as a problem detail")


class BatchOut(Schema):
    results: list[EventOut]


class CaseQuery(Schema):
    crime_number: Text = Field(min_length=1, max_length=40, pattern=PRINTABLE)


class OutcomeOut(Schema):
    code: int
    title: str
    recorded_at: datetime.datetime


class HearingOut(Schema):
    starts_at: datetime.datetime
    court: str


class CaseOut(Schema):
    crime_number: str
    status: str
    officer: str | None
    enhanced_rights: bool
    outcome: OutcomeOut | None
    hearings: list[HearingOut]


class Problem(Schema):
    """RFC 9457 problem details (application/problem+json)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[dict[str, str]] = Field(default_factory=list, description="Each offending field and what is wrong")
