"""Letters to operators written out: one Markdown file and one tagged PDF per operator, and an
index of every letter for the partners who send them."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from directory.catalogue.letters import Letter, Letters
from directory.web.filters import FILTERS
from directory.web.templating import TEMPLATES_DIR

FORMATS = ("markdown", "pdf")


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR / "lettres"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def letter_markdown(letter: Letter) -> str:
    return _environment().get_template("lettre.md").render(letter=letter)


def letter_html(letter: Letter) -> str:
    return _environment().get_template("lettre.html").render(letter=letter)


def letter_pdf(letter: Letter) -> bytes:
    from directory.web.pdf import render_pdf  # WeasyPrint is slow to import

    return render_pdf(letter_html(letter))


def index_markdown(letters: Letters) -> str:
    """The partners' list: who gets a letter, how many services and questions it holds."""
    lines = [
        "# Lettres aux opérateurs",
        "",
        "Chaque lettre liste ce que l'annuaire publie sur les services d'un opérateur et ce "
        "qu'il faut lui faire confirmer. Envoyez-la à l'opérateur, puis corrigez les fiches "
        "d'après sa réponse (`make check`, puis `directory sync`).",
        "",
        "| Opérateur | Services | Questions | Lettre |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {letter.operator} | {len(letter.entries)} | {letter.questions} | "
        f"[{letter.slug}.md]({letter.slug}.md) |"
        for letter in letters.letters
    ]
    if letters.without_operator:
        lines += [
            "",
            f"## Fiches sans opérateur ({len(letters.without_operator)})",
            "",
            "Ces fiches ne reçoivent pas de lettre : indiquez qui propose le service "
            "(champ `operateur`).",
            "",
        ]
        lines += [f"- `{e.id}` — {e.entry.nom}" for e in letters.without_operator]
    return "\n".join(lines) + "\n"


def write_letters(letters: Letters, folder: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write every letter in the chosen formats, and the index; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for letter in letters.letters:
        if "markdown" in formats:
            path = folder / f"{letter.slug}.md"
            path.write_text(letter_markdown(letter), encoding="utf-8")
            written.append(path)
        if "pdf" in formats:
            path = folder / f"{letter.slug}.pdf"
            path.write_bytes(letter_pdf(letter))
            written.append(path)
    index = folder / "index.md"
    index.write_text(index_markdown(letters), encoding="utf-8")
    return [*written, index]
