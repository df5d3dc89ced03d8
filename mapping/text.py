"""Text helpers shared by every module: folding names, and showing text safely."""

from __future__ import annotations

import re
import unicodedata

#: Characters that would act on a terminal or a layout rather than show:
#: C0 and C1 controls, and the bidirectional overrides and isolates.
_ACTIVE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def normalise_name(name: str) -> str:
    """Fold a seat name for matching: case, accents, "&", punctuation and spaces."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def visible(text: str) -> str:
    r"""Return ``text`` with control characters shown as escapes (``\x1b``, ``\n``).

    For terminals, one-line messages and image text: what a file holds is shown
    as it is, and can neither move the cursor, split a line nor reorder text.
    """
    return _ACTIVE.sub(_escape, str(text))


def _escape(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def short_text(text, limit: int = 60) -> str:
    """Return text from a file on one short line, cut at ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: The tails of the Ordnance Survey's seat names ("Battersea Boro Const"), folded.
_OS_TAIL = re.compile(r" (?:boro|borough|co|county|burgh) (?:const|constituency)$")
#: Words that some files put in a seat's name and others leave out.
_DROPPED_WORDS = re.compile(r"\b(?:the|city of)\b")


def seat_name_key(name: str) -> str:
    """Fold a seat name into a key that ignores word order and the usual extras.

    "Mid Bedfordshire", "Bedfordshire Mid", "Cotswolds, The", "The Cotswolds",
    "Durham, City of" and the Ordnance Survey's "City of Durham Co Const" each
    give the key of their seat: :func:`normalise_name`, without the OS tails
    ("Boro Const", "Co Const", "Burgh Const", "County Constituency"), "the" and
    "city of", with the words sorted.

    Parameters
    ----------
    name
        A seat name as a file writes it.

    Returns
    -------
    str
        The key; two names of one seat give the same key.
    """
    text = _DROPPED_WORDS.sub(" ", _OS_TAIL.sub("", normalise_name(name)))
    return " ".join(sorted(text.split()))
