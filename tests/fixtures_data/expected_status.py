"""Expected status of every person in the fixtures, read from the five reports by hand.

An audit for issue 15, independent of the app (standard library only), so that the status
rule can be tested against what the reports say rather than against itself.

Each ``Expected`` entry gives, for one person:

- ``as_of``: the day the status is stated for, from the newest report that speaks of the
  person. Three of the reports are dated only to a month or a year (fixtures/01_sources.json
  stores the first day of that period); they narrate events later in that period (KIBHR goes to
  10 October 2011, LabourStart to 12 July 2012), so the last day of the period is used for them.
  NHC is dated to the day, 19 December 2012.
- ``status``: ``in_custody``, ``released``, ``non_custodial``, ``charged`` or ``unknown``, as
  the new rule defines them (a prison term being served counts as in custody unless a release is
  reported).
- ``certainty``: ``confirmed`` (two reports agree), ``reported`` (one report states it),
  ``unconfirmed`` (the report hedges it: "reportedly", "allegedly") or ``inferred`` (we derive
  it, e.g. an arrest of known length with no reported end has ended by the day).
  None (``NO_CERTAINTY``) with ``unknown``: nothing is stated to be sure of.
- ``days``: days deprived of liberty up to ``as_of``, counted as the app counts them (end minus
  start: a release on the day of arrest is 0 days), overlaps merged; ``Days(n, n)`` exact,
  ``Days(n, None)`` at least n, ``Days(n, m)`` between; 0 where the reports record no
  deprivation of liberty; ``None`` where they report one but give nothing to count.
- ``source`` and ``locator``: where the status is stated, as the citations give them.
- ``reason``: our own one-line summary.
"""

from dataclasses import dataclass
from datetime import date

IN_CUSTODY = "in_custody"
RELEASED = "released"
NON_CUSTODIAL = "non_custodial"
CHARGED = "charged"
UNKNOWN = "unknown"
STATUSES = (IN_CUSTODY, RELEASED, NON_CUSTODIAL, CHARGED, UNKNOWN)

CONFIRMED = "confirmed"
REPORTED = "reported"
UNCONFIRMED = "unconfirmed"
INFERRED = "inferred"
CERTAINTIES = (CONFIRMED, REPORTED, UNCONFIRMED, INFERRED)
NO_CERTAINTY = None

AI = "ai-2011-07"
KIBHR = "kibhr-iphr-2011-10"
LABOURSTART = "labourstart-2012-07"
CAMPAIGN = "campaign-kz-2011"
NHC = "nhc-2012-12-19"

# The day each report's status is stated for (see the module docstring).
AS_OF = {
    AI: date(2011, 7, 31),
    KIBHR: date(2011, 10, 31),
    CAMPAIGN: date(2011, 12, 31),
    LABOURSTART: date(2012, 7, 31),
    NHC: date(2012, 12, 19),
}


@dataclass(frozen=True)
class Days:
    """Days deprived of liberty: at least ``least``, at most ``most`` (None: no upper bound)."""

    least: int
    most: int | None

    @property
    def exact(self) -> bool:
        return self.most == self.least


def exactly(n: int) -> Days:
    return Days(n, n)


def at_least(n: int) -> Days:
    return Days(n, None)


def between(least: int, most: int) -> Days:
    return Days(least, most)


@dataclass(frozen=True)
class Expected:
    slug: str
    source: str
    locator: str
    status: str
    certainty: str | None
    days: Days | None
    reason: str

    @property
    def as_of(self) -> date:
        return AS_OF[self.source]


EXPECTED: list[Expected] = [
    Expected(
        slug="natalia-sokolova",
        source=NHC,
        locator="¶7",
        status=RELEASED,
        certainty=REPORTED,
        days=between(222, 575),
        reason=(
            "Held from the 24 May 2011 arrest through trial and prison; NHC says she is out, "
            "with conditions, on an undated day after late 2011 (our 2012 reading)."
        ),
    ),
    Expected(
        slug="akzhanat-aminov",
        source=LABOURSTART,
        locator="¶14",
        status=IN_CUSTODY,
        certainty=REPORTED,
        days=at_least(48),
        reason=(
            "Forty-eight days on remand in 2011 ended with a suspended term; in July 2012 he "
            "is again in prison awaiting trial, since an unreported day."
        ),
    ),
    Expected(
        slug="kuanysh-sisenbaev",
        source=KIBHR,
        locator="§4b ¶32",
        status=NON_CUSTODIAL,
        certainty=CONFIRMED,
        days=None,
        reason=(
            "Fined, then given 200 hours of public work (both reports); bail implies custody "
            "that no report dates."
        ),
    ),
    Expected(
        slug="nurbek-kushakbaev",
        source=AI,
        locator="¶18",
        status=RELEASED,
        certainty=INFERRED,
        days=exactly(10),
        reason=(
            "A ten-day administrative arrest from 15 June 2011 must have ended by late June; "
            "no later news of him."
        ),
    ),
    Expected(
        slug="natalia-azhigalieva",
        source=KIBHR,
        locator="§4b ¶33",
        status=RELEASED,
        certainty=INFERRED,
        days=exactly(15),
        reason=(
            "Arrested and given fifteen days on 8 September 2011; the term ran out in September."
        ),
    ),
    Expected(
        slug="roza-tuletaeva",
        source=LABOURSTART,
        locator="¶10",
        status=IN_CUSTODY,
        certainty=REPORTED,
        days=at_least(31),
        reason=(
            "Given seven years at the June 2012 Zhanaozen verdicts and counted among the "
            "jailed; earlier custody is not reported."
        ),
    ),
    Expected(
        slug="ajman-ongarbaeva",
        source=KIBHR,
        locator="§4b ¶34",
        status=CHARGED,
        certainty=REPORTED,
        days=exactly(0),
        reason=(
            "Police opened an administrative case against her after her complaint; still "
            "being investigated, no detention mentioned."
        ),
    ),
    Expected(
        slug="dmitrij-tihonov",
        source=KIBHR,
        locator="§4c ¶39",
        status=RELEASED,
        certainty=INFERRED,
        days=exactly(6),
        reason=(
            "Held from the 17 August 2011 protest, then five days' arrest from 18 August; "
            "over by 23 August."
        ),
    ),
    Expected(
        slug="arman-ozhaubaev",
        source=KIBHR,
        locator="§4c ¶39",
        status=RELEASED,
        certainty=INFERRED,
        days=exactly(6),
        reason=(
            "Same course as Tihonov: a night in custody and five days' arrest, ended in "
            "August 2011."
        ),
    ),
    Expected(
        slug="zhanna-bajtelova",
        source=KIBHR,
        locator="§4c ¶39",
        status=RELEASED,
        certainty=INFERRED,
        days=between(14, 20),
        reason=(
            "Fourteen days' arrest from her 23 August 2011 trial; whether she was held "
            "between the protest and the trial is not said."
        ),
    ),
    Expected(
        slug="zhanbolat-mamai",
        source=LABOURSTART,
        locator="¶14",
        status=IN_CUSTODY,
        certainty=REPORTED,
        days=at_least(11),
        reason=(
            "Eleven days in August 2011 (custody, then ten days' arrest); in July 2012 held "
            "in prison awaiting trial from an unreported day."
        ),
    ),
    Expected(
        slug="nurjash-abdrejmova",
        source=KIBHR,
        locator="§4c ¶41",
        status=NON_CUSTODIAL,
        certainty=REPORTED,
        days=exactly(0),
        reason=("Only a small fine, on 10 October 2011, for an unsanctioned assembly."),
    ),
    *(
        Expected(
            slug=slug,
            source=LABOURSTART,
            locator="¶12",
            status=IN_CUSTODY,
            certainty=REPORTED,
            days=at_least(31),
            reason=f"{years} years at the June 2012 verdicts, reported jailed.",
        )
        for slug, years in [
            ("maksat-dosmagamebetov", "Six"),
            ("tanatar-kaliev", "Four"),
            ("talgat-saktaganov", "Four"),
            ("naryn-dzharilgasinov", "Six"),
            ("kanat-zhusipbaev", "Six"),
        ]
    ),
    Expected(
        slug="vladimir-kozlov",
        source=NHC,
        locator="¶8",
        status=IN_CUSTODY,
        certainty=REPORTED,
        days=at_least(141),
        reason=(
            "Awaiting trial in prison in July 2012, then given 7.5 years; no release reported"
            " (the count assumes no break between the two)."
        ),
    ),
    Expected(
        slug="serik-sapargali",
        source=LABOURSTART,
        locator="¶14",
        status=IN_CUSTODY,
        certainty=REPORTED,
        days=None,
        reason=("In prison awaiting trial in July 2012; no date, charge or outcome given."),
    ),
    Expected(
        slug="bolat-atabaev",
        source=LABOURSTART,
        locator="¶14",
        status=RELEASED,
        certainty=REPORTED,
        days=None,
        reason=("Jailed from an unreported day and let out on 4 July 2012."),
    ),
    Expected(
        slug="vadim-kuramshin",
        source=NHC,
        locator="¶8",
        status=IN_CUSTODY,
        certainty=REPORTED,
        days=None,
        reason=("Imprisoned after proceedings NHC calls unfair; no dates, charge or term."),
    ),
]

# Groups: people the reports describe together without naming them all.
EXPECTED += [
    Expected(
        slug="anon-6a1f03c2d9",
        source=LABOURSTART,
        locator="¶4",
        status=IN_CUSTODY,
        certainty=REPORTED,
        days=at_least(31),
        reason=(
            "Seventeen given three to seven years in June 2012 ('last month'); none is "
            "reported released by the report's date."
        ),
    ),
    Expected(
        slug="anon-9d27b4e0c5",
        source=LABOURSTART,
        locator="¶15",
        status=IN_CUSTODY,
        certainty=REPORTED,
        days=at_least(64),
        reason="Five officers given five to seven years on 28 May 2012.",
    ),
    Expected(
        slug="anon-3e58a1c7b4",
        source=KIBHR,
        locator="§4a ¶25",
        status=NON_CUSTODIAL,
        certainty=REPORTED,
        days=None,
        reason="About thirty marchers fined the day after the march; amounts not reported.",
    ),
    Expected(
        slug="anon-5f02296464",
        source=KIBHR,
        locator="§4a ¶26",
        status=RELEASED,
        certainty=INFERRED,
        days=exactly(5),
        reason=(
            "Three women reportedly given five days' arrest after the 24 June 2011 road block, "
            "no date given; over long before the report."
        ),
    ),
    # Shetpe, 21 May 2012: the twelve defendants by outcome; the article names none of them.
    Expected(
        slug="anon-54072c85e4",
        source=LABOURSTART,
        locator="¶13",
        status=IN_CUSTODY,
        certainty=REPORTED,
        days=at_least(71),
        reason="Four activists given four to seven years on 21 May 2012; no release reported.",
    ),
    Expected(
        slug="anon-daef2262ad",
        source=LABOURSTART,
        locator="¶13",
        status=UNKNOWN,
        certainty=NO_CERTAINTY,
        days=exactly(0),
        reason=(
            "Six amnestied at the verdicts; the article reports no custody and no sentence, "
            "and the vocabulary has no status for an amnesty."
        ),
    ),
    Expected(
        slug="anon-1ce18e8fda",
        source=LABOURSTART,
        locator="¶13",
        status=UNKNOWN,
        certainty=NO_CERTAINTY,
        days=exactly(0),
        reason="Acquitted; no custody or charge reported, so nothing left to give a status.",
    ),
    Expected(
        slug="anon-4c36d9f0ba",
        source=LABOURSTART,
        locator="¶13",
        status=NON_CUSTODIAL,
        certainty=REPORTED,
        days=exactly(0),
        reason="Given a suspended sentence of unreported length; no custody reported.",
    ),
    Expected(
        slug="anon-1ff641167d",
        source=AI,
        locator="¶12",
        status=RELEASED,
        certainty=INFERRED,
        days=None,
        reason=(
            "Nine women relatives allegedly taken to the district station on 12 June 2011; no "
            "release is stated, but AI tells of their later complaints, so they are out."
        ),
    ),
    Expected(
        slug="anon-c159145878",
        source=KIBHR,
        locator="§4a ¶27",
        status=RELEASED,
        certainty=REPORTED,
        days=between(0, 115),
        reason=(
            "Detained in the tent-camp raids of 8 and 10 July 2011, number not given; all "
            "released later, no date: at most the days to the report's end."
        ),
    ),
    Expected(
        slug="anon-413f99137c",
        source=KIBHR,
        locator="§4b ¶34",
        status=CHARGED,
        certainty=REPORTED,
        days=exactly(0),
        reason=(
            "Charged with Ongarbaeva under article 335; still under investigation, no "
            "detention mentioned."
        ),
    ),
    Expected(
        slug="anon-22f4552ded",
        source=NHC,
        locator="¶11",
        status=RELEASED,
        certainty=REPORTED,
        days=None,
        reason=(
            "Two Socialist Movement activists held before the 16 December 2012 events, "
            "released shortly after; no dates."
        ),
    ),
    Expected(
        slug="anon-0fb6f176ed",
        source=NHC,
        locator="¶11",
        status=IN_CUSTODY,
        certainty=INFERRED,
        days=between(0, 3),
        reason=(
            "Given 15 days' administrative imprisonment over the 16 December 2012 events: "
            "three days later the arrest is still running, at most three days of it served, "
            "by our reading; no dates given."
        ),
    ),
]

# People the registry only mentions: officials, a musician, a politician on a visit, authors.
MENTIONED_ONLY: list[str] = [
    "nursultan-nazarbaev",
    "sting",
    "paul-murphy",
    "gabriel-levy",
    "walton-pantland",
    "navi-pillay",
    "eshmanov",
    "tony-blair",
    "bjorn-engesland",
]

# People the registry is about (attacked, hurt, pressured, forced abroad) whom no report
# describes as detained, charged or sentenced: they carry no custody status.
NOT_DETAINED: list[str] = [
    "anon-4c1e9a7b02",
    "zhanar-saktaganovu",
    "ajzhangul-amirova",
    "azamat-zhaksygaliev",
    "marlan-esilbaev",
    "inga-imanbaeva",
    "muratbek-oraz",
    "ainur-kurmanov",
    "esenbek-ukteshbayev",
]
