"""The OpenAPI 3.1 description of /api/v1 (DESIGN §5); tests validate real responses against it."""
from __future__ import annotations

NUMBER_OR_NULL = {"type": ["number", "null"]}
ROW = {
    "type": "object",
    "required": ["rank", "id", "name", "region_part", "total_xp", "active_agents", "cyber_agents",
                 "participation_per_1000", "missions_per_agent", "ranked", "reason"],
    "additionalProperties": False,
    "properties": {
        "rank": {"type": ["integer", "null"], "minimum": 1, "description": "Competition ranking (1, 2, 2, 4); null when not ranked."},
        "id": {"type": "integer"},
        "name": {"type": ["string", "null"], "description": "Null for a school with fewer than 5 active agents."},
        "region_part": {"type": ["string", "null"], "enum": ["Zuid", "Midden", "Noord", None]},
        "total_xp": {"type": "integer", "minimum": 0},
        "active_agents": {"type": "integer", "minimum": 0},
        "cyber_agents": {"type": "integer", "minimum": 0},
        "participation_per_1000": {**NUMBER_OR_NULL, "description": "Active agents per 1,000 children aged 8–12."},
        "missions_per_agent": {"type": "number", "minimum": 0},
        "ranked": {"type": "boolean"},
        "reason": {"type": ["string", "null"], "enum": ["not_joined", "too_few_active", None]},
    },
}
SEASON_PARAM = {"name": "season", "in": "query", "required": False, "description": "e.g. 2026-2027; default: current",
                "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{4}$"}}
MEASURE_PARAM = {"name": "measure", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": ["xp", "participation", "agents", "missions"], "default": "xp"}}
PAGE_PARAM = {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "default": 1}}
ERROR = {"description": "Bad request or not found",
         "content": {"application/json": {"schema": {"type": "object", "required": ["error"],
                                                     "properties": {"error": {"type": "string"}}}}}}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def document(server: str) -> dict:
    board = {"type": "object", "required": ["season", "measure", "rows"],
             "properties": {"season": {"type": "string"}, "measure": {"type": "string"},
                            "rows": {"type": "array", "items": {"$ref": "#/components/schemas/Row"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "CyberQuest Limburg leaderboards", "version": "1.0.0",
                 "description": "Read-only figures per municipality and school: numbers, never children."},
        "servers": [{"url": server}],
        "paths": {
            "/seasons": {"get": {"operationId": "listSeasons", "responses": {"200": _json({
                "type": "object", "required": ["seasons"], "properties": {"seasons": {"type": "array", "items": {
                    "type": "object", "required": ["code", "starts_on", "ends_on", "cutoff_on"],
                    "properties": {"code": {"type": "string"}, "starts_on": {"type": "string", "format": "date"},
                                   "ends_on": {"type": "string", "format": "date"},
                                   "cutoff_on": {"type": "string", "format": "date"}}}}}}, "Seasons, newest first")}}},
            "/leaderboards/municipalities": {"get": {
                "operationId": "municipalityBoard", "parameters": [SEASON_PARAM, MEASURE_PARAM, PAGE_PARAM],
                "responses": {"200": _json({**board, "required": [*board["required"], "page", "pages"],
                                            "properties": {**board["properties"], "page": {"type": "integer"},
                                                           "pages": {"type": "integer"}}}, "Municipalities"),
                              "400": ERROR, "404": ERROR}}},
            "/leaderboards/municipalities/{id}/schools": {"get": {
                "operationId": "schoolBoard",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                               SEASON_PARAM, MEASURE_PARAM],
                "responses": {"200": _json({**board, "required": [*board["required"], "municipality"],
                                            "properties": {**board["properties"],
                                                           "municipality": {"type": "string"}}}, "Schools"),
                              "400": ERROR, "404": ERROR}}},
        },
        "components": {"schemas": {"Row": ROW}},
    }
