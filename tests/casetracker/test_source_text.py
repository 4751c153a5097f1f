import pytest

from casetracker.source_text import LOOKALIKES, repair_lookalikes, split_paragraphs

_LATIN_TO_LOOKALIKE = {latin: cyrillic for cyrillic, latin in LOOKALIKES.items()}


def garble(text: str, letters: str) -> str:
    """Replace the given Latin letters by their Cyrillic look-alikes, like the PDF did."""
    return "".join(_LATIN_TO_LOOKALIKE[char] if char in letters else char for char in text)


def test_mapping_is_the_one_seen_in_the_briefing_paper() -> None:
    assert LOOKALIKES == {
        "\u041d": "d",
        "\u041e": "e",
        "\u041f": "f",
        "\u0421": "h",
        "\u0422": "i",
        "\u0430": "w",
        "\u0432": "y",
        "\u0433": "z",
    }


@pytest.mark.parametrize(
    ("clean", "letters"),
    [
        ("the lawyer was fined", "he"),
        ("which strike was held", "hi"),
        ("they marched to the square", "ehy"),
        ("witnesses saw a hazy day", "wyzd"),
        ("the field workers defied it", "defhiw"),
        ("Workers were told to wait", "ed"),
        ("a ban for five days", "fidy"),
        ("owners' demands, they said", "dehy"),
    ],
)
def test_garbled_latin_words_are_repaired(clean: str, letters: str) -> None:
    garbled = garble(clean, letters)
    assert garbled != clean
    assert repair_lookalikes(garbled) == clean


@pytest.mark.parametrize(
    ("garbled", "expected"),
    [
        # "t" + ES + O: the look-alike spelling of "the"
        ("t\u0421\u041e union", "the union"),
        # TE + PE is "if", a word made only of look-alikes, between Latin words
        ("asked \u0422\u041f anyone", "asked if anyone"),
        # at the start of a text only the following word counts as a neighbour
        ("\u0422\u041f needed", "if needed"),
        # the lowercase look-alikes VE, A and GHE
        ("da\u0432s, \u0430ork, ha\u0433e", "days, work, haze"),
    ],
)
def test_literal_lookalike_words(garbled: str, expected: str) -> None:
    assert repair_lookalikes(garbled) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Куаныш Сисенбаев",
        "Жаңаөзен",
        "Жанаозен",
        "Zhanaozen (Жанаозен)",
        "Aktau (Актау) and Mangistau (Мангистау)",
        "Жанаозен в Мангистау",  # VE on its own, but between Cyrillic words
        "в",  # a look-alike word without neighbours
        "Ozenmunaigaz, 16 December 2011",
        "",
    ],
)
def test_cyrillic_and_mixed_script_text_is_unchanged(text: str) -> None:
    assert repair_lookalikes(text) == text


def test_mixed_script_sentence_repairs_only_the_garbled_word() -> None:
    text = "Zhanaozen (Жанаозен) is " + garble("where the", "he") + " strike began"
    assert repair_lookalikes(text) == "Zhanaozen (Жанаозен) is where the strike began"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # blank-line convention: an empty line ends a paragraph
        (
            "The first paragraph\nwraps over two lines.\n\nThe second one.\n",
            ["The first paragraph wraps over two lines.", "The second one."],
        ),
        ("\n\n\nAlpha\n\n\n\nBeta\n\n", ["Alpha", "Beta"]),
        ("one\r\n\r\ntwo", ["one", "two"]),
        ("spaces   and\ttabs  collapse", ["spaces and tabs collapse"]),
        ("", []),
        ("\n \n\n", []),
        # padded convention: a line holding only spaces ends a paragraph, empty lines wrap
        (
            "A wrapped\n\nsentence ends.\n \nNext paragraph\n\nhere.\n \n",
            ["A wrapped sentence ends.", "Next paragraph here."],
        ),
        (
            "Page one text\n\n\n\ncontinues here.\n \nAnother.",
            ["Page one text continues here.", "Another."],
        ),
        # headings stand alone, even when only an empty line follows them
        (
            " 1. Overview \n\nBody text\n\ngoes on.\n \n2. Details\n\nMore.\n",
            ["1. Overview", "Body text goes on.", "2. Details", "More."],
        ),
        # an enumerated line ending in punctuation starts a paragraph but may wrap
        (
            "Intro line.\n\n3. This point is long,\n\nand it continues.\n \n",
            ["Intro line.", "3. This point is long, and it continues."],
        ),
        # list items are paragraphs of their own
        (
            "Please:\na) sign here\nb) tell others\n",
            ["Please:", "a) sign here", "b) tell others"],
        ),
        # an indented capitalised line is the remains of a bullet
        (
            "Examples:\n\n First case text\n\nwraps.\n\n Second case.\n \n",
            ["Examples:", "First case text wraps.", "Second case."],
        ),
        # ... unless it follows a footnote number left on a line of its own
        (
            "A claim was made.\n7\n Then it went on.\n \nEnd.",
            ["A claim was made. 7 Then it went on.", "End."],
        ),
    ],
)
def test_split_paragraphs(text: str, expected: list[str]) -> None:
    assert split_paragraphs(text) == expected


def test_split_paragraphs_is_deterministic() -> None:
    text = " 1. Head \n\nBody one\n\ncontinues.\n \n Body two.\n"
    assert split_paragraphs(text) == split_paragraphs(text)
    assert split_paragraphs(text)[1] == "Body one continues."
