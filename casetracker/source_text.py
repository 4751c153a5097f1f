"""Clean up the plain text of source reports before they are cited.

Two helpers, both pure functions without Django dependencies:

* :func:`repair_lookalikes` undoes a PDF font-encoding accident in which some lowercase
  Latin letters came out as Cyrillic look-alike letters.
* :func:`split_paragraphs` turns a report into a deterministic list of paragraphs, so that a
  citation locator such as "¶12" always points at the same text.
"""

import re
import unicodedata

# Garbling observed in the KIBHR/IPHR briefing paper (source 001).  Every replacement is the
# Latin letter's code point plus 0x3B9 (e.g. "h" U+0068 -> U+0421), and it always stands for a
# *lowercase* Latin letter, whatever the case of the Cyrillic letter.  Only the eight letters
# actually seen in that report are repaired.
LOOKALIKES: dict[str, str] = {
    "\u041d": "d",  # CYRILLIC CAPITAL LETTER EN
    "\u041e": "e",  # CYRILLIC CAPITAL LETTER O
    "\u041f": "f",  # CYRILLIC CAPITAL LETTER PE
    "\u0421": "h",  # CYRILLIC CAPITAL LETTER ES
    "\u0422": "i",  # CYRILLIC CAPITAL LETTER TE
    "\u0430": "w",  # CYRILLIC SMALL LETTER A
    "\u0432": "y",  # CYRILLIC SMALL LETTER VE
    "\u0433": "z",  # CYRILLIC SMALL LETTER GHE
}
_TRANSLATION = str.maketrans(LOOKALIKES)

_WORD = re.compile(r"[^\W\d_]+")  # a run of letters
_ENUMERATOR = re.compile(r"(?:\d{1,2}|[a-z])[.)]\s+\S")  # "2. Title", "b. Title", "c) item"
_HEADING_MAX_LENGTH = 100


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def _has_latin(word: str) -> bool:
    return any(_is_latin(char) for char in word)


def _only_latin_or_lookalike(word: str) -> bool:
    return all(_is_latin(char) or char in LOOKALIKES for char in word)


def repair_lookalikes(text: str) -> str:
    """Map Cyrillic look-alike letters back to Latin inside garbled Latin words.

    The text is scanned word by word (a word is a run of letters).  A word is repaired, i.e.
    each look-alike in it is replaced by its lowercase Latin letter (see ``LOOKALIKES``), when

    1. it consists only of Latin letters and look-alikes and contains at least one of each
       (a mixed word such as "t" + U+0421 + U+041E for "the"); or
    2. it consists only of look-alikes and every neighbouring word (the previous and the next
       word, where they exist) contains a Latin letter, i.e. it sits in Latin text.

    Any word containing another Cyrillic letter (Zhe, Sha, Kazakh letters such as U+04A3 ...)
    is genuine Cyrillic and is never touched, and neither is an all-look-alike word next to
    Cyrillic words, so Russian and Kazakh names survive intact.
    """
    matches = list(_WORD.finditer(text))
    pieces: list[str] = []
    position = 0
    for index, match in enumerate(matches):
        word = match.group()
        if not any(char in LOOKALIKES for char in word) or not _only_latin_or_lookalike(word):
            continue
        if not _has_latin(word):
            neighbours = [
                matches[i].group() for i in (index - 1, index + 1) if 0 <= i < len(matches)
            ]
            if not neighbours or not all(_has_latin(other) for other in neighbours):
                continue
        pieces.append(text[position : match.start()])
        pieces.append(word.translate(_TRANSLATION))
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)


def _is_heading(line: str) -> bool:
    return len(line) <= _HEADING_MAX_LENGTH and not line.endswith((".", ",", ";", ":"))


def split_paragraphs(text: str) -> list[str]:
    """Split a report into paragraphs, each with its wrapped lines joined by single spaces.

    The rule, applied line by line:

    * Separator lines.  If the text contains a whitespace-only line that is not empty (it
      holds spaces, tabs or no-break spaces), such lines separate paragraphs and truly empty
      lines are mere line wraps (the PDF-extraction convention of sources 000 and 001).
      Otherwise every blank line separates paragraphs (sources 002 to 004).
    * Enumerated lines.  A line starting with an enumerator ("2. ", "b. ", "c) ") always
      starts a new paragraph; if it is also short (at most 100 characters) and does not end
      with ".", ",", ";" or ":", it is a heading or list item and forms a paragraph by itself.
    * Indented lines.  A line indented by whitespace whose first character is an uppercase letter
      starts a new paragraph (in source 001 that is what is left of a bullet or a page-top
      paragraph start), unless the previous non-blank line is a bare number: a footnote marker
      that the extraction put on its own line, after which the sentence simply continues.
    * Whitespace inside a paragraph collapses to single spaces; empty paragraphs are dropped.

    Paragraph N (1-based) of the returned list is what a locator "¶N" refers to.
    """
    lines = text.splitlines()
    padded_blank_lines = any(line and not line.strip() for line in lines)

    paragraphs: list[list[str]] = [[]]
    previous = ""  # the previous non-blank line, stripped
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if line or not padded_blank_lines:
                paragraphs.append([])
            continue
        if _ENUMERATOR.match(stripped):
            paragraphs.append([stripped])
            if _is_heading(stripped):
                paragraphs.append([])
        elif line[0].isspace() and stripped[0].isupper() and not previous.isdigit():
            paragraphs.append([stripped])
        else:
            paragraphs[-1].append(stripped)
        previous = stripped

    joined = (" ".join(" ".join(chunk).split()) for chunk in paragraphs)
    return [paragraph for paragraph in joined if paragraph]


def number_paragraphs(text: str) -> tuple[str, int]:
    """The repaired text as "¶N paragraph" blocks separated by blank lines, and their count.

    The numbering is that of :func:`split_paragraphs` on the repaired text, so a stored text and
    a locator "¶N" computed from the original file agree.
    """
    paragraphs = split_paragraphs(repair_lookalikes(text))
    blocks = [f"¶{number} {paragraph}" for number, paragraph in enumerate(paragraphs, start=1)]
    return "\n\n".join(blocks), len(blocks)
