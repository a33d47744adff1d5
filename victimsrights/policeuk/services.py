"""Loading police.uk's published crimes as historical, records-only crimes, through the integration API's event path.

Each crime is a `crime_recorded` event with the event id `police.uk:<Crime ID>`, and its last outcome an
`outcome_recorded` event, so importing the same files again is acknowledged and changes nothing. An
outcome is dated by the last month the outcomes files publish it for that crime, or else by the crime's
month. Rows without a Crime ID are anti-social behaviour: counted per month and LSOA, apart from crimes.
"""

import datetime
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice, repeat
from pathlib import Path

from django.db import IntegrityError, connection, connections, transaction
from django.db.models import Count

from victimsrights.api import services as api
from victimsrights.api.models import ApiClient
from victimsrights.api.schemas import MAX_BATCH, EventIn, EventKind
from victimsrights.areas.models import Area, Borough, Force
from victimsrights.cases.models import PUBLISHED_OUTCOME_CATEGORIES
from victimsrights.compliance.working_days import LONDON
from victimsrights.policeuk.files import OutcomeRow, StreetRow, csv_files, is_outcomes_file, outcome_rows, street_rows
from victimsrights.policeuk.lsoa import borough_code
from victimsrights.policeuk.mapping import (
    CLASSIFICATION_FOR_CRIME_TYPE,
    NO_OUTCOME_YET,
    OUTCOME_TYPE_FOR_CATEGORY,
    PUBLISHED_AS_IS,
)
from victimsrights.policeuk.models import AntisocialBehaviour

Progress = Callable[[Path, Iterator[StreetRow]], Iterator[StreetRow]]


@dataclass
class ImportSummary:
    files: int = 0
    results: Counter[str] = field(default_factory=Counter)  # per event: applied, duplicate, superseded, rejected
    antisocial_behaviour: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # why a row was not loaded
    # The force's crimes loaded outside its own boroughs: "no location", or "in <borough>" (another force's).
    placed_apart: Counter[str] = field(default_factory=Counter)
    problems: Counter[str] = field(default_factory=Counter)  # rejected events' titles

    def add(self, other: "ImportSummary") -> None:
        """Count in another file's summary (its files are counted by the whole import)."""
        self.antisocial_behaviour += other.antisocial_behaviour
        for mine, theirs in [
            (self.results, other.results),
            (self.skipped, other.skipped),
            (self.placed_apart, other.placed_apart),
            (self.problems, other.problems),
        ]:
            mine.update(theirs)


def month_start(month: datetime.date) -> datetime.datetime:
    return datetime.datetime(month.year, month.month, 1, tzinfo=LONDON)


def crime_number(force: Force, crime_id: str) -> str:
    """In the force's records-system namespace (`recording.crime_numbers`), never in the service's own range."""
    return f"{force.crime_number_prefix}-PUK-{crime_id[:20].upper()}"


def last_outcome_months(rows: Iterable[OutcomeRow]) -> dict[str, datetime.date]:
    latest: dict[str, datetime.date] = {}
    for row in rows:
        if row.crime_id and row.month > latest.get(row.crime_id, datetime.date.min):
            latest[row.crime_id] = row.month
    return latest


def police_uk_import(
    paths: Iterable[Path], *, progress: Progress | None = None, as_a_set: bool = True, workers: int = 1
) -> ImportSummary:
    """Load the files' crimes. New crimes go in as a set, thousands a second; `as_a_set=False` applies each event
    one by one, as the API applies a live feed (the reference the set is tested against). On PostgreSQL, outside a
    transaction, `workers` processes load the street files side by side (no progress is drawn then)."""
    files = csv_files(paths)
    outcome_files = [path for path in files if is_outcomes_file(path)]
    outcome_months = last_outcome_months(row for path in outcome_files for row in outcome_rows(path))
    summary = ImportSummary(files=len(files))
    street_files = [path for path in files if path not in outcome_files]
    boroughs = {borough.ons_code: borough for borough in Borough.objects.select_related("area")}
    forces = {force.name.casefold(): force for force in Force.objects.all()}
    side_by_side = connection.vendor == "postgresql" and not connection.in_atomic_block
    if workers > 1 and len(street_files) > 1 and side_by_side:
        connections.close_all()  # each process opens its own
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            parts = pool.map(
                _file_import, street_files, repeat(boroughs), repeat(forces), repeat(outcome_months), repeat(as_a_set)
            )
            for part in parts:
                summary.add(part)
        return summary
    for path in street_files:
        summary.add(_file_import(path, boroughs, forces, outcome_months, as_a_set, progress))
    return summary


def _file_import(
    path: Path,
    boroughs: dict[str, Borough],
    forces: dict[str, Force],
    outcome_months: dict[str, datetime.date],
    as_a_set: bool,
    progress: Progress | None = None,
) -> ImportSummary:
    summary = ImportSummary()
    rows = street_rows(path)
    importer = _FileImport(summary, boroughs, forces, outcome_months, as_a_set=as_a_set)
    for chunk in _chunks(progress(path, rows) if progress else rows, MAX_BATCH):
        importer.load(chunk)
    importer.keep_antisocial_behaviour()
    return summary


def placed_apart(borough: Borough | None) -> str:
    """Where a force's crime outside its own boroughs happened: no location, or another force's London borough."""
    return f"in {borough.name}" if borough is not None else "no location"


class _FileImport:
    def __init__(
        self,
        summary: ImportSummary,
        boroughs: dict[str, Borough],
        forces: dict[str, Force],
        outcome_months: dict[str, datetime.date],
        *,
        as_a_set: bool,
    ) -> None:
        self.summary = summary
        self.as_a_set = as_a_set
        self.boroughs = boroughs
        self.forces = forces
        self.outcome_months = outcome_months
        self.clients: dict[int, ApiClient] = {}
        # Forces with a single area, which records their crimes outside their own boroughs.
        self.only_area = {
            force_id
            for force_id, areas in Area.objects.values("force_id").annotate(n=Count("id")).values_list("force_id", "n")
            if areas == 1
        }
        self.antisocial: Counter[tuple[int, datetime.date, str, int | None]] = Counter()

    def load(self, rows: list[StreetRow]) -> None:
        events: dict[int, list[EventIn]] = {}
        for row in rows:
            force = self.forces.get(row.reported_by.casefold())
            code = borough_code(row.lsoa_code)
            borough = self.boroughs.get(code) if code else None
            if force is None:
                self.summary.skipped["reported by a force the service does not hold"] += 1
            elif not row.crime_id:
                self.antisocial[(force.pk, row.month, row.lsoa_code, borough.pk if borough else None)] += 1
            elif row.lsoa_code.strip() and borough is None:
                self.summary.skipped["outside London"] += 1
            elif row.crime_type not in CLASSIFICATION_FOR_CRIME_TYPE:
                self.summary.skipped[f"crime type not known: {row.crime_type or 'none'}"] += 1
            elif borough is not None and borough.area.force_id == force.pk:
                events.setdefault(force.pk, []).extend(self._events(row, force, borough))
            elif force.pk not in self.only_area:
                self.summary.skipped[f"{placed_apart(borough)}, and the force has several areas"] += 1
            else:  # the force's crime all the same: it counts in the force's figures, shown apart
                self.summary.placed_apart[placed_apart(borough)] += 1
                events.setdefault(force.pk, []).extend(self._events(row, force, borough))
        for force_id, force_events in events.items():
            for outcome in api.events_apply(client=self._client(force_id), events=force_events, as_a_set=self.as_a_set):
                self.summary.results[outcome.result] += 1
                if outcome.problem:
                    self.summary.problems[str(outcome.problem["title"])] += 1

    def _events(self, row: StreetRow, force: Force, borough: Borough | None) -> list[EventIn]:
        number = crime_number(force, row.crime_id)
        recorded_at = month_start(row.month)
        classification = CLASSIFICATION_FOR_CRIME_TYPE[row.crime_type]
        crime = {"classification_code": classification, "borough_code": borough.ons_code if borough else None}
        events = [_event(f"police.uk:{row.crime_id}", number, EventKind.CRIME_RECORDED, recorded_at, crime=crime)]
        code = OUTCOME_TYPE_FOR_CATEGORY.get(row.last_outcome)
        if code is None and row.last_outcome not in PUBLISHED_AS_IS:
            if row.last_outcome not in NO_OUTCOME_YET:
                self.summary.skipped[f"outcome not known: {row.last_outcome}"] += 1
            return events
        outcome_month = max(row.month, self.outcome_months.get(row.crime_id, row.month))
        when = month_start(outcome_month)
        if code is None:  # a category that stands for several Home Office types: kept as published
            # Event ids have 100 characters and a Crime ID takes 64: the category goes by its place in the list.
            token = f"p{PUBLISHED_OUTCOME_CATEGORIES.index(row.last_outcome) + 1}"
            event_id = f"police.uk:{row.crime_id}:outcome:{token}:{outcome_month:%Y-%m}"
            events.append(
                _event(event_id, number, EventKind.OUTCOME_RECORDED, when, published_outcome=row.last_outcome)
            )
        else:
            event_id = f"police.uk:{row.crime_id}:outcome:{code}:{outcome_month:%Y-%m}"
            events.append(_event(event_id, number, EventKind.OUTCOME_RECORDED, when, outcome_code=code))
        return events

    def _client(self, force_id: int) -> ApiClient:
        if force_id not in self.clients:
            force = Force.objects.get(pk=force_id)
            name = f"police.uk import ({force.name})"
            client = ApiClient.objects.filter(name=name).first() or self._client_create(name, force)
            self.clients[force_id] = client
        return self.clients[force_id]

    @staticmethod
    def _client_create(name: str, force: Force) -> ApiClient:
        """The key is thrown away and the client kept inactive: only this command uses it, never over HTTP."""
        try:
            with transaction.atomic():
                client, _key = api.client_create(name=name, force=force)
                client.is_active = False
                client.save(update_fields=["is_active"])
        except IntegrityError:  # another worker of the same import created it first
            return ApiClient.objects.get(name=name)
        return client

    def keep_antisocial_behaviour(self) -> None:
        """Each file holds a whole month for its force, so its counts replace any from an earlier import."""
        AntisocialBehaviour.objects.bulk_create(
            [
                AntisocialBehaviour(
                    force_id=force_id, month=month, lsoa_code=lsoa_code, borough_id=borough_id, incidents=incidents
                )
                for (force_id, month, lsoa_code, borough_id), incidents in self.antisocial.items()
            ],
            update_conflicts=True,
            unique_fields=["force", "month", "lsoa_code"],
            update_fields=["incidents", "borough"],
        )
        self.summary.antisocial_behaviour += sum(self.antisocial.values())


def _event(event_id: str, number: str, kind: EventKind, at: datetime.datetime, **fields: object) -> EventIn:
    return EventIn.model_validate(
        {"event_id": event_id, "crime_number": number, "kind": kind, "occurred_at": at, **fields}
    )


def _chunks(rows: Iterator[StreetRow], size: int) -> Iterator[list[StreetRow]]:
    while chunk := list(islice(rows, size)):
        yield chunk
