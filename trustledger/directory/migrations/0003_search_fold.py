"""A person's name and title folded for search (Person.search_name): added, filled, indexed."""

from django.db import migrations, models

from trustledger.domain.folding import person_search_text

BATCH = 2000


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Person = apps.get_model("directory", "Person")
    rows = Person.objects.order_by("pk").values_list("pk", "display_name", "title")
    batch = []
    for pk, name, title in rows.iterator(chunk_size=BATCH):
        batch.append(Person(pk=pk, search_name=person_search_text(name, title)))
        if len(batch) == BATCH:
            Person.objects.bulk_update(batch, ["search_name"])
            batch = []
    if batch:
        Person.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_their_script_added_by"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_name",
            field=models.CharField(blank=True, default="", editable=False, max_length=401),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["search_name"], name="person_search_name_idx"),
        ),
    ]
