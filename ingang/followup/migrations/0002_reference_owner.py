import django.db.models.deletion
from django.db import migrations, models

import ingang.followup.models


def fill_references(apps, schema_editor):
    Participation = apps.get_model("followup", "Participation")
    for row in Participation.objects.filter(reference__isnull=True).only("pk"):
        row.reference = ingang.followup.models.new_reference()
        row.save(update_fields=["reference"])


class Migration(migrations.Migration):

    dependencies = [
        ("agencies", "0001_initial"),
        ("followup", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="participation",
            name="reference",
            field=models.CharField(editable=False, max_length=9, null=True, verbose_name="reference"),
        ),
        migrations.RunPython(fill_references, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="participation",
            name="reference",
            field=models.CharField(
                default=ingang.followup.models.new_reference,
                editable=False,
                max_length=9,
                unique=True,
                verbose_name="reference",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="owning_agency",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="agencies.agency",
            ),
        ),
        migrations.AddIndex(
            model_name="participation",
            index=models.Index(
                condition=models.Q(("exited_on__isnull", False)),
                fields=["entry_income_source", "exit_income_source", "exit_status"],
                name="participation_outcome",
            ),
        ),
    ]
