"""What a query term also finds: the synonyms of data/recherche.yaml and the words of a need,
the same tables for the embedded engine (terms' alternatives) and Meilisearch (index settings).
"""

from __future__ import annotations

from directory.search.analysis import Phrase, analysis_for, stem
from directory.search.need_vocabulary import NeedRule
from directory.search.settings import SearchSettings

MIN_TARGET_STEM = 4  # « car », « tam », « per »: too short to stand for a word


def need_phrases(need: NeedRule, settings: SearchSettings) -> tuple[Phrase, ...]:
    """The phrases a need also finds in the text of entries: the stems of its `mots`."""
    analysis = analysis_for(settings)
    return tuple(dict.fromkeys(p for p in (analysis.phrase(m) for m in need.mots) if p))


def synonym_table(settings: SearchSettings) -> dict[Phrase, tuple[Phrase, ...]]:
    """Synonyms by the words of their source and by its stems (what queries send). Each
    target is looked for as written and by its stems (« aide financière » finds « Aides
    financières »), except stems too short to tell a word: « bus » finds « cars », not every
    « car » of « car il faut réserver »."""
    analysis = analysis_for(settings)
    table: dict[Phrase, list[Phrase]] = {}
    for source, targets in settings.synonym_map().items():
        plain = tuple(analysis.content_words(source))
        if not plain:
            continue
        for key in {plain, tuple(stem(w) for w in plain)}:
            found = table.setdefault(key, [])
            for target in targets:
                written = tuple(analysis.content_words(target))
                stemmed = tuple(_target_stem(w) for w in written)
                for phrase in (written, stemmed):
                    if phrase and phrase not in {plain, key} and phrase not in found:
                        found.append(phrase)
    return {key: tuple(found) for key, found in table.items() if found}


def _target_stem(word: str) -> str:
    root = stem(word)
    return root if len(root) >= MIN_TARGET_STEM else word


def meili_synonyms(settings: SearchSettings) -> dict[str, list[str]]:
    """The same synonyms for Meilisearch, plus each need's token -> its phrases."""
    found = {
        " ".join(key): [" ".join(t) for t in targets]
        for key, targets in synonym_table(settings).items()
    }
    for need in settings.needs:
        phrases = [" ".join(p) for p in need_phrases(need, settings)]
        if phrases:
            found[need.token] = phrases
    return found
