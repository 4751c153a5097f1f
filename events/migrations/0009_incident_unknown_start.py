"""An incident's start may be unknown (NULL). Every row keeps its date; the constraints on partial
dates and on the order of start and end already let an unknown date through. Undated incidents
sort last.

Going back would have to invent a date for an undated incident: it refuses instead."""

import casetracker.partial_dates
import datetime
import django.core.validators
from django.db import migrations, models


def refuse_undated(apps, schema_editor):
    db = schema_editor.connection.alias
    rows = apps.get_model("events", "Incident").objects.using(db).filter(started_on__isnull=True)
    if rows.exists():
        pks = ", ".join(str(pk) for pk in rows.values_list("pk", flat=True)[:10])
        raise RuntimeError(
            f"Incidents with no date (#{pks}): the column before 0009 requires one; going back "
            "would lose them. Date or delete them first."
        )


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0008_date_qualifiers'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='incident',
            options={'ordering': [models.OrderBy(models.F('started_on'), nulls_last=True), 'title']},
        ),
        migrations.AlterField(
            model_name='incident',
            name='started_on',
            field=models.DateField(blank=True, help_text="The first day of the period known: 1 September 2011 for 'September 2011'. Empty when no source dates it.", null=True, validators=[django.core.validators.MinValueValidator(datetime.date(1900, 1, 1), message='Enter a date between 1 January 1900 and ten years from today.'), django.core.validators.MaxValueValidator(casetracker.partial_dates.ten_years_ahead, message='Enter a date between 1 January 1900 and ten years from today.')], verbose_name='from'),
        ),
        migrations.RunPython(migrations.RunPython.noop, refuse_undated),
    ]
