"""Key facts of the five reports, read back from the loaded data set through the models."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from cases.models import Case, Charge, Detention, Hearing, LegalArticle, Outcome
from casetracker.bounds import Bounds
from casetracker.models import Citation, Place, SourceDocument
from casetracker.partial_dates import PartialDate
from events.models import Incident, IncidentCount
from people.models import Designation, Organization, Person

pytestmark = pytest.mark.usefixtures("dataset")


def sentence(slug: str, case: str) -> Any:
    return Outcome.objects.get(
        defendant__slug=slug, hearing__case__slug=case, sentence__isnull=False
    ).sentence


def outcome(slug: str, case: str, instance: str = "first") -> Outcome:
    return Outcome.objects.select_related("hearing__court").get(
        defendant__slug=slug, hearing__case__slug=case, hearing__instance=instance
    )


def incident(slug: str) -> Incident:
    return Incident.objects.get(slug=slug)


def count(slug: str, kind: str, note: str = "") -> Any:
    """The incident's count of ``kind`` as (minimum, maximum, approximate, note)."""
    row = IncidentCount.objects.get(
        incident__slug=slug, kind=kind, **({"note": note} if note else {})
    )
    return (row.minimum, row.maximum, row.approximate, row.note)


def claims(slug: str, kind: str) -> set[str]:
    """What each source says of the incident's count of ``kind`` (cited on the count), in its
    terms; ``figures`` gives the same claims as bounds."""
    return {citation.claim for citation in _count_claims(slug, kind)}


def figures(slug: str, kind: str) -> set[str]:
    return {citation.claim_text for citation in _count_claims(slug, kind)}


def _count_claims(slug: str, kind: str) -> list[Citation]:
    row = IncidentCount.objects.get(incident__slug=slug, kind=kind)
    return list(
        Citation.objects.filter(
            content_type__model="incidentcount", object_id=row.pk, claim_field="count"
        )
    )


def international_articles() -> dict[str, set[str]]:
    """Each international article in the data set ("ICCPR art. 21") with the locators of the
    citations on it."""
    articles = LegalArticle.objects.filter(code=LegalArticle.Code.INTERNATIONAL)
    return {
        str(article): set(
            Citation.objects.filter(
                content_type__model="legalarticle",
                object_id=article.pk,
                source__key="kibhr-iphr-2011-10",
            ).values_list("locator", flat=True)
        )
        for article in articles
    }


def day(text: str) -> PartialDate:
    return PartialDate.parse(text)


SHOOTING = "zhanaozen-shooting-2011-12-16"
FACTS: list[tuple[str, Callable[[], Any], Any]] = [
    # people and their spellings
    (
        "Sisenbaev also spelt Kuanish",
        lambda: Person.objects.get(names__name="Kuanish Sisenbaev").slug,
        "kuanysh-sisenbaev",
    ),
    (
        "Azhigalieva also spelt Azhigalievaja",
        lambda: Person.objects.get(names__name="Natalia Azhigalievaja").slug,
        "natalia-azhigalieva",
    ),
    (
        "Mamai also spelt Mamay",
        lambda: Person.objects.get(names__name="Zhanbolat Mamay").slug,
        "zhanbolat-mamai",
    ),
    (
        "Sokolova's Cyrillic name",
        lambda: Person.objects.get(slug="natalia-sokolova").native_name,
        "Наталья Соколова",
    ),
    (
        "Ozenmunaigas also spelt Ozenminaigaz",
        lambda: Organization.objects.get(names__name="Ozenminaigaz").slug,
        "ozenmunaigas",
    ),
    (
        "Ozenmunaigas is a KazMunaiGas subsidiary",
        lambda: Organization.objects.get(slug="ozenmunaigas").parent.slug,
        "kazmunaigas",
    ),
    (
        "Sokolova is a prisoner of conscience per Amnesty",
        lambda: Designation.objects.get(person__slug="natalia-sokolova").designated_by.slug,
        "amnesty-international",
    ),
    (
        "Aminov is a prisoner of conscience",
        lambda: Designation.objects.get(person__slug="akzhanat-aminov").kind,
        "prisoner_of_conscience",
    ),
    (
        "Kushakbaev leads Karakia",
        lambda: Person.objects.get(slug="nurbek-kushakbaev").affiliations.get().organization.name,
        "Karakia",
    ),
    # Sokolova
    (
        "Sokolova fined 22,680 KZT",
        lambda: sentence("natalia-sokolova", "sokolova-fine-2011-05").fine_amount,
        Decimal("22680"),
    ),
    (
        "Sokolova's fine as some 100 EUR",
        lambda: sentence("natalia-sokolova", "sokolova-fine-2011-05").fine_amount_eur,
        Decimal("100"),
    ),
    (
        "Sokolova's 8 days' arrest",
        lambda: sentence("natalia-sokolova", "sokolova-arrest-2011-05").arrest_days,
        8,
    ),
    (
        "Sokolova convicted on 8 August 2011",
        lambda: outcome("natalia-sokolova", "sokolova-criminal-2011").hearing.held,
        day("2011-08-08"),
    ),
    (
        "Sokolova convicted by a court in Aktau",
        lambda: outcome("natalia-sokolova", "sokolova-criminal-2011").hearing.court.place.slug,
        "aktau",
    ),
    (
        "Sokolova: six years",
        lambda: sentence("natalia-sokolova", "sokolova-criminal-2011").prison_months,
        72,
    ),
    (
        "Sokolova: three-year ban on practising law",
        lambda: sentence("natalia-sokolova", "sokolova-criminal-2011").ban_months,
        36,
    ),
    (
        "Sokolova: articles 164 and 334",
        lambda: sorted(
            Charge.objects.filter(case__slug="sokolova-criminal-2011").values_list(
                "article__article", flat=True
            )
        ),
        ["164", "334"],
    ),
    (
        "Sokolova's appeal upheld on 26 September 2011",
        lambda: (
            outcome("natalia-sokolova", "sokolova-criminal-2011", "appeal").verdict,
            outcome("natalia-sokolova", "sokolova-criminal-2011", "appeal").hearing.held,
        ),
        ("upheld", day("2011-09-26")),
    ),
    (
        "Sokolova's appeal court",
        lambda: outcome("natalia-sokolova", "sokolova-criminal-2011", "appeal").hearing.court.name,
        "Mangistau District Court",
    ),
    (
        "Sokolova charged in June 2011 (month only)",
        lambda: (
            Charge.objects.get(case__slug="sokolova-criminal-2011", article__article="164")
            .events.get(status="brought")
            .occurred
        ),
        day("2011-06"),
    ),
    # Aminov
    (
        "Aminov arrested on 30 June 2011",
        lambda: Detention.objects.get(case__slug="aminov-criminal-2011", kind="pre_trial").started,
        day("2011-06-30"),
    ),
    (
        "Aminov's charge reclassified 164 -> 334",
        lambda: (
            Charge.objects.get(
                case__slug="aminov-criminal-2011", article__article="334"
            ).reclassified_from.article.article
        ),
        "164",
    ),
    (
        "Aminov: 1 year suspended, 2 years' probation",
        lambda: (
            sentence("akzhanat-aminov", "aminov-criminal-2011").suspended_months,
            sentence("akzhanat-aminov", "aminov-criminal-2011").probation_months,
        ),
        (12, 24),
    ),
    (
        "Aminov's detention appeal closed, 5 July 2011",
        lambda: (
            Hearing.objects.filter(case__slug="aminov-criminal-2011", instance="appeal")
            .values_list("held_on", "closed_to_public")
            .get()
        ),
        (date(2011, 7, 5), True),
    ),
    # others in 2011
    (
        "Sisenbaev: 200 hours' community service on 13 July 2011",
        lambda: (
            sentence("kuanysh-sisenbaev", "sisenbaev-criminal-2011").community_service_hours,
            outcome("kuanysh-sisenbaev", "sisenbaev-criminal-2011").hearing.held_on,
        ),
        (200, date(2011, 7, 13)),
    ),
    (
        "Sisenbaev fined 80,000 KZT",
        lambda: sentence("kuanysh-sisenbaev", "sisenbaev-fine-2011").fine_amount,
        Decimal("80000"),
    ),
    (
        "Azhigalieva: 15 days under Adm. Code 335",
        lambda: (
            sentence("natalia-azhigalieva", "azhigalieva-2011-09").arrest_days,
            Charge.objects.get(case__slug="azhigalieva-2011-09").article.article,
        ),
        (15, "335"),
    ),
    (
        "Azhigalieva's trial without a lawyer",
        lambda: outcome("natalia-azhigalieva", "azhigalieva-2011-09").hearing.lawyer_present,
        False,
    ),
    (
        "Tuletaeva fined 151,200 KZT (about 750 EUR)",
        lambda: (
            sentence("roza-tuletaeva", "tuletaeva-fine-2011").fine_amount,
            sentence("roza-tuletaeva", "tuletaeva-fine-2011").fine_amount_eur,
        ),
        (Decimal("151200"), Decimal("750")),
    ),
    (
        "Bajtelova: 14 days on 23 August 2011",
        lambda: (
            sentence("zhanna-bajtelova", "almaty-protest-2011-08").arrest_days,
            outcome("zhanna-bajtelova", "almaty-protest-2011-08").hearing.held_on,
        ),
        (14, date(2011, 8, 23)),
    ),
    (
        "Tihonov: 5 days",
        lambda: sentence("dmitrij-tihonov", "almaty-protest-2011-08").arrest_days,
        5,
    ),
    (
        "Mamai: 10 days and about 75 EUR",
        lambda: (
            sentence("zhanbolat-mamai", "mamai-2011-08").arrest_days,
            sentence("zhanbolat-mamai", "mamai-2011-08").fine_amount_eur,
        ),
        (10, Decimal("75")),
    ),
    (
        "Abdrejmova fined 7,560 KZT on 10 October 2011",
        lambda: (
            sentence("nurjash-abdrejmova", "abdrejmova-2011-10").fine_amount,
            outcome("nurjash-abdrejmova", "abdrejmova-2011-10").hearing.held_on,
        ),
        (Decimal("7560"), date(2011, 10, 10)),
    ),
    (
        "Stan production suspended on 27 September 2011",
        lambda: Hearing.objects.get(case__slug="stan-production-suspension-2011").court.slug,
        "almaty-economic-court",
    ),
    # 2012
    (
        "Tuletaeva: seven years",
        lambda: sentence("roza-tuletaeva", "zhanaozen-trial-2012").prison_months,
        84,
    ),
    (
        "Kaliev: four years",
        lambda: sentence("tanatar-kaliev", "zhanaozen-trial-2012").prison_months,
        48,
    ),
    (
        "Zhanaozen trial names six defendants",
        lambda: (
            Case.objects.get(slug="zhanaozen-trial-2012")
            .defendants.filter(kind="individual")
            .count()
        ),
        6,
    ),
    (
        "LS ¶4: seventeen sentenced in June 2012, the six named among them",
        lambda: [
            (group.headcount_min, group.headcount_max, group.members.count())
            for group in Case.objects.get(slug="zhanaozen-trial-2012").defendants.filter(
                kind="group"
            )
        ],
        [(17, 17, 6)],
    ),
    (
        "LS ¶4: three to seven years",
        lambda: sentence("anon-6a1f03c2d9", "zhanaozen-trial-2012").terms()[0],
        "3 years to 7 years in prison",
    ),
    (
        "LS ¶15: five police officers, five to seven years, charge with no article",
        lambda: (
            sentence("anon-9d27b4e0c5", "zhanaozen-police-trial-2012").prison_months,
            sentence("anon-9d27b4e0c5", "zhanaozen-police-trial-2012").prison_months_max,
            Case.objects.get(slug="zhanaozen-police-trial-2012").charges.get().article,
        ),
        (60, 84, None),
    ),
    (
        "KIBHR §4a ¶25: about 30 fined, amounts not given",
        lambda: (
            Person.objects.get(slug="anon-3e58a1c7b4").headcount,
            sentence("anon-3e58a1c7b4", "aktau-protesters-2011-06").fine_amount_not_given,
        ),
        (Bounds(30, 30, approximate=True), True),
    ),
    ("Kozlov: 7.5 years", lambda: sentence("vladimir-kozlov", "kozlov-2012").prison_months, 90),
    (
        "Shetpe verdicts on 21 May 2012",
        lambda: Hearing.objects.get(case__slug="shetpe-trial-2012").held_on,
        date(2012, 5, 21),
    ),
    (
        "LS ¶13: the twelve Shetpe defendants, by outcome, at the Shetpe court",
        lambda: sorted(
            (o.defendant.headcount_min or 1, o.verdict, o.hearing.court.slug)
            for o in Outcome.objects.filter(hearing__case__slug="shetpe-trial-2012")
        ),
        [
            (1, "acquitted", "court-shetpe"),
            (1, "convicted", "court-shetpe"),
            (4, "convicted", "court-shetpe"),
            (6, "released_early", "court-shetpe"),
        ],
    ),
    (
        "LS ¶13: four activists, four to seven years",
        lambda: sentence("anon-54072c85e4", "shetpe-trial-2012").terms()[0],
        "4 years to 7 years in prison",
    ),
    (
        "AI ¶12: nine women relatives allegedly taken to the Zhanaozen station, no end known",
        lambda: [
            (d.person.headcount_min, d.started_on, d.certainty, d.ended_on, d.authority.slug)
            for d in Detention.objects.filter(person__slug="anon-1ff641167d")
        ],
        [(9, date(2011, 6, 12), "unconfirmed", None, "zhanaozen-police")],
    ),
    (
        "KIBHR §4a ¶27: tent-camp detainees, uncounted, released after both raids",
        lambda: (
            Person.objects.get(slug="anon-c159145878").headcount.known,
            [
                (d.started_on, d.release_reported)
                for d in Detention.objects.filter(person__slug="anon-c159145878")
            ],
        ),
        (False, [(date(2011, 7, 8), True), (date(2011, 7, 10), True)]),
    ),
    (
        "KIBHR §4b ¶33: Ongarbaeva and her relatives, both under article 335",
        lambda: sorted(
            (charge.defendant.kind, charge.article.article)
            for charge in Charge.objects.filter(case__slug="ongarbaeva-2011-09")
        ),
        [("group", "335"), ("individual", "335")],
    ),
    (
        "NHC ¶11: two activists held and released, others given 15 days",
        lambda: (
            Detention.objects.get(person__slug="anon-22f4552ded").release_reported,
            Person.objects.get(slug="anon-22f4552ded").headcount_min,
            sentence("anon-0fb6f176ed", "almaty-anniversary-2012-12").arrest_days,
        ),
        (True, 2, 15),
    ),
    # incidents and counts
    (
        "16 December 2011: at least 16 killed, no maximum",
        lambda: count(SHOOTING, "killed"),
        (16, None, False, ""),
    ),
    ("16 December 2011: at least 64 wounded", lambda: count(SHOOTING, "injured")[0], 64),
    (
        "16 December 2011 on the day, in Zhanaozen",
        lambda: (incident(SHOOTING).started, incident(SHOOTING).place.parent.slug),
        (day("2011-12-16"), "zhanaozen"),
    ),
    (
        "Both death-toll claims are kept",
        lambda: {"at least 16", "more than 16", "16"} <= claims(SHOOTING, "killed"),
        True,
    ),
    (
        "The death toll as figures: 'more than 16' is a lower bound like 'at least 16'",
        lambda: figures(SHOOTING, "killed"),
        {"at least 16", "16"},
    ),
    (
        "5 June 2011 march: 500 vs at least 1,000",
        lambda: claims("aktau-march-2011-06-05", "participants"),
        {"some 500", "at least 1,000"},
    ),
    (
        "5 June 2011 march as figures",
        lambda: figures("aktau-march-2011-06-05", "participants"),
        {"about 500", "at least 1,000"},
    ),
    (
        "Moscow kidnapping attempt on 15 December 2012",
        lambda: (
            incident("kurmanov-moscow-2012-12-15").kind,
            incident("kurmanov-moscow-2012-12-15").started_on,
        ),
        ("kidnapping", date(2012, 12, 15)),
    ),
    (
        "Nine women taken on 12 June 2011",
        lambda: count("zhanaozen-women-beaten-2011-06-12", "detained"),
        (9, 9, False, ""),
    ),
    # Counts as the reports hedge them, each in its own kind.
    (
        "Some 200 in the hunger strikers' camp",
        lambda: count("ozenmunaigas-hunger-strike-2011", "participants"),
        (200, 200, True, ""),
    ),
    (
        "About 30 left in the camp on 10 July",
        lambda: count("tent-camp-raid-2011-07-10", "participants"),
        (30, 30, True, ""),
    ),
    (
        "About 30 fined after the 5 June march (not a count of the detained)",
        lambda: (
            count("aktau-march-2011-06-05", "fined")[:3],
            IncidentCount.objects.filter(
                incident__slug="aktau-march-2011-06-05", kind="detained"
            ).exists(),
        ),
        ((30, 30, True), False),
    ),
    (
        "Up to 5,000 on the square",
        lambda: count("zhanaozen-square-protest-2011", "participants"),
        (None, 5000, False, ""),
    ),
    (
        "Over 2,500 dismissed: the figure given, 'more than' said, not participants",
        lambda: (
            count("strikers-dismissed-2011", "dismissed")[:2],
            IncidentCount.objects.filter(incident__slug="strikers-dismissed-2011")
            .exclude(kind="dismissed")
            .exists(),
        ),
        ((2500, None), False),
    ),
    (
        "Dismissals: hundreds, hundreds, over 2,500",
        lambda: claims("strikers-dismissed-2011", "dismissed"),
        {"hundreds", "over 2,500"},
    ),
    (
        "Dismissals as figures: a plural of hundreds is at least 200",
        lambda: figures("strikers-dismissed-2011", "dismissed"),
        {"at least 200", "at least 2,500"},
    ),
    (
        "More than 2,000 left the ruling party",
        lambda: count("nur-otan-resignations-2011", "resigned")[:2],
        (2000, None),
    ),
    (
        "Three women given five days' arrest after the road block",
        lambda: count("ersai-road-block-2011-06-24", "arrested")[:2],
        (3, 3),
    ),
    (
        "The three women's arrests: five days each, reportedly, with no date and no day counted",
        lambda: (
            Detention.objects.filter(case__slug="ersai-women-2011-06")
            .values_list("person__headcount_min", "started_on", "duration_days", "certainty")
            .get(),
            Hearing.objects.filter(case__slug="ersai-women-2011-06")
            .values_list("held_on", "outcomes__sentence__arrest_days", "outcomes__certainty")
            .get(),
        ),
        ((3, None, 5, "unconfirmed"), (None, 5, "unconfirmed")),
    ),
    (
        "Shetpe: four sentenced to prison, six amnestied",
        lambda: (
            count("shetpe-verdicts-2012-05-21", "sentenced")[:2],
            count("shetpe-verdicts-2012-05-21", "other", "amnestied")[:2],
        ),
        ((4, 4), (6, 6)),
    ),
    (
        "Five police officers sentenced on 28 May 2012",
        lambda: count("police-verdicts-2012-05-28", "sentenced")[:2],
        (5, 5),
    ),
    (
        "Strike began in May 2011 (month only)",
        lambda: incident("mangistau-strike-2011").started,
        day("2011-05"),
    ),
    # international law the reports cite
    (
        "KIBHR §3 ¶16: ICCPR 19, 21, 22 and ICESCR 8; ¶17: the UN committees on 21 and on 8",
        international_articles,
        {
            "ICCPR art. 19": {"§3 ¶16"},
            "ICCPR art. 21": {"§3 ¶16", "§3 ¶17"},
            "ICCPR art. 22": {"§3 ¶16"},
            "ICESCR art. 8": {"§3 ¶16", "§3 ¶17"},
        },
    ),
    (
        "The covenants' articles name their instrument, adopted in 1966",
        lambda: set(
            LegalArticle.objects.filter(code="international").values_list("instrument", "version")
        ),
        {("ICCPR", "1966"), ("ICESCR", "1966")},
    ),
    # sources and places
    (
        "NHC statement dated 19 December 2012 (inferred)",
        lambda: (
            SourceDocument.objects.get(key="nhc-2012-12-19").published,
            SourceDocument.objects.get(key="nhc-2012-12-19").published_date_inferred,
        ),
        (day("2012-12-19"), True),
    ),
    (
        "LabourStart article by Gabriel Levy",
        lambda: SourceDocument.objects.get(key="labourstart-2012-07").author,
        "Gabriel Levy",
    ),
    (
        "Zhanaozen has coordinates",
        lambda: (
            round(float(Place.objects.get(slug="zhanaozen").latitude), 2),
            round(float(Place.objects.get(slug="zhanaozen").longitude), 2),
        ),
        (43.34, 52.86),
    ),
]


@pytest.mark.parametrize(("fact", "read", "expected"), FACTS, ids=[fact for fact, _, _ in FACTS])
def test_key_fact(db: None, fact: str, read: Callable[[], Any], expected: Any) -> None:
    assert read() == expected, fact


def test_there_are_at_least_thirty_key_facts() -> None:
    assert len(FACTS) >= 30
