"""The four fixed count columns of an incident, moved to IncidentCount rows by 0006."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0006_incident_counts_as_rows'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='incident',
            name='events_incident_participants_min_not_above_max',
        ),
        migrations.RemoveConstraint(
            model_name='incident',
            name='events_incident_detained_min_not_above_max',
        ),
        migrations.RemoveConstraint(
            model_name='incident',
            name='events_incident_injured_min_not_above_max',
        ),
        migrations.RemoveConstraint(
            model_name='incident',
            name='events_incident_killed_min_not_above_max',
        ),
        migrations.RemoveField(
            model_name='incident',
            name='detained_max',
        ),
        migrations.RemoveField(
            model_name='incident',
            name='detained_min',
        ),
        migrations.RemoveField(
            model_name='incident',
            name='injured_max',
        ),
        migrations.RemoveField(
            model_name='incident',
            name='injured_min',
        ),
        migrations.RemoveField(
            model_name='incident',
            name='killed_max',
        ),
        migrations.RemoveField(
            model_name='incident',
            name='killed_min',
        ),
        migrations.RemoveField(
            model_name='incident',
            name='participants_max',
        ),
        migrations.RemoveField(
            model_name='incident',
            name='participants_min',
        ),
    ]
