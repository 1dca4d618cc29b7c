"""Property-based tests of the REST API against its own OpenAPI document (schemathesis).

Every operation that ``/api/v1/openapi.json`` lists is exercised, in-process through Django's WSGI application,
as a leader of the ``world`` fixture (a browser session with its CSRF token). The
checks: no 5xx answer, every answer's status code is documented and its body matches the documented schema.
New endpoints are covered as soon as the schema lists them; nothing here names an endpoint.

Each generated request runs inside a savepoint that is rolled back, so a ``DELETE`` or ``PUT`` of one example
cannot take the fixture's records away from the next; and the examples per operation are bounded
(``DOST_SCHEMATHESIS_EXAMPLES``, default 8) so the file runs in about a minute.
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from django.conf import settings as settings_module
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.middleware.csrf import CSRF_ALLOWED_CHARS
from django.test import Client
from django.utils.crypto import get_random_string
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation.meta import TestPhase
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

MAX_EXAMPLES = int(os.environ.get("DOST_SCHEMATHESIS_EXAMPLES", "8"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def _load_schema():
    """The OpenAPI document as ``/api/v1/openapi.json`` serves it, bound to the WSGI application.

    Generated in-process (the same generator and renderer as the view) at collection time, when no database
    is open yet; ``schemathesis.pytest.from_fixture`` would be the lazy alternative, but its node renaming does
    not work with pytest 9.2.
    """
    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    return loaded


schema = _load_schema()


# Ids of records that exist, per collection path ("/api/v1/plans/"), filled per test by ``known_ids``.
KNOWN_IDS: dict[str, list[int]] = {}


def _collection(path: str) -> str:
    return path.split("{", 1)[0]


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Half of the generated ids are swapped for ids of records that exist, so that the answers with real
    bodies (and the writes on real records) are exercised too, not only "404 not found"."""
    ids = KNOWN_IDS.get(_collection(context.operation.path), []) if context.operation else []
    if not path_parameters or "id" not in path_parameters or not ids:
        return st.just(path_parameters)
    return st.one_of(st.just(path_parameters), st.sampled_from(ids).map(lambda pk: {**path_parameters, "id": pk}))


@pytest.fixture
def known_ids(world):
    """Records of every kind the authorization matrix builds, and their ids as the API lists them."""
    from tests.test_authorization_matrix import _objects

    _objects(world)
    client = Client()
    client.force_login(world.users["leader"])
    for path, item in schema.raw_schema["paths"].items():
        if "{" in path or "get" not in item:
            continue
        body = client.get(path).json()
        rows = body.get("results", body) if isinstance(body, dict) else body
        KNOWN_IDS[path] = [row["id"] for row in rows if isinstance(row, dict) and "id" in row]
    yield KNOWN_IDS
    KNOWN_IDS.clear()


@pytest.fixture
def in_process_requests():
    """Django's WSGI handler closes "old" database connections at the start and end of every request; inside
    the test's transaction that would break it, so (as Django's own test client does) the hook is detached."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _real_id_for_coverage(case) -> None:
    """The coverage phase (boundary and invalid values of every field, unexpected methods, …) builds its cases
    outside the hook above; where a case varies anything but the id itself, it is aimed at a real record, so
    that the body and query variants reach validation instead of stopping at "404 not found"."""
    ids = KNOWN_IDS.get(_collection(case.operation.path))
    meta = case.meta
    if not ids or not case.path_parameters or "id" not in case.path_parameters or meta is None:
        return
    if meta.phase.name != TestPhase.COVERAGE or getattr(meta.phase.data, "parameter_location", None) == "path":
        return
    case.path_parameters["id"] = ids[0]


@pytest.fixture
def leader_session(world) -> dict[str, dict[str, str]]:
    """Cookies and header of a signed-in leader's browser session, with its CSRF token (as htmx sends it)."""
    client = Client()
    client.force_login(world.users["leader"])
    token = get_random_string(32, allowed_chars=CSRF_ALLOWED_CHARS)  # the cookie's secret, sent back as header
    return {
        "cookies": {settings_module.SESSION_COOKIE_NAME: client.cookies[settings_module.SESSION_COOKIE_NAME].value,
                    settings_module.CSRF_COOKIE_NAME: token},
        "headers": {"X-CSRFToken": token},
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_matches_its_schema(case, known_ids, leader_session, in_process_requests):
    _real_id_for_coverage(case)
    with transaction.atomic():
        response = case.call(**leader_session)
        transaction.set_rollback(True)
    case.validate_response(response, checks=CHECKS)


@pytest.mark.django_db
def test_the_tested_document_is_the_served_one(client):
    served = client.get("/api/v1/openapi.json").json()
    assert served["paths"] == schema.raw_schema["paths"]
    assert served["components"]["schemas"]["ErrorDetail"]["required"] == ["detail"]
