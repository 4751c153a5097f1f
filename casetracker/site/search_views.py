"""The site's search page: every kind of published record, by any spelling of a name."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from casetracker.site.search import search_everything


class SearchForm(forms.Form):
    # CharField refuses NUL characters, which PostgreSQL could not take.
    q = forms.CharField(label=_("Search"), max_length=200, required=False)


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    groups = search_everything(query) if query else []
    return render(
        request,
        "search/search.html",
        {"form": form, "query": query, "groups": groups, "found": any(g.hits for g in groups)},
    )
