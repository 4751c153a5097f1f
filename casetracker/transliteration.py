"""One matching key for every way a Kazakh or Russian name is written in Cyrillic or Latin.

Reports spell the same person Kuanysh, Kuanish and Куаныш; the same town Zhanaozen, Janaozen,
Жанаозен and Жаңаөзен. Rather than generate every spelling of every name in every system and
compare them pairwise, both directions of transliteration meet in the middle: Cyrillic (Russian
and Kazakh letters) and Latin (BGN/PCGN-like, GOST-like, Kazakh Latin 2021 and the informal
spellings of reports) are reduced to one *skeleton* in which the differences between those
systems disappear:

* Cyrillic letters map to Latin, the Kazakh ones to their nearest Russian sound (Ә→a, Ғ→g,
  Қ→k, Ң→n, Ө→o, Ұ Ү→u, Һ→h, І→i);
* digraphs of one sound become one symbol, so that a typo costs the same in every system:
  ш sh ş → S, ч ch ç → C, ж zh dzh j → J, щ shch → S, х kh h → h, ц ts → c;
* letters the systems disagree on collapse: y and i, q and k, gh and g, ng and n, w and v,
  ya ja ia, ye after a vowel or at the start of a word and e, doubled letters.

No library on PyPI does this for Kazakh: iuliia and cyrtranslit cover Russian (and Uzbek,
Ukrainian, ...) Cyrillic to Latin, one way only, and neither knows the Kazakh letters.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import combinations

# Uppercase letters never survive casefolding, so they are free to stand for one sound written
# with several letters: S (ш щ), C (ч), J (ж). Keys contain only these and [a-z0-9].
_CYRILLIC = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "J",
        "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c",
        "ч": "C", "ш": "S", "щ": "S", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu",
        "я": "ia",
        # Kazakh letters, and the Latin-looking Cyrillic і (U+0456) Kazakh uses.
        "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
        "і": "i",
    }
)  # fmt: skip

# Kazakh Latin (2017 and 2021) and Turkish-style letters whose accent marks a different sound,
# not a decoration: mapped before the other accents are stripped.
_LATIN_LETTERS = str.maketrans(
    {"ş": "S", "ç": "C", "ğ": "g", "ñ": "n", "ı": "i", "ž": "J", "š": "S", "č": "C"}
)

# Ordered: longer sequences first, and each rule sees the output of the ones before it.
_LATIN_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"shch|sch", "S"),
        (r"sh", "S"),
        (r"tch|ch", "C"),
        (r"dzh|zh|dj", "J"),
        (r"kh", "h"),
        (r"gh", "g"),
        (r"ts|tz", "c"),
        (r"x", "ks"),
        (r"q", "k"),
        (r"ph", "f"),
        (r"w", "v"),
        (r"ck", "k"),
        (r"y", "i"),
        # j is ж at the start of a word or after a consonant (Janaozen), й or the glide of я
        # between or after vowels (Azhigalievaja, Mamaj).
        (r"(?<=[aeiou])j|j(?![aeiou])", "i"),
        (r"j", "J"),
        (r"ng", "n"),
        # ye / ie after a vowel or at the start of a word is е (Yerlan, Sisenbayev).
        (r"(?:(?<=[aeiou])|\b)i(?=e)", ""),
        (r"(.)\1+", r"\1"),
    )
)

_TOKEN = re.compile(r"[^\W_]+")


def skeleton(text: str) -> str:
    """The matching key of ``text``: tokens of its skeleton, separated by single spaces."""
    return " ".join(skeleton_tokens(text))


def skeleton_tokens(text: str) -> list[str]:
    """The words of ``text`` reduced to their skeletons, in order; punctuation separates words."""
    lowered = unicodedata.normalize("NFC", text).casefold()
    # Й and Ё must be mapped before accents are stripped, or they would become И and Е.
    mapped = lowered.translate(_CYRILLIC).translate(_LATIN_LETTERS)
    decomposed = unicodedata.normalize("NFKD", mapped)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    tokens = []
    for word in _TOKEN.findall(plain):
        for pattern, replacement in _LATIN_RULES:
            word = pattern.sub(replacement, word)
        if word:
            tokens.append(word)
    return tokens


def deletions(token: str, depth: int) -> set[str]:
    """Every string made by removing up to ``depth`` letters from ``token`` (itself included).

    Two tokens within one edit of each other share a one-deletion; this is how typos are found
    through plain index lookups (the symmetric-deletion idea of SymSpell).
    """
    found = {token}
    for removed in range(1, min(depth, len(token) - 1) + 1):
        for positions in combinations(range(len(token)), removed):
            found.add("".join(char for i, char in enumerate(token) if i not in positions))
    return found
