"""Crime numbers a records system brought (the police.uk import's `PUK-…`) move into their force's namespace."""

from django.db import migrations, models


def _rename(apps, schema_editor, old, new):  # type: ignore[no-untyped-def]
    Crime = apps.get_model("recording", "Crime")
    Force = apps.get_model("areas", "Force")
    for force in Force.objects.all():
        prefix = force.crime_number_prefix
        crimes = Crime.objects.filter(report__force=force, crime_number__startswith=old(prefix))
        for crime in crimes.iterator():
            crime.crime_number = new(prefix) + crime.crime_number[len(old(prefix)) :]
            crime.save(update_fields=["crime_number"])


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    _rename(apps, schema_editor, lambda prefix: "PUK-", lambda prefix: f"{prefix}-PUK-")


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    _rename(apps, schema_editor, lambda prefix: f"{prefix}-PUK-", lambda prefix: "PUK-")


class Migration(migrations.Migration):
    dependencies = [
        ("recording", "0004_encrypt_victims_words"),
        ("areas", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="crime",
            name="crime_number",
            field=models.CharField(max_length=40, unique=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
