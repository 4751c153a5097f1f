"""The database itself refuses rows that break an invariant, whatever code wrote them."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cases.models import ArticleCorrespondence
from tests import factories as f

pytestmark = pytest.mark.django_db


def twice(factory, **shared):
    def create():
        first = factory(**shared)
        keys = {name: getattr(first, name) for name in shared} | _same_parent(factory, first)
        factory(**keys)

    return create


def _same_parent(factory, first):
    parents = {
        f.PlaceNameFactory: ("place", "name"),
        f.PersonNameFactory: ("person", "name"),
        f.OrganizationNameFactory: ("organization", "name"),
        f.DesignationFactory: ("person", "kind", "designated_by"),
        f.ChargeFactory: ("case", "defendant", "article"),
        f.ChargeEventFactory: ("charge", "status"),
        f.OutcomeFactory: ("hearing", "defendant"),
        f.HearingJudgeFactory: ("hearing", "judge"),
        f.InvolvementFactory: ("incident", "person", "role"),
        f.IncidentCountFactory: ("incident", "kind", "note"),
    }
    return {name: getattr(first, name) for name in parents[factory]}


def org_involved_twice():
    organization = f.OrganizationFactory()
    first = f.InvolvementFactory(person=None, organization=organization)
    f.InvolvementFactory(incident=first.incident, person=None, organization=organization)


def two_presiding():
    first = f.HearingJudgeFactory(presiding=True)
    f.HearingJudgeFactory(hearing=first.hearing, presiding=True)


def own_parent():
    organization = f.OrganizationFactory()
    organization.parent = organization
    organization.save()


def described_twice(*descriptions):
    first = f.ChargeFactory(article=None, described_as=descriptions[0])
    for description in descriptions[1:] or descriptions:
        f.ChargeFactory(
            case=first.case, defendant=first.defendant, article=None, described_as=description
        )


def corresponding(*, twice=False, to_itself=False):
    earlier = f.LegalArticleFactory(version="1997", article="164")
    later = earlier if to_itself else f.LegalArticleFactory(version="2014", article="174")
    for _ in range(2 if twice else 1):
        ArticleCorrespondence.objects.create(earlier=earlier, later=later)


def same_article_twice():
    f.LegalArticleFactory(article="164", part="1", slug="a")
    f.LegalArticleFactory(article="164", part="1", slug="b")


# Each partial date, one day past the wide window the database keeps (1900 to 2199).
OUT_OF_WINDOW = {
    "casetracker_sourcedocument_published": (f.SourceDocumentFactory, "published"),
    "people_affiliation_started": (f.AffiliationFactory, "started"),
    "people_affiliation_ended": (f.AffiliationFactory, "ended"),
    "people_designation_designated": (f.DesignationFactory, "designated"),
    "cases_case_opened": (f.CaseFactory, "opened"),
    "cases_chargeevent_occurred": (f.ChargeEventFactory, "occurred"),
    "cases_detention_started": (f.DetentionFactory, "started"),
    "cases_detention_ended": (f.DetentionFactory, "ended"),
    "cases_hearing_held": (f.HearingFactory, "held"),
    "events_incident_started": (f.IncidentFactory, "started"),
    "events_incident_ended": (f.IncidentFactory, "ended"),
}


BAD_ROWS = {
    "casetracker_citation_claim_has_value": lambda: f.CitationFactory(
        claim_field="headcount", claim_value=None
    ),
    "casetracker_place_latitude_in_range": lambda: f.PlaceFactory(
        latitude=Decimal(91), longitude=Decimal(0)
    ),
    "casetracker_place_longitude_in_range": lambda: f.PlaceFactory(
        latitude=Decimal(0), longitude=Decimal(181)
    ),
    "casetracker_place_coordinates_both_or_neither": lambda: f.PlaceFactory(longitude=None),
    "casetracker_placename_unique_spelling": twice(f.PlaceNameFactory),
    "people_person_anonymised_has_label": lambda: f.PersonFactory(
        anonymity="minor", public_label=""
    ),
    "people_person_named_has_a_name": lambda: f.PersonFactory(name=""),
    "people_person_unnamed_has_no_invented_name": lambda: f.PersonFactory(
        name="Placeholder Person", anonymity="unnamed", public_label="a driver"
    ),
    "people_person_group_is_described": lambda: f.GroupFactory(
        name="Zhanaozen strikers", anonymity="named"
    ),
    "people_person_headcount_only_for_groups": lambda: f.PersonFactory(headcount_min=3),
    "people_person_group_of_two_or_more": lambda: f.GroupFactory(headcount_min=1),
    "people_person_min_not_above_max": lambda: f.GroupFactory(headcount_min=9, headcount_max=5),
    "people_personname_unique_spelling": twice(f.PersonNameFactory),
    "people_organizationname_unique_spelling": twice(f.OrganizationNameFactory),
    "people_organization_not_own_parent": own_parent,
    "people_affiliation_ended_not_before_started": lambda: f.AffiliationFactory(
        started_on=date(2011, 12, 16), ended_on=date(2011, 12, 1)
    ),
    "people_designation_once_per_organization": twice(f.DesignationFactory),
    "cases_legalarticle_unique_reference": same_article_twice,
    "cases_articlecorrespondence_once": lambda: corresponding(twice=True),
    "cases_articlecorrespondence_two_articles": lambda: corresponding(to_itself=True),
    "cases_legalarticle_instrument_only_for_laws": lambda: f.LegalArticleFactory(
        code="international", instrument=""
    ),
    "cases_legalarticle_in_force_in_order": lambda: f.LegalArticleFactory(
        in_force_from=2015, in_force_until=1997
    ),
    "cases_charge_once_per_article": twice(f.ChargeFactory),
    "cases_chargeevent_once_per_status": twice(f.ChargeEventFactory),
    "cases_charge_article_or_description": lambda: f.ChargeFactory(article=None, described_as=""),
    "cases_charge_once_per_description": lambda: described_twice("abuse of power"),
    "cases_detention_ended_not_before_started": lambda: f.DetentionFactory(
        started_on=date(2011, 9, 8), ended_on=date(2011, 9, 7)
    ),
    "cases_detention_one_kind_of_end": lambda: f.DetentionFactory(
        started_on=date(2011, 8, 18), ended_on=date(2011, 8, 23), duration_days=5
    ),
    "cases_detention_duration_or_undated_release": lambda: f.DetentionFactory(
        ended_on=None, duration_days=5, release_reported=True
    ),
    "cases_outcome_once_per_defendant": twice(f.OutcomeFactory),
    "cases_hearingjudge_once_per_hearing": twice(f.HearingJudgeFactory),
    "cases_hearingjudge_one_presiding": two_presiding,
    "cases_sentence_has_a_term": lambda: f.SentenceFactory(prison_months=None),
    "cases_sentence_fine_amount_given_or_not": lambda: f.SentenceFactory(
        fine_amount=Decimal(100), fine_currency="KZT", fine_amount_not_given=True
    ),
    "cases_sentence_suspended_length_given_or_not": lambda: f.SentenceFactory(
        prison_months=None, suspended_months=24, suspended_length_not_given=True
    ),
    "cases_sentence_range_above_shortest_term": lambda: f.SentenceFactory(
        prison_months=84, prison_months_max=36
    ),
    "cases_sentence_fine_has_currency": lambda: f.SentenceFactory(fine_amount=Decimal(100000)),
    "cases_sentence_euro_figure_needs_fine": lambda: f.SentenceFactory(
        fine_amount_eur=Decimal(500)
    ),
    "cases_sentence_probation_needs_suspended_term": lambda: f.SentenceFactory(probation_months=12),
    "cases_sentence_ban_months_needs_ban": lambda: f.SentenceFactory(ban_months=36),
    "cases_sentence_court_costs_have_currency": lambda: f.SentenceFactory(
        court_costs=Decimal(5000)
    ),
    "cases_sentence_regime_needs_prison_term": lambda: f.SentenceFactory(
        prison_months=None, arrest_days=15, regime="strict"
    ),
    "events_incident_ended_not_before_started": lambda: f.IncidentFactory(
        started_on=date(2011, 12, 16), ended_on=date(2011, 12, 15)
    ),
    "events_incidentcount_min_not_above_max": lambda: f.IncidentCountFactory(
        minimum=17, maximum=16
    ),
    "events_incidentcount_has_a_bound": lambda: f.IncidentCountFactory(
        minimum=None, maximum=None, approximate=True
    ),
    "events_incidentcount_once_per_kind": twice(f.IncidentCountFactory, kind="detained"),
    "events_incidentcount_other_once_per_note": twice(
        f.IncidentCountFactory, kind="other", note="expelled"
    ),
    "events_incidentcount_other_says_what": lambda: f.IncidentCountFactory(kind="other", note=""),
    "events_involvement_person_or_organization": lambda: f.InvolvementFactory(person=None),
    "events_involvement_person_once_per_role": twice(f.InvolvementFactory),
    "events_involvement_organization_once_per_role": org_involved_twice,
}


@pytest.mark.parametrize("constraint", BAD_ROWS)
def test_database_refuses_bad_row(constraint):
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        BAD_ROWS[constraint]()
    message = str(error.value)
    # SQLite names unique constraints by their columns; PostgreSQL and every CHECK by our name.
    if "UNIQUE constraint failed" not in message:
        assert constraint in message


@pytest.mark.parametrize(
    ("constraint", "day"),
    [
        (constraint, day)
        for constraint, (_, prefix) in OUT_OF_WINDOW.items()
        # An end before 1900 is also before any start in the window: it breaks two rules.
        for day in (
            [date(2200, 1, 1)] if prefix == "ended" else [date(1899, 12, 31), date(2200, 1, 1)]
        )
    ],
)
def test_database_refuses_a_partial_date_out_of_the_window(constraint, day):
    factory, prefix = OUT_OF_WINDOW[constraint]
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        factory(**{f"{prefix}_on": day, f"{prefix}_precision": "day"})
    assert f"{constraint}_in_window" in str(error.value)


@pytest.mark.parametrize("bound", ["minimum", "maximum"])
def test_counts_cannot_be_negative(bound):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.IncidentCountFactory(**{"minimum": None, bound: -1})


def test_other_counts_may_repeat_with_different_notes():
    """'Expelled' and 'resigned' are two other counts of one incident; kinds other than 'other'
    come once per incident."""
    first = f.IncidentCountFactory(kind="other", note="expelled from university")
    f.IncidentCountFactory(incident=first.incident, kind="other", note="left the union")
    f.IncidentCountFactory(incident=first.incident, kind="detained", note="expelled")
    assert first.incident.counts.count() == 3


def test_the_model_names_a_broken_count_before_the_database_does():
    """The admin's form error, from the same constraints (full_clean validates them)."""
    from django.core.exceptions import ValidationError

    count = f.IncidentCountFactory.build(incident=f.IncidentFactory(), minimum=17, maximum=16)
    with pytest.raises(ValidationError, match="The lower bound is above the upper bound"):
        count.full_clean()


def test_a_coarse_end_in_the_start_month_is_allowed():
    """'Released in December' after '16 December' is consistent; the row is stored."""
    detention = f.DetentionFactory(
        started_on=date(2011, 12, 16), ended_on=date(2011, 12, 1), ended_precision="month"
    )
    detention.full_clean()


@pytest.mark.parametrize("constraint", OUT_OF_WINDOW)
@pytest.mark.parametrize(
    ("precision", "day"), [("month", date(2011, 9, 15)), ("year", date(2011, 3, 1))]
)
def test_database_refuses_a_coarse_date_off_its_first_day(constraint, precision, day):
    factory, prefix = OUT_OF_WINDOW[constraint]
    record = factory()
    # QuerySet.update writes around the model's validation, as a script or an import would.
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        type(record).objects.filter(pk=record.pk).update(
            **{f"{prefix}_on": day, f"{prefix}_precision": precision}
        )
    assert f"{constraint}_starts_its_period" in str(error.value)


def test_a_defendant_may_face_two_charges_described_differently():
    described_twice("abuse of power", "fraud")


def test_a_charge_may_have_both_an_article_and_a_description():
    charge = f.ChargeFactory(described_as="abuse of power")
    assert charge.offence == str(charge.article)


def test_the_model_names_a_charge_with_neither_article_nor_description():
    charge = f.ChargeFactory.build(article=None, described_as="")
    with pytest.raises(ValidationError) as error:
        charge.validate_constraints()
    assert "needs an article or a description" in str(error.value)


@pytest.mark.parametrize(
    ("code", "instrument", "allowed"),
    [
        ("international", "ICCPR", True),
        ("law", "Law on Peaceful Assemblies", True),
        ("law", "", False),
        ("criminal", "ICCPR", False),
    ],
)
def test_only_laws_and_international_instruments_name_an_instrument(code, instrument, allowed):
    article = f.LegalArticleFactory.build(code=code, instrument=instrument)
    if allowed:
        article.validate_constraints()
        return
    with pytest.raises(ValidationError) as error:
        article.validate_constraints()
    assert "needs its name; a code has none" in str(error.value)


def test_an_instrument_article_is_named_by_its_instrument():
    article = f.LegalArticleFactory(code="international", instrument="ICCPR", article="21")
    assert str(article) == "ICCPR art. 21"


def test_the_same_article_number_in_two_instruments_is_two_articles():
    for instrument in ("ICCPR", "ILO Convention No. 87"):
        f.LegalArticleFactory(code="international", instrument=instrument, version="", article="3")


@pytest.mark.parametrize(
    ("later", "message"),
    [
        ({"code": "administrative", "version": "2014"}, "same code"),
        ({"version": "1997"}, "different versions"),
    ],
)
def test_a_correspondence_joins_one_code_across_versions(later, message):
    earlier = f.LegalArticleFactory(version="1997")
    row = ArticleCorrespondence(earlier=earlier, later=f.LegalArticleFactory(**later))
    with pytest.raises(ValidationError) as error:
        row.clean()
    assert message in str(error.value)


def _qualifier_refused(constraint, **changes):
    factory, prefix = OUT_OF_WINDOW[constraint]
    record = factory()
    changes = {name.replace("x_", f"{prefix}_"): value for name, value in changes.items()}
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        type(record).objects.filter(pk=record.pk).update(**changes)
    assert f"{constraint}_qualifier_known" in str(error.value)


@pytest.mark.parametrize("constraint", OUT_OF_WINDOW)
def test_database_refuses_a_qualifier_it_does_not_know(constraint):
    _qualifier_refused(constraint, x_qualifier="roughly")


UNKNOWN_ALLOWED = [
    constraint
    for constraint, (factory, prefix) in OUT_OF_WINDOW.items()
    if factory._meta.model._meta.get_field(f"{prefix}_on").null
]


@pytest.mark.parametrize("constraint", UNKNOWN_ALLOWED)
def test_database_refuses_a_qualifier_on_no_date(constraint):
    _qualifier_refused(constraint, x_on=None, x_qualifier="on_or_before")


def test_an_end_before_a_start_that_may_be_earlier_is_stored():
    """'Held since before the end of July, freed on 4 July': the start is only a bound."""
    detention = f.DetentionFactory(
        started_on=date(2012, 7, 31), started_qualifier="on_or_before", ended_on=date(2012, 7, 4)
    )
    detention.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(detention).objects.filter(pk=detention.pk).update(started_qualifier="")


def test_a_panel_has_members_beside_its_presiding_judge():
    presiding = f.HearingJudgeFactory(presiding=True)
    f.HearingJudgeFactory(hearing=presiding.hearing)
    f.HearingJudgeFactory(hearing=presiding.hearing)
    f.HearingJudgeFactory(presiding=True)  # another hearing's presiding judge
    assert presiding.hearing.judges.count() == 3


def test_the_model_names_a_second_presiding_judge_before_the_database_does():
    first = f.HearingJudgeFactory(presiding=True)
    second = f.HearingJudgeFactory.build(hearing=first.hearing, judge=f.PersonFactory())
    second.presiding = True
    with pytest.raises(ValidationError, match="A panel has one presiding judge"):
        second.full_clean()


# Unknown dates: a detention's start, a hearing's date, an incident's start.

UNDATED_ALLOWED = {
    "a detention known by its length": lambda: f.DetentionFactory(started_on=None, duration_days=5),
    "a detention known to have ended": lambda: f.DetentionFactory(
        started_on=None, ended_on=date(2011, 7, 1)
    ),
    "a detention whose release is reported": lambda: f.DetentionFactory(
        started_on=None, release_reported=True
    ),
    "a detention known only to have happened": lambda: f.DetentionFactory(started_on=None),
    "a hearing known to have taken place": lambda: f.HearingFactory(held_on=None),
    "an incident known to have ended": lambda: f.IncidentFactory(
        started_on=None, ended_on=date(2011, 12, 17)
    ),
}


@pytest.mark.parametrize("row", UNDATED_ALLOWED)
def test_an_unknown_date_is_stored_and_passes_the_form_rules(row):
    record = UNDATED_ALLOWED[row]()
    record.full_clean()
    record.refresh_from_db()
    assert getattr(record, "started", getattr(record, "held", None)) is None


UNDATED_REFUSED = {
    "cases_detention_one_kind_of_end": lambda: f.DetentionFactory(
        started_on=None, ended_on=date(2011, 8, 23), duration_days=5
    ),
    "cases_detention_duration_or_undated_release": lambda: f.DetentionFactory(
        started_on=None, duration_days=5, release_reported=True
    ),
    "cases_detention_started_qualifier_known": lambda: f.DetentionFactory(
        started_on=None, started_qualifier="about"
    ),
    "cases_hearing_held_qualifier_known": lambda: f.HearingFactory(
        held_on=None, held_qualifier="on_or_before"
    ),
    "events_incident_started_qualifier_known": lambda: f.IncidentFactory(
        started_on=None, started_qualifier="on_or_after"
    ),
}


@pytest.mark.parametrize("constraint", UNDATED_REFUSED)
def test_the_rules_on_the_kinds_of_end_hold_without_a_start(constraint):
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        UNDATED_REFUSED[constraint]()
    assert constraint in str(error.value)
