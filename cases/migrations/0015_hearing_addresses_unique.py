import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0014_hearing_addresses'),
    ]

    operations = [
        migrations.AlterField(
            model_name='hearing',
            name='slug',
            field=models.SlugField(blank=True, help_text="Part of the page's address. Left empty, it is made from the case, the instance and the date; once published, keep it: links to the page use it.", max_length=120, unique=True, validators=[django.core.validators.RegexValidator('\\D', message='An address needs a letter or a hyphen, not only digits.')], verbose_name='address'),
        ),
    ]
