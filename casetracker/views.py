from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.models import Case, Detention, Hearing
from events.models import Incident
from people.models import Person


def home(request: HttpRequest) -> HttpResponse:
    totals = {
        "people": Person.objects.public().count(),
        "cases": Case.objects.public().count(),
        "detentions": Detention.objects.public().count(),
        "hearings": Hearing.objects.public().count(),
        "incidents": Incident.objects.public().count(),
    }
    return render(request, "casetracker/home.html", {"totals": totals})
