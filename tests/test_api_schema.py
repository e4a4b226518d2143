"""Schemathesis over /api/v1/openapi.json: generated requests to every operation, valid and invalid
(negative data: wrong types, out-of-range and unknown values), never get a server error, and every response
matches the documented status codes, content types and schemas."""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from .test_leaderboards import region  # noqa: F401  (a fixture: municipalities with schools and scores)


def test_every_api_operation_keeps_its_documented_promises(app, region):  # noqa: F811
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 3  # seasons, municipalities, schools of a municipality
    for operation in operations:
        has_parameters = any(True for _ in operation.iter_parameters())  # nothing to get wrong without any
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if has_parameters else (GenerationMode.POSITIVE,):
            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def call(case):
                case.call_and_validate()

            call()


def test_what_schemathesis_found_stays_fixed(client, region):  # noqa: F811
    """An empty season is no season code (it was taken as the current season), and an id larger than the
    database can hold is an unknown page (it was an overflow in the driver: a 500)."""
    assert client.get("/api/v1/leaderboards/municipalities?season=").status_code == 400
    assert client.get("/ranglijst?seizoen=").status_code == 400
    huge = 76907763346607959316213192982528
    assert client.get(f"/api/v1/leaderboards/municipalities/{huge}/schools").status_code == 404
    assert client.get(f"/ranglijst/gemeenten/{huge}").status_code == 404
