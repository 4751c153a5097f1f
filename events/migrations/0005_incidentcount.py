"""Counts of any kind as rows of their own: IncidentCount (the old columns go in 0007)."""

import casetracker.publication
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0004_partial_dates_start_their_period'),
    ]

    operations = [
        migrations.CreateModel(
            name='IncidentCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('participants', 'participants'), ('detained', 'detained'), ('arrested', 'administrative arrest'), ('fined', 'fined'), ('sentenced', 'sentenced'), ('injured', 'injured'), ('hospitalised', 'hospitalised'), ('killed', 'killed'), ('dismissed', 'dismissed'), ('resigned', 'left an organisation'), ('other', 'other')], help_text='participants: people who took part: strikers, marchers, hunger strikers; detained: people the police or security services took into custody; administrative arrest: people a court sentenced to administrative arrest (days in custody); fined: people a court or official fined; sentenced: people a criminal court sentenced (prison, suspended or other terms); injured: people wounded or beaten; hospitalised: people taken to hospital, by force or for their injuries; killed: people who died: shot, beaten to death or found dead; dismissed: workers their employer dismissed; left an organisation: people who left a party, union or post (the note says which); other: anything else counted: the note says what', max_length=12, verbose_name='counted')),
                ('minimum', models.PositiveIntegerField(blank=True, help_text="Lower bound as reported: 'at least 16' is 16; 'more than 16' is also 16, with 'more than' in the note. Empty when no source gives one ('up to 5,000').", null=True, verbose_name='at least')),
                ('maximum', models.PositiveIntegerField(blank=True, help_text="Upper bound as reported: 'up to 5,000' is 5,000; an exact count is both bounds. Empty when no source caps the number.", null=True, verbose_name='at most')),
                ('approximate', models.BooleanField(default=False, help_text="The source hedges its figure ('about 30', 'some 200'): both bounds 30, ticked.", verbose_name='approximate')),
                ('note', models.CharField(blank=True, help_text="Short, in our words: 'of whom 3 women', 'more than', 'by late November'. Required for 'other': what is counted.", max_length=200, verbose_name='note')),
            ],
            options={
                'verbose_name': 'incident count',
                'verbose_name_plural': 'incident counts',
                'ordering': ['incident_id', models.Case(models.When(kind='participants', then=0), models.When(kind='detained', then=1), models.When(kind='arrested', then=2), models.When(kind='fined', then=3), models.When(kind='sentenced', then=4), models.When(kind='injured', then=5), models.When(kind='hospitalised', then=6), models.When(kind='killed', then=7), models.When(kind='dismissed', then=8), models.When(kind='resigned', then=9), models.When(kind='other', then=10), output_field=models.IntegerField()), 'note'],
            },
            bases=(casetracker.publication.NaturalKeyMixin, models.Model),
        ),
        migrations.AddField(
            model_name='incidentcount',
            name='incident',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='counts', to='events.incident'),
        ),
        migrations.AddConstraint(
            model_name='incidentcount',
            constraint=models.CheckConstraint(condition=models.Q(('minimum__isnull', True), ('maximum__isnull', True), ('maximum__gte', models.F('minimum')), _connector='OR'), name='events_incidentcount_min_not_above_max', violation_error_message='The lower bound is above the upper bound.'),
        ),
        migrations.AddConstraint(
            model_name='incidentcount',
            constraint=models.CheckConstraint(condition=models.Q(('minimum__isnull', False), ('maximum__isnull', False), _connector='OR'), name='events_incidentcount_has_a_bound', violation_error_message="Give at least one bound: 'at least 16' is a lower bound, 'up to 5,000' an upper one."),
        ),
        migrations.AddConstraint(
            model_name='incidentcount',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'other'), _negated=True), fields=('incident', 'kind'), name='events_incidentcount_once_per_kind', violation_error_message='This incident already has a count of this kind.'),
        ),
        migrations.AddConstraint(
            model_name='incidentcount',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'other')), fields=('incident', 'note'), name='events_incidentcount_other_once_per_note', violation_error_message='This incident already has this count.'),
        ),
        migrations.AddConstraint(
            model_name='incidentcount',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'other'), _negated=True), models.Q(('note', ''), _negated=True), _connector='OR'), name='events_incidentcount_other_says_what', violation_error_message="Say in the note what an 'other' count counts."),
        ),
    ]
