# Hearings get readable addresses: every stored hearing's slug is made here as Hearing.save
# would make it, then the column becomes unique (0015). The old numeric addresses redirect.

from django.db import migrations, models
from django.utils.text import slugify

SLUG_LENGTH = 120


def _when(hearing):
    if hearing.held_on is None:
        return "undated"
    if hearing.held_precision == "year":
        return str(hearing.held_on.year)
    if hearing.held_precision == "month":
        return hearing.held_on.strftime("%Y-%m")
    return hearing.held_on.isoformat()


def make_slugs(apps, schema_editor):
    Hearing = apps.get_model("cases", "Hearing")
    taken = set()
    for hearing in Hearing.objects.select_related("case").order_by("pk"):
        words = f"{hearing.case.slug} {hearing.instance} {_when(hearing)}"
        stem = slugify(words)[: SLUG_LENGTH - 4].strip("-") or "record"
        slug, number = stem, 1
        while slug in taken:
            number += 1
            slug = f"{stem}-{number}"
        taken.add(slug)
        hearing.slug = slug
        hearing.save(update_fields=["slug"])


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0013_unknown_detention_and_hearing_dates'),
    ]

    operations = [
        migrations.AddField(
            model_name='hearing',
            name='slug',
            field=models.SlugField(blank=True, max_length=SLUG_LENGTH, null=True, verbose_name='address'),
        ),
        migrations.RunPython(make_slugs, migrations.RunPython.noop),
    ]
