"""Every factory builds a row that passes the model's own validation."""

import inspect

import pytest
from factory.django import DjangoModelFactory

from tests import factories

pytestmark = pytest.mark.django_db

FACTORIES = [
    factory
    for _, factory in inspect.getmembers(factories, inspect.isclass)
    if issubclass(factory, DjangoModelFactory) and not factory._meta.abstract
]


def test_every_model_has_a_factory():
    from django.apps import apps

    ours = {
        model
        for app in ("casetracker", "people", "cases", "events")
        for model in apps.get_app_config(app).get_models()
    }
    assert ours <= {factory._meta.model for factory in FACTORIES}


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda factory: factory.__name__)
def test_factory_builds_a_valid_row(factory):
    row = factory()
    row.full_clean()
