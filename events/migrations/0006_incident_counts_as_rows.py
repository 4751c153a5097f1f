"""Every count an incident held in its four column pairs becomes an IncidentCount row.

A citation of the incident that states one of those counts (``claim_field`` "killed" ...) is
re-pointed to the new row: it supports that count, not the incident as a whole. Its
``claim_field`` and ``claim`` are kept, so a count whose sources differ still shows each figure
beside its source. A claim about a count the incident did not store (no number was chosen) stays
on the incident: nothing is lost, and a researcher can move it once there is a row to move it to.

Going back is refused when a count has no column to go to (a kind other than the four, an
approximate figure, a note): dropping it would lose a fact.
"""

from django.db import migrations

OLD_KINDS = ("participants", "detained", "injured", "killed")


def _types(apps, db):
    content_type = apps.get_model("contenttypes", "ContentType").objects.db_manager(db)
    incident, _ = content_type.get_or_create(app_label="events", model="incident")
    count, _ = content_type.get_or_create(app_label="events", model="incidentcount")
    return incident, count


def columns_to_rows(apps, schema_editor):
    db = schema_editor.connection.alias
    incident_model = apps.get_model("events", "Incident")
    count_model = apps.get_model("events", "IncidentCount")
    citations = apps.get_model("casetracker", "Citation").objects.using(db)
    incident_type, count_type = _types(apps, db)
    for incident in incident_model.objects.using(db).order_by("pk").iterator():
        for kind in OLD_KINDS:
            low, high = getattr(incident, f"{kind}_min"), getattr(incident, f"{kind}_max")
            if low is None and high is None:
                continue
            row = count_model.objects.using(db).create(
                incident=incident, kind=kind, minimum=low, maximum=high
            )
            citations.filter(
                content_type=incident_type, object_id=incident.pk, claim_field=kind
            ).update(content_type=count_type, object_id=row.pk)


def rows_to_columns(apps, schema_editor):
    db = schema_editor.connection.alias
    count_model = apps.get_model("events", "IncidentCount")
    citations = apps.get_model("casetracker", "Citation").objects.using(db)
    incident_type, count_type = _types(apps, db)
    rows = count_model.objects.using(db).select_related("incident").order_by("pk")
    for row in rows:
        if row.kind not in OLD_KINDS or row.approximate or row.note:
            raise RuntimeError(
                f"Incident #{row.incident_id}: the {row.kind} count (approximate={row.approximate},"
                f" note={row.note!r}) has no column to go back to; going back would lose it."
            )
        incident = row.incident
        setattr(incident, f"{row.kind}_min", row.minimum)
        setattr(incident, f"{row.kind}_max", row.maximum)
        incident.save(update_fields=[f"{row.kind}_min", f"{row.kind}_max"])
        citations.filter(content_type=count_type, object_id=row.pk).update(
            content_type=incident_type, object_id=incident.pk
        )
    rows.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("casetracker", "0011_partial_dates_start_their_period"),
        ("events", "0005_incidentcount"),
    ]

    operations = [migrations.RunPython(columns_to_rows, rows_to_columns)]
