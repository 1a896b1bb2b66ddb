from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Version",
            fields=[
                (
                    "scope",
                    models.CharField(max_length=100, primary_key=True, serialize=False),
                ),
                ("number", models.BigIntegerField(default=0)),
            ],
        ),
    ]
