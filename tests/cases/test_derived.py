"""Values computed from the records, never typed: days deprived of liberty, expected release and
the status, with its certainty and as-of date (cases/status.py)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from cases.models import Detention, Hearing, Outcome
from cases.status import (
    PersonStatus,
    StatusReport,
    custody_prefetches,
    days_detained,
    detention_days,
    outcome_details,
    status_report,
    with_status,
)
from casetracker.footnotes import cited
from casetracker.models import Certainty
from casetracker.partial_dates import DateBounds, DayRange, Qualifier
from people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


def loaded(person: Person, on: date) -> Person:
    """The person as a page loads them, with the status and the sentences' life on ``on``."""
    people = Person.objects.filter(pk=person.pk).prefetch_related(cited(), *custody_prefetches(on))
    return with_status(people, on).get()


def status(person: Person, on: date) -> StatusReport:
    return status_report(loaded(person, on), on)


def days(person: Person, on: date) -> DayRange | None:
    return days_detained(loaded(person, on), on)


def convicted(person, *, held_on, case=None, verdict=Outcome.Verdict.CONVICTED, **terms):
    case = case or f.CaseFactory(defendants=[person])
    outcome = f.OutcomeFactory(
        defendant=person, hearing=f.HearingFactory(case=case, held_on=held_on), verdict=verdict
    )
    if terms:
        f.SentenceFactory(outcome=outcome, **terms)
    return outcome


# Days deprived of liberty


def test_days_count_to_a_dated_release():
    person = f.PersonFactory()
    f.DetentionFactory(person=person, started_on=date(2011, 9, 8), ended_on=date(2012, 6, 4))
    assert days(person, date(2020, 1, 1)) == DayRange(270, 270)
    assert str(days(person, date(2020, 1, 1))) == "270 days"


def test_a_known_duration_ends_a_detention_without_an_end_date():
    """KIBHR §4c ¶39: five days' administrative arrest, no dates of release."""
    person = f.PersonFactory()
    f.DetentionFactory(
        person=person,
        kind=Detention.Kind.ADMINISTRATIVE_ARREST,
        started_on=date(2011, 8, 18),
        ended_on=None,
        duration_days=5,
    )
    assert days(person, date(2012, 12, 19)) == DayRange(5, 5)
    assert status(person, date(2011, 8, 20)).status == PersonStatus.IN_CUSTODY
    after = status(person, date(2011, 8, 24))
    assert (after.status, after.certainty) == (PersonStatus.RELEASED, Certainty.INFERRED)


def test_without_a_reported_release_days_are_a_lower_bound_to_the_newest_report():
    """Counted to the last report of the detention, never on to today by itself."""
    person = f.PersonFactory()
    detention = f.DetentionFactory(person=person, started_on=date(2011, 9, 8), ended_on=None)
    report = f.SourceDocumentFactory(published_on=date(2011, 9, 18), published_precision="day")
    f.CitationFactory(record=detention, source=report)
    counted = days(person, date(2026, 1, 1))
    assert counted == DayRange(10, 10, open_ended=True)
    assert str(counted) == "at least 10 days"


def test_overlapping_detentions_are_counted_once():
    person = f.PersonFactory()
    f.DetentionFactory(person=person, started_on=date(2011, 9, 1), ended_on=date(2011, 9, 21))
    f.DetentionFactory(person=person, started_on=date(2011, 9, 11), ended_on=date(2011, 10, 1))
    f.DetentionFactory(person=person, started_on=date(2012, 1, 1), ended_on=date(2012, 1, 3))
    assert days(person, date(2013, 1, 1)) == DayRange(32, 32)


def test_a_month_only_start_makes_a_range():
    person = f.PersonFactory()
    detention = f.DetentionFactory(
        person=person,
        started_on=date(2011, 9, 1),
        started_precision="month",
        ended_on=date(2011, 10, 1),
    )
    assert detention_days(detention, date(2012, 1, 1)) == DayRange(1, 30)


def test_a_release_reported_without_a_date_bounds_the_days_by_the_report():
    person = f.PersonFactory()
    detention = f.DetentionFactory(
        person=person, started_on=date(2012, 1, 1), ended_on=None, release_reported=True
    )
    report = f.SourceDocumentFactory(published_on=date(2012, 3, 1), published_precision="day")
    f.CitationFactory(record=detention, source=report)
    assert days(person, date(2013, 1, 1)) == DayRange(0, 60)
    assert status(person, date(2013, 1, 1)).status == PersonStatus.RELEASED


def test_a_prison_term_counts_as_custody_from_the_verdict():
    """LabourStart ¶10: sentenced to prison in 2012, no detention recorded."""
    person = f.PersonFactory()
    convicted(person, held_on=date(2012, 6, 4), prison_months=84)
    assert days(person, date(2012, 7, 4)) == DayRange(30, 30, open_ended=True)
    report = status(person, date(2012, 7, 4))
    assert report.status == PersonStatus.IN_CUSTODY
    assert report.certainty == Certainty.REPORTED


def test_custody_reported_as_going_on_counts_from_the_report():
    """LabourStart ¶14: in prison awaiting trial in July 2012, since a day it does not give."""
    person = f.PersonFactory()
    detention = f.DetentionFactory(
        person=person,
        kind=Detention.Kind.PRE_TRIAL,
        started_on=date(2012, 7, 1),
        started_precision="month",
        started_qualifier=Qualifier.ON_OR_BEFORE,
        ended_on=None,
    )
    report = f.SourceDocumentFactory(published_on=date(2012, 7, 31), published_precision="day")
    f.CitationFactory(record=detention, source=report)
    assert status(person, date(2012, 7, 31)).status == PersonStatus.IN_CUSTODY
    # Before the month stated nothing places him in custody: the registry does not guess.
    assert status(person, date(2012, 6, 1)).status == PersonStatus.UNKNOWN
    counted = days(person, date(2012, 7, 31))
    assert counted == DayRange(0, 30, open_ended=True)
    assert str(counted) == "length not known"
    assert str(detention.started) == "on or before July 2012"


def test_an_approximate_start_makes_the_days_approximate():
    person = f.PersonFactory()
    f.DetentionFactory(
        person=person,
        started_on=date(2011, 11, 5),
        started_qualifier=Qualifier.ABOUT,
        ended_on=date(2011, 11, 15),
    )
    assert str(days(person, date(2012, 1, 1))) == "about 10 days"


# Expected release and the sentence's life


def test_expected_release_counts_the_term_from_custody():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    f.DetentionFactory(person=person, case=case, started_on=date(2011, 9, 8))
    f.DetentionFactory(
        person=person,
        case=None,
        kind=Detention.Kind.ADMINISTRATIVE_ARREST,
        started_on=date(2011, 5, 1),
        ended_on=date(2011, 5, 15),
    )
    outcome = convicted(person, case=case, held_on=date(2012, 6, 4), prison_months=72)
    assert outcome.expected_release() == DateBounds(date(2017, 9, 8), date(2017, 9, 8))
    assert status(person, date(2017, 9, 8)).status == PersonStatus.IN_CUSTODY
    served = status(person, date(2017, 9, 9))
    assert (served.status, served.certainty) == (PersonStatus.RELEASED, Certainty.INFERRED)
    assert served.phrase == "released (our inference)"


def test_expected_release_keeps_the_uncertainty_of_a_partial_start():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    f.DetentionFactory(
        person=person, case=case, started_on=date(2011, 9, 1), started_precision="month"
    )
    outcome = convicted(person, case=case, held_on=date(2012, 6, 4), prison_months=84)
    assert outcome.expected_release() == DateBounds(date(2018, 9, 1), date(2018, 9, 30))
    # The status counts to the latest day the term may end.
    assert status(person, date(2018, 9, 30)).status == PersonStatus.IN_CUSTODY
    assert status(person, date(2018, 10, 1)).status == PersonStatus.RELEASED


def test_a_term_ending_on_the_31st_of_a_short_month_ends_on_its_last_day():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    f.DetentionFactory(person=person, case=case, started_on=date(2011, 8, 31))
    convicted(person, case=case, held_on=date(2011, 10, 1), prison_months=6)
    assert status(person, date(2012, 2, 29)).status == PersonStatus.IN_CUSTODY
    assert status(person, date(2012, 3, 1)).status == PersonStatus.RELEASED


def test_no_expected_release_without_a_prison_term_and_counted_from_the_verdict_without_custody():
    suspended = f.SentenceFactory(prison_months=None, suspended_months=24, probation_months=12)
    assert suspended.outcome.expected_release() is None
    never_held = f.SentenceFactory(prison_months=60, outcome__hearing__held_on=date(2012, 6, 4))
    assert never_held.outcome.expected_release() == DateBounds(date(2017, 6, 4), date(2017, 6, 4))


def test_a_sentence_changed_on_appeal_replaces_the_first_one():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    f.DetentionFactory(person=person, case=case, started_on=date(2011, 9, 8))
    first = convicted(person, case=case, held_on=date(2012, 6, 4), prison_months=84)
    convicted(
        person,
        case=case,
        held_on=date(2012, 8, 1),
        verdict=Outcome.Verdict.CHANGED,
        prison_months=None,
        suspended_months=36,
        probation_months=36,
    )
    # Before the appeal the prison term stands; after it, the suspended term.
    assert status(person, date(2012, 7, 1)).status == PersonStatus.IN_CUSTODY
    assert status(person, date(2012, 8, 2)).status == PersonStatus.NON_CUSTODIAL
    page_first = next(o for o in loaded(person, date(2012, 8, 2)).outcomes.all() if o == first)
    assert "superseded by a later decision" in outcome_details(page_first)
    assert not any("expected release" in line for line in outcome_details(page_first))


def test_an_appeal_rejected_leaves_the_sentence_standing():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    convicted(person, case=case, held_on=date(2012, 6, 4), prison_months=84)
    convicted(person, case=case, held_on=date(2012, 9, 1), verdict=Outcome.Verdict.UPHELD)
    assert status(person, date(2013, 1, 1)).status == PersonStatus.IN_CUSTODY


def test_an_acquittal_on_appeal_voids_the_prison_term():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    convicted(person, case=case, held_on=date(2012, 6, 4), prison_months=84)
    convicted(person, case=case, held_on=date(2012, 9, 1), verdict=Outcome.Verdict.ACQUITTED)
    assert status(person, date(2013, 1, 1)).status == PersonStatus.UNKNOWN


def test_a_release_reported_after_the_verdict_ends_the_term():
    """NHC ¶7: released, date not given."""
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    convicted(person, case=case, held_on=date(2011, 12, 1), prison_months=72)
    f.DetentionFactory(
        person=person,
        case=case,
        kind=Detention.Kind.IMPRISONMENT,
        started_on=date(2011, 12, 1),
        ended_on=None,
        release_reported=True,
        certainty=Certainty.REPORTED,
    )
    report = status(person, date(2012, 12, 19))
    assert (report.status, report.certainty) == (PersonStatus.RELEASED, Certainty.REPORTED)


def test_a_dated_release_after_the_verdict_ends_the_term():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    convicted(person, case=case, held_on=date(2012, 6, 4), prison_months=84)
    f.DetentionFactory(
        person=person,
        case=case,
        kind=Detention.Kind.IMPRISONMENT,
        started_on=date(2012, 6, 4),
        ended_on=date(2016, 6, 1),
    )
    assert status(person, date(2016, 5, 31)).status == PersonStatus.IN_CUSTODY
    assert status(person, date(2016, 6, 2)).status == PersonStatus.RELEASED
    assert days(person, date(2020, 1, 1)) == DayRange(1458, 1458)


# The other statuses


def test_a_fine_or_suspended_term_is_a_non_custodial_sentence():
    person = f.PersonFactory()
    convicted(
        person, held_on=date(2012, 6, 4), prison_months=None, fine_amount=100, fine_currency="KZT"
    )
    assert status(person, date(2013, 1, 1)).status == PersonStatus.NON_CUSTODIAL


def test_a_standing_charge_without_a_verdict_reads_charged():
    person = f.PersonFactory()
    f.ChargeFactory(defendant=person, case=f.CaseFactory(defendants=[person]))
    assert status(person, date(2026, 1, 1)).status == PersonStatus.CHARGED


def test_a_dropped_charge_is_not_charged():
    person = f.PersonFactory()
    charge = f.ChargeFactory(defendant=person, case=f.CaseFactory(defendants=[person]))
    f.ChargeEventFactory(charge=charge, status="dropped", occurred_on=date(2012, 1, 1))
    assert status(person, date(2026, 1, 1)).status == PersonStatus.UNKNOWN


def test_a_hedged_detention_says_reportedly_on_the_status_line():
    person = f.PersonFactory()
    detention = f.DetentionFactory(
        person=person,
        started_on=date(2012, 7, 1),
        ended_on=None,
        certainty=Certainty.UNCONFIRMED,
    )
    report = f.SourceDocumentFactory(published_on=date(2012, 7, 12), published_precision="day")
    f.CitationFactory(record=detention, source=report)
    line = status(person, date(2012, 7, 12))
    assert line.certainty == Certainty.UNCONFIRMED
    assert str(line) == "reportedly in custody, as of 12 July 2012"


def test_the_status_is_dated_by_the_newest_source_up_to_the_day():
    person = f.PersonFactory()
    outcome = convicted(
        person,
        held_on=date(2012, 6, 4),
        prison_months=None,
        suspended_months=36,
        probation_months=36,
    )
    old = f.SourceDocumentFactory(published_on=date(2011, 10, 1), published_precision="month")
    new = f.SourceDocumentFactory(published_on=date(2012, 12, 17), published_precision="day")
    f.CitationFactory(record=person, source=old)
    f.CitationFactory(record=outcome, source=new)
    assert status(person, date(2013, 1, 1)).as_of == date(2012, 12, 17)
    assert status(person, date(2012, 1, 1)).as_of == date(2011, 10, 31)


def test_a_release_after_a_conviction_reads_released():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    f.DetentionFactory(
        person=person, case=case, started_on=date(2011, 9, 8), ended_on=date(2012, 8, 8)
    )
    convicted(person, case=case, held_on=date(2012, 8, 8), verdict=Outcome.Verdict.CHANGED)
    assert status(person, date(2012, 8, 7)).status == PersonStatus.IN_CUSTODY
    assert status(person, date(2013, 1, 1)).status == PersonStatus.RELEASED


def test_draft_records_count_only_where_drafts_are_seen():
    person = f.PersonFactory()
    f.DetentionFactory(person=person, started_on=date(2012, 1, 1), ended_on=None, status="draft")
    people = Person.objects.filter(pk=person.pk)
    assert with_status(people, date(2012, 2, 1)).get().derived_status == PersonStatus.UNKNOWN
    admin_view = with_status(people, date(2012, 2, 1), public=False).get()
    assert admin_view.derived_status == PersonStatus.IN_CUSTODY


def test_an_early_release_on_parole_ends_the_prison_term():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    f.DetentionFactory(person=person, case=case, started_on=date(2012, 6, 4))
    convicted(person, case=case, held_on=date(2012, 6, 4), prison_months=84)
    parole = f.HearingFactory(
        case=case, held_on=date(2016, 10, 18), instance=Hearing.Instance.PAROLE
    )
    f.OutcomeFactory(
        hearing=parole,
        defendant=person,
        verdict=Outcome.Verdict.RELEASED_EARLY,
        certainty=Certainty.CONFIRMED,
    )
    assert status(person, date(2016, 10, 17)).status == PersonStatus.IN_CUSTODY
    after = status(person, date(2016, 10, 19))
    assert (after.status, after.certainty) == (PersonStatus.RELEASED, Certainty.CONFIRMED)
    assert days(person, date(2020, 1, 1)) == DayRange(1597, 1597)


def test_a_remand_decision_keeps_custody_without_a_reported_end():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    f.DetentionFactory(person=person, case=case, started_on=date(2011, 12, 17), ended_on=None)
    remand = f.HearingFactory(
        case=case, held_on=date(2011, 12, 19), instance=Hearing.Instance.REMAND
    )
    f.OutcomeFactory(hearing=remand, defendant=person, verdict=Outcome.Verdict.REMANDED)
    assert status(person, date(2012, 1, 10)).status == PersonStatus.IN_CUSTODY


def test_confiscation_and_court_costs_are_terms_in_words():
    sentence = f.SentenceFactory.build(
        prison_months=None,
        confiscation="property",
        court_costs=Decimal("5000"),
        court_costs_currency="KZT",
    )
    assert sentence.terms() == ["confiscation of property", "court costs of 5,000 KZT"]


SENTENCE_IN_WORDS = {
    "en": [
        "7 years 6 months in prison (strict regime)",
        "1 year 1 month suspended, 2 years probation",
        "fine of 151,200 KZT (about 750.50 EUR)",
        "21 days' administrative arrest",
        "1 hour's community service",
    ],
    "ru": [
        "7 лет 6 месяцев лишения свободы (строгий режим)",
        "1 год 1 месяц условно, испытательный срок 2 года",
        "штраф 151\xa0200 KZT (около 750,50 евро)",
        "21 сутки административного ареста",
        "1 час обязательных работ",
    ],
}


@pytest.mark.parametrize("language", SENTENCE_IN_WORDS)
def test_a_sentence_reads_in_the_readers_language(language):
    sentence = f.SentenceFactory.build(
        prison_months=90, regime="strict", suspended_months=13, probation_months=24,
        fine_amount=Decimal("151200"), fine_currency="KZT", fine_amount_eur=Decimal("750.50"),
        arrest_days=21, community_service_hours=1,
    )  # fmt: skip
    with translation.override(language):
        assert sentence.terms() == SENTENCE_IN_WORDS[language]


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "3 years to 7 years in prison"), ("ru", "3 года – 7 лет лишения свободы")],
)
def test_a_groups_range_of_terms_reads_in_the_readers_language(language, words):
    sentence = f.SentenceFactory.build(prison_months=36, prison_months_max=84, regime="")
    with translation.override(language):
        assert sentence.terms() == [words]


def test_a_suspended_sentence_of_unreported_length_is_non_custodial():
    """LabourStart ¶13: one Shetpe defendant got a suspended sentence; its length is not given."""
    sentence = f.SentenceFactory(prison_months=None, suspended_length_not_given=True)
    person = sentence.outcome.defendant
    assert sentence.terms() == ["suspended sentence (length not given)"]
    after = sentence.outcome.hearing.held_on + timedelta(days=1)
    assert status(person, after).status == PersonStatus.NON_CUSTODIAL
