"""The entry files, the editors' template and the JSON Schema stay in step with the model."""

from __future__ import annotations

import io
import json

import yaml

from directory.catalogue.schema import SCHEMA_PATH, schema_text, solution_schema
from directory.cli import main
from directory.config import PROJECT_ROOT, Settings
from directory.models import Eligibility, SolutionEntry, Zone

SOLUTIONS = PROJECT_ROOT / "data" / "solutions"


def test_committed_json_schema_is_up_to_date() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "schemas/solution.schema.json n'est pas à jour : lancez « directory schema »"
    )


def test_schema_command_detects_a_stale_schema(settings: Settings) -> None:
    report = io.StringIO()
    assert main(["schema", "--verifier"], out=report, settings=settings) == 0
    assert "est à jour" in report.getvalue()


def test_schema_offers_every_field_and_forbids_unknown_keys() -> None:
    schema = solution_schema()
    assert set(schema["properties"]) == set(SolutionEntry.model_fields)
    assert schema["additionalProperties"] is False
    categories = schema["$defs"]["Category"]["enum"]
    assert "transport-a-la-demande" in categories
    assert json.dumps(schema)  # serialisable as committed


def test_template_lists_every_field_of_the_model() -> None:
    template = yaml.safe_load((SOLUTIONS / "_modele.yaml").read_text(encoding="utf-8"))
    assert set(template) == set(SolutionEntry.model_fields)
    assert set(template["zone"]) == set(Zone.model_fields)
    assert set(template["eligibilite"]) == set(Eligibility.model_fields)


def test_every_entry_file_points_editors_at_the_schema() -> None:
    for path in SOLUTIONS.glob("*.yaml"):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == "# yaml-language-server: $schema=../../schemas/solution.schema.json", (
            path
        )
