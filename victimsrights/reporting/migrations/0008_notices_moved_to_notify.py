from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0007_under_18"),
        ("notify", "0004_one_delivery_pipeline"),
    ]

    operations = [migrations.DeleteModel(name="Notice")]
