"""factory-boy factories for every model; records are published and public unless a test says."""

from datetime import date

import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from cases.models import (
    ArticleCorrespondence,
    Case,
    Charge,
    ChargeEvent,
    Detention,
    Hearing,
    HearingJudge,
    LegalArticle,
    Outcome,
    ProceduralConcern,
    Sentence,
)
from casetracker.models import (
    AuditEntry,
    Citation,
    ContentVersion,
    ImportJob,
    NameKey,
    PendingChange,
    Place,
    PlaceName,
    Reading,
    SourceDocument,
)
from casetracker.publication import Status, Visibility
from events.models import Incident, IncidentCount, Involvement
from people.models import (
    Affiliation,
    Designation,
    Organization,
    OrganizationName,
    Person,
    PersonName,
    PersonRedirect,
    Role,
)


class PublishedFactory(DjangoModelFactory):
    status = Status.PUBLISHED
    visibility = Visibility.PUBLIC

    class Meta:
        abstract = True


class SourceDocumentFactory(PublishedFactory):
    key = factory.Sequence(lambda n: f"report-{n}")
    title = factory.Sequence(lambda n: f"Report {n} on the oil strikes")
    kind = SourceDocument.Kind.REPORT
    publisher = "Human rights group"
    published_on = date(2011, 10, 1)
    published_precision = "month"

    class Meta:
        model = SourceDocument


class PlaceFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Town {n}")
    slug = factory.Sequence(lambda n: f"town-{n}")
    kind = Place.Kind.TOWN
    latitude = factory.Faker("pydecimal", left_digits=2, right_digits=4, min_value=40, max_value=50)
    longitude = factory.Faker(
        "pydecimal", left_digits=2, right_digits=4, min_value=50, max_value=55
    )

    class Meta:
        model = Place
        django_get_or_create = ("slug",)


class PlaceNameFactory(DjangoModelFactory):
    place = factory.SubFactory(PlaceFactory)
    name = factory.Sequence(lambda n: f"Town variant {n}")

    class Meta:
        model = PlaceName


class RoleFactory(DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"role-{n}")
    name = factory.Sequence(lambda n: f"Role {n}")

    class Meta:
        model = Role
        django_get_or_create = ("slug",)


class PersonFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")

    class Meta:
        model = Person


class GroupFactory(PersonFactory):
    """People a source describes together: '17 oil workers sentenced in Aktau'."""

    kind = Person.Kind.GROUP
    name = ""
    anonymity = Person.Anonymity.UNNAMED
    public_label = factory.Sequence(lambda n: f"oil workers of group {n}")
    headcount_min = 17
    headcount_max = 17


class PersonRedirectFactory(DjangoModelFactory):
    old_slug = factory.Sequence(lambda n: f"merged-person-{n}")
    person = factory.SubFactory(PersonFactory)

    class Meta:
        model = PersonRedirect


class PersonNameFactory(DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Spelling {n}")

    class Meta:
        model = PersonName


class OrganizationFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organization.Kind.COMPANY

    class Meta:
        model = Organization


class CourtFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"District court {n}")
    kind = Organization.Kind.COURT


class OrganizationNameFactory(DjangoModelFactory):
    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Org spelling {n}")

    class Meta:
        model = OrganizationName


class AffiliationFactory(DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "employee"

    class Meta:
        model = Affiliation


class DesignationFactory(DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    kind = Designation.Kind.PRISONER_OF_CONSCIENCE
    designated_by = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.NGO)

    class Meta:
        model = Designation


class LegalArticleFactory(DjangoModelFactory):
    code = LegalArticle.Code.CRIMINAL
    version = "1997"
    article = factory.Sequence(lambda n: str(100 + n))
    part = ""
    title = factory.Sequence(lambda n: f"Offence {n}")
    slug = factory.Sequence(lambda n: f"criminal-1997-{100 + n}")

    class Meta:
        model = LegalArticle


class ArticleCorrespondenceFactory(DjangoModelFactory):
    earlier = factory.SubFactory(LegalArticleFactory, version="1997")
    later = factory.SubFactory(LegalArticleFactory, version="2014")

    class Meta:
        model = ArticleCorrespondence


class ProceduralConcernFactory(DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"concern-{n}")
    name = factory.Sequence(lambda n: f"Concern {n}")

    class Meta:
        model = ProceduralConcern


class CaseFactory(PublishedFactory):
    title = factory.Sequence(lambda n: f"Case {n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    kind = Case.Kind.CRIMINAL

    class Meta:
        model = Case
        skip_postgeneration_save = True

    @factory.post_generation
    def defendants(self, create, extracted, **kwargs):
        if create and extracted:
            self.defendants.set(extracted)


class ChargeFactory(DjangoModelFactory):
    case = factory.SubFactory(CaseFactory)
    defendant = factory.SubFactory(PersonFactory)
    article = factory.SubFactory(LegalArticleFactory)

    class Meta:
        model = Charge
        skip_postgeneration_save = True

    @factory.post_generation
    def add_defendant_to_case(self, create, extracted, **kwargs):
        if create:
            self.case.defendants.add(self.defendant)


class ChargeEventFactory(DjangoModelFactory):
    charge = factory.SubFactory(ChargeFactory)
    status = ChargeEvent.Status.BROUGHT
    occurred_on = date(2011, 9, 8)

    class Meta:
        model = ChargeEvent


class DetentionFactory(PublishedFactory):
    person = factory.SubFactory(PersonFactory)
    kind = Detention.Kind.PRE_TRIAL
    started_on = date(2011, 9, 8)

    class Meta:
        model = Detention


class HearingFactory(PublishedFactory):
    case = factory.SubFactory(CaseFactory)
    court = factory.SubFactory(CourtFactory)
    instance = Hearing.Instance.FIRST
    held_on = date(2012, 6, 4)

    class Meta:
        model = Hearing


class HearingJudgeFactory(DjangoModelFactory):
    hearing = factory.SubFactory(HearingFactory)
    judge = factory.SubFactory(PersonFactory)
    presiding = False

    class Meta:
        model = HearingJudge


class OutcomeFactory(DjangoModelFactory):
    hearing = factory.SubFactory(HearingFactory)
    defendant = factory.SubFactory(PersonFactory)
    verdict = Outcome.Verdict.CONVICTED

    class Meta:
        model = Outcome
        skip_postgeneration_save = True

    @factory.post_generation
    def add_defendant_to_case(self, create, extracted, **kwargs):
        if create:
            self.hearing.case.defendants.add(self.defendant)


class SentenceFactory(DjangoModelFactory):
    outcome = factory.SubFactory(OutcomeFactory)
    prison_months = 72

    class Meta:
        model = Sentence


class IncidentFactory(PublishedFactory):
    title = factory.Sequence(lambda n: f"Incident {n}")
    slug = factory.Sequence(lambda n: f"incident-{n}")
    kind = Incident.Kind.PROTEST
    started_on = date(2011, 12, 16)
    summary = "A protest, summarised in our words."

    class Meta:
        model = Incident


class IncidentCountFactory(DjangoModelFactory):
    incident = factory.SubFactory(IncidentFactory)
    kind = IncidentCount.Kind.KILLED
    minimum = 16

    class Meta:
        model = IncidentCount


class InvolvementFactory(DjangoModelFactory):
    incident = factory.SubFactory(IncidentFactory)
    person = factory.SubFactory(PersonFactory)
    role = Involvement.Role.PARTICIPANT

    class Meta:
        model = Involvement


class CitationFactory(DjangoModelFactory):
    source = factory.SubFactory(SourceDocumentFactory)
    record = factory.SubFactory(PersonFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_id = factory.SelfAttribute("record.pk")
    locator = "¶1"
    summary = "States the fact, in our words."

    class Meta:
        model = Citation
        exclude = ["record"]


class ContentVersionFactory(DjangoModelFactory):
    """The page cache's version row is written by casetracker.page_cache; this is for its table."""

    id = 1  # the one row there is
    token = factory.Sequence(lambda n: n + 1)

    class Meta:
        model = ContentVersion
        django_get_or_create = ("id",)


class NameKeyFactory(DjangoModelFactory):
    """Name keys are derived from spellings by name_search; this is for tests of the table."""

    record = factory.SubFactory(PersonFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_id = factory.SelfAttribute("record.pk")
    key = "mamai"

    class Meta:
        model = NameKey
        exclude = ["record"]


class UserFactory(DjangoModelFactory):
    """An account in no group; the personas of tests/conftest.py are the researcher and editor."""

    username = factory.Sequence(lambda n: f"user-{n}")
    password = factory.django.Password("a-long-test-password")
    is_staff = True

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)


class PendingChangeFactory(DjangoModelFactory):
    """A researcher's proposed new summary of a published person."""

    record = factory.SubFactory(PersonFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_id = factory.SelfAttribute("record.pk")
    title = factory.LazyAttribute(lambda o: str(o.record))
    entries = factory.LazyAttribute(
        lambda o: [
            {
                "model": o.record._meta.label,
                "pk": o.record.pk,
                "action": "change",
                "fields": {"summary": [o.record.summary, "A proposed summary."]},
            }
        ]
    )
    proposed_by = factory.SubFactory(UserFactory)

    class Meta:
        model = PendingChange
        exclude = ["record"]


class AuditEntryFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    action = AuditEntry.Action.REFUSED
    detail = "visibility: 'restricted' -> 'public'"

    class Meta:
        model = AuditEntry


class ImportJobFactory(DjangoModelFactory):
    """A queued import of people; to run it, give ``data`` and ``rows_total``."""

    user = factory.SubFactory(UserFactory)
    records = ImportJob.Records.PEOPLE
    format = "csv"
    file_name = "people.csv"
    data = "slug,name\n"

    class Meta:
        model = ImportJob


class ReadingFactory(DjangoModelFactory):
    record = factory.SubFactory(IncidentCountFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_id = factory.SelfAttribute("record.pk")
    attribute = "count"
    basis = "corroborated"

    class Meta:
        model = Reading
        exclude = ["record"]
