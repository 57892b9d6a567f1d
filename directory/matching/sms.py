"""The take-away sheet as a text message: phone numbers first, in GSM-7, three SMS at most.

A French SMS is sent in GSM-7 when every character belongs to its alphabet (160 characters,
153 per part of a long message); one character outside it (« ’ », « ê », « ç ») makes the
whole message UCS-2, with 70 characters (67 per part). `to_gsm7` keeps é, è, à, ù and the
like, and writes the others plainly (ê -> e, « -> "), so that three solutions fit three SMS.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

SMS_PART = 153  # characters of one part of a long GSM-7 message
TEXT_LIMIT = 3 * SMS_PART  # 459: three SMS
NAME_LIMITS = (40, 28, 20, 14)

# GSM 03.38: the basic alphabet, and the extension characters that count twice.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("^{}\\[~]|€")
_PLAIN = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "…": "...",
        "–": "-",
        "—": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "œ": "oe",
        "Œ": "OE",
    }
)


def to_gsm7(text: str) -> str:
    """The text in the GSM-7 alphabet: what is outside it loses its accent or is replaced."""
    out = []
    for char in text.translate(_PLAIN):
        if char in GSM7_BASIC or char in GSM7_EXTENDED:
            out.append(char)
            continue
        base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        out.append(base if all(c in GSM7_BASIC for c in base) else "?")
    return "".join(out)


def gsm7_length(text: str) -> int:
    """Characters as an SMS counts them (an extension character counts twice)."""
    return sum(2 if char in GSM7_EXTENDED else 1 for char in text)


def sms_count(text: str) -> int:
    length = gsm7_length(text)
    return 1 if length <= 160 else -(-length // SMS_PART)


@dataclass(frozen=True)
class TextLine:
    """One solution in the text: how to reach it, then its name."""

    contact: str  # a phone number, a website, or how to reach it through the desk
    name: str


def short_name(name: str, limit: int) -> str:
    """« TADAM, le transport à la demande de la Vallée de l'Hérault » -> « TADAM »."""
    head = re.split(r", | \(", name)[0]
    if len(head) >= 4:
        name = head
    if len(name) <= limit:
        return name
    cut = name[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–") + "…"


def sheet_text(lines: list[TextLine], today: date, desk: str | None, link: str | None) -> str:
    """A few lines to paste in an SMS: a phone number (or the way to reach it) then the name of
    each solution, the desk to call back, and the sheet's link when the person can open it.
    Names are shortened, then the link dropped, to stay within three SMS."""
    text = ""
    for with_link in (True, False):
        for limit in NAME_LIMITS:
            body = [f"Vos solutions mobilité du {today:%d/%m/%Y} :"]
            body += [f"{line.contact} : {short_name(line.name, limit)}" for line in lines]
            if desk:
                body.append(f"Votre permanence info-mobilité : {desk}")
            if link and with_link:
                body.append(f"Fiche : {link}")
            text = to_gsm7("\n".join(body))
            if gsm7_length(text) <= TEXT_LIMIT:
                return text
    return text
