"""The integration API, version 1: a force's records system pushes case events and reads a case's state.

Authentication is a bearer key per client (`manage.py create_api_client`). Every error is
application/problem+json naming the offending field. Crime numbers travel in request bodies, never in
URLs, so they stay out of access logs.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from victimsrights.api import services
from victimsrights.api.models import ApiClient
from victimsrights.api.schemas import MAX_BATCH, BatchIn, BatchOut, CaseOut, CaseQuery, EventIn, EventOut, Problem

PROBLEM_JSON = "application/problem+json"


class ClientKey(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        client = services.client_for_key(token)
        if client is not None:
            request.api_client = client  # type: ignore[attr-defined]
        return client


class ProblemDetailsAPI(NinjaAPI):
    """Says in the OpenAPI document that every error response is application/problem+json."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        document = super().get_openapi_schema(*args, **kwargs)
        for operations in document.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_JSON] = content.pop("application/json")
        return document


api = ProblemDetailsAPI(
    title="Victims' Rights Service integration API",
    version="1",
    description=__doc__ or "",
    urls_namespace="api",
    auth=ClientKey(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def problem(status: int, title: str, errors: list[dict[str, str]] | None = None, detail: str = "") -> HttpResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "errors": errors or []}
    return JsonResponse(body, status=status, content_type=PROBLEM_JSON)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    errors = [
        {
            "field": ".".join(str(part) for part in item.get("loc", ()) if part not in {"body", "payload"}),
            "message": str(item.get("msg", "Invalid")),
        }
        for item in error.errors
    ]
    return problem(422, "The request is not valid", errors)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    response = problem(401, "Send a valid API key as 'Authorization: Bearer <key>'")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return problem(error.status_code, str(error))


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return problem(413, "The request body is too large", detail=f"Send at most {limit} bytes; split a batch")


@api.exception_handler(services.Rejected)
def rejected(request: HttpRequest, error: services.Rejected) -> HttpResponse:
    body = error.problem()
    return JsonResponse(body, status=error.status, content_type=PROBLEM_JSON)


PROBLEMS: dict[int, Any] = {400: Problem, 401: Problem, 413: Problem, 422: Problem}


def _client(request: HttpRequest) -> ApiClient:
    client: ApiClient = request.auth  # type: ignore[attr-defined]
    return client


@api.post(
    "/events",
    response={200: EventOut, 404: Problem, 409: Problem, **PROBLEMS},
    url_name="events",
    summary="Send one case event",
)
def event(request: HttpRequest, payload: EventIn) -> Any:
    (outcome,) = services.events_apply(client=_client(request), events=[payload])
    if outcome.result == "rejected" and outcome.problem:
        return JsonResponse(outcome.problem, status=int(outcome.problem["status"]), content_type=PROBLEM_JSON)  # type: ignore[call-overload]
    return outcome


@api.post(
    "/events/batch",
    response={200: BatchOut, **PROBLEMS},
    url_name="events-batch",
    summary=f"Send up to {MAX_BATCH} case events",
    description="Each event is applied, or not, on its own; the results are in the order sent.",
)
def events_batch(request: HttpRequest, payload: BatchIn) -> Any:
    return {"results": services.events_apply(client=_client(request), events=payload.events)}


@api.post(
    "/cases/state",
    response={200: CaseOut, 404: Problem, **PROBLEMS},
    url_name="case-state",
    summary="Read a case's state",
)
def case_state(request: HttpRequest, payload: CaseQuery) -> Any:
    case = services.case_state(client=_client(request), crime_number=payload.crime_number)
    return {
        "crime_number": case.crime.crime_number,
        "status": case.status,
        "officer": case.officer.get_full_name() if case.officer else None,
        "enhanced_rights": case.enhanced_rights,
        "outcome": (
            {"code": case.outcome.code, "title": case.outcome.title, "recorded_at": case.outcome_at}
            if case.outcome
            else None
        ),
        "hearings": [{"starts_at": h.starts_at, "court": h.court} for h in case.hearings.order_by("starts_at")],
    }
