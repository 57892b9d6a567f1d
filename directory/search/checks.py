"""What `directory check` says of the search's own files: data/recherche.yaml and the needs
vocabulary of data/besoins.yaml (an expression that says nothing, a need that does nothing)."""

from __future__ import annotations

from pathlib import Path

from directory.catalogue.problems import Problem, Severity, relative
from directory.search.analysis import analysis_for, stem, words
from directory.search.need_vocabulary import NEEDS_FILE, load_needs
from directory.search.query_needs import expression_key
from directory.search.settings import (
    SETTINGS_FILE,
    SearchSettings,
    SearchSettingsError,
    load_search_settings,
)


def search_problems(data_dir: Path) -> list[Problem]:
    """Errors of data/recherche.yaml and data/besoins.yaml, and warnings on expressions."""
    try:
        settings = load_search_settings(data_dir)
    except SearchSettingsError as error:
        return [Problem(relative(data_dir / SETTINGS_FILE), str(error))]
    loaded = load_needs(data_dir)
    return [*loaded.problems, *_expression_problems(settings, relative(data_dir / NEEDS_FILE))]


def _expression_problems(settings: SearchSettings, shown: str) -> list[Problem]:
    analysis = analysis_for(settings)
    intent = frozenset(w for word in settings.intent_words for w in words(word))
    intent_stems = frozenset(stem(w) for w in intent)
    spellings = {k: tuple(words(v)) for k, v in settings.spellings.items()}
    problems = []
    for need in settings.needs:
        for expression in need.expressions:
            key = expression_key(expression, analysis.stop_words, intent, spellings)
            if not set(key) - intent_stems:
                problems.append(
                    Problem(
                        shown,
                        f"l'expression « {expression} » n'a que des mots vides : elle ne sera "
                        "jamais reconnue ; ajoutez le mot qui dit le besoin",
                        severity=Severity.WARNING,
                        field=f"{need.id}.expressions",
                    )
                )
    return problems
