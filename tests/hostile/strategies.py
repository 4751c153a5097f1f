"""Random and hostile values, and the hypothesis budget that keeps these tests quick."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SCRIPT = "<script>alert(1)</script>"

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "' OR 1=1 --",
    "'; DROP TABLE people_person; --",
    '" OR ""="',
    "%",
    "_",
    "\\",
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "../../etc/passwd",
    "-1",
    "0",
    "2147483648",
    "9" * 40,
    "-9" * 20,
    "1e309",
    "NaN",
    "inf",
    "1.5",
    "0x10",
    "2011-02-30",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2011-12-16T10:00:00",
    "Жаңаөзен",
    "Куаныш Сисенбаев",
    "😀" * 50,
    "\u202e\u200b\ufeff",
    "x" * 100_000,
]

hostile_value = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.integers().map(str),
    st.floats().map(str),
    st.dates().map(str),
)


def params_for(names: list[str]) -> st.SearchStrategy[dict[str, list[str]]]:
    """A query string: some of ``names``, each given once or repeated with hostile values."""
    return st.dictionaries(
        st.sampled_from(names), st.lists(hostile_value, min_size=1, max_size=3), max_size=4
    )


# Small budgets: the whole suite stays fast. The database fixtures are built once per test, not
# per example; the examples only read (or their writes are counted), so sharing them is sound.
hostile_settings = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
