"""The JSON Schema of an entry, generated from the model, for editors' autocompletion."""

from __future__ import annotations

import json
from typing import Any

from directory.config import PROJECT_ROOT
from directory.models import SolutionEntry

SCHEMA_PATH = PROJECT_ROOT / "schemas" / "solution.schema.json"
SCHEMA_ID = "https://annuaire-mobilite.example/schemas/solution.schema.json"


def solution_schema() -> dict[str, Any]:
    schema = SolutionEntry.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "description": "Une fiche du catalogue Annuaire mobilité (data/solutions/<id>.yaml).",
        **schema,
    }


def schema_text() -> str:
    return json.dumps(solution_schema(), ensure_ascii=False, indent=2) + "\n"
