"""A detention's start and a hearing's date may be unknown (NULL): "held for five days", "a
hearing took place". Every row keeps its date; the constraints on partial dates, the order of
start and end and the kinds of end already let an unknown date through. Undated rows sort last.

Going back would have to invent a date for an undated row: it refuses instead."""

import casetracker.partial_dates
import datetime
import django.core.validators
from django.db import migrations, models


def refuse_undated(apps, schema_editor):
    db = schema_editor.connection.alias
    undated = {
        "detentions": apps.get_model("cases", "Detention").objects.using(db).filter(
            started_on__isnull=True
        ),
        "hearings": apps.get_model("cases", "Hearing").objects.using(db).filter(
            held_on__isnull=True
        ),
    }
    for records, rows in undated.items():
        if rows.exists():
            pks = ", ".join(str(pk) for pk in rows.values_list("pk", flat=True)[:10])
            raise RuntimeError(
                f"{records} with no date (#{pks}): the columns before 0012 require one; going "
                "back would lose them. Date or delete them first."
            )


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0012_hearing_panel'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='detention',
            options={'ordering': [models.OrderBy(models.F('started_on'), nulls_last=True), 'pk']},
        ),
        migrations.AlterModelOptions(
            name='hearing',
            options={'ordering': [models.OrderBy(models.F('held_on'), nulls_last=True), 'pk']},
        ),
        migrations.AlterModelOptions(
            name='outcome',
            options={'ordering': [models.OrderBy(models.F('hearing__held_on'), nulls_last=True), 'pk']},
        ),
        migrations.AlterField(
            model_name='detention',
            name='started_on',
            field=models.DateField(blank=True, help_text="The first day of the period known: 1 September 2011 for 'September 2011'. Empty when no source dates it ('held for five days'): give the duration instead.", null=True, validators=[django.core.validators.MinValueValidator(datetime.date(1900, 1, 1), message='Enter a date between 1 January 1900 and ten years from today.'), django.core.validators.MaxValueValidator(casetracker.partial_dates.ten_years_ahead, message='Enter a date between 1 January 1900 and ten years from today.')], verbose_name='from'),
        ),
        migrations.AlterField(
            model_name='hearing',
            name='held_on',
            field=models.DateField(blank=True, help_text="The first day of the period known: 1 September 2011 for 'September 2011'. Empty when the source says a hearing took place but not when.", null=True, validators=[django.core.validators.MinValueValidator(datetime.date(1900, 1, 1), message='Enter a date between 1 January 1900 and ten years from today.'), django.core.validators.MaxValueValidator(casetracker.partial_dates.ten_years_ahead, message='Enter a date between 1 January 1900 and ten years from today.')], verbose_name='date'),
        ),
        migrations.RunPython(migrations.RunPython.noop, refuse_undated),
    ]
