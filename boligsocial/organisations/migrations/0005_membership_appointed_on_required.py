import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("organisations", "0004_fill_membership_appointed_on")]

    operations = [
        migrations.AlterField(
            model_name='historicalmembership',
            name='appointed_on',
            field=models.DateField(default=django.utils.timezone.localdate, help_text='The day the person took up the role (for a board member: the election).', verbose_name='appointed on'),
        ),
        migrations.AlterField(
            model_name='membership',
            name='appointed_on',
            field=models.DateField(default=django.utils.timezone.localdate, help_text='The day the person took up the role (for a board member: the election).', verbose_name='appointed on'),
        ),
    ]
