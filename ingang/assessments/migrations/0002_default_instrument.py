"""The default joint assessment instrument, version 1.

The texts live in ingang.assessments.instrument_v1, which is frozen like the
version itself: a change to the instrument is a new version.
"""

from django.db import migrations

from ingang.assessments.instrument_v1 import CODE, DIMENSIONS, NAME_EN, NAME_SV


def create(apps, schema_editor):
    Instrument = apps.get_model("assessments", "Instrument")
    InstrumentVersion = apps.get_model("assessments", "InstrumentVersion")
    Dimension = apps.get_model("assessments", "Dimension")
    Anchor = apps.get_model("assessments", "Anchor")
    instrument = Instrument.objects.create(
        code=CODE,
        name_sv=NAME_SV,
        name_en=NAME_EN,
    )
    version = InstrumentVersion.objects.create(instrument=instrument, number=1)
    for order, (code, name_sv, name_en, anchors) in enumerate(DIMENSIONS, start=1):
        dimension = Dimension.objects.create(
            version=version, code=code, order=order, name_sv=name_sv, name_en=name_en
        )
        Anchor.objects.bulk_create(
            Anchor(dimension=dimension, score=score, text_sv=sv, text_en=en)
            for score, (sv, en) in enumerate(anchors, start=1)
        )


def remove(apps, schema_editor):
    Instrument = apps.get_model("assessments", "Instrument")
    InstrumentVersion = apps.get_model("assessments", "InstrumentVersion")
    Dimension = apps.get_model("assessments", "Dimension")
    Anchor = apps.get_model("assessments", "Anchor")
    versions = InstrumentVersion.objects.filter(instrument__code=CODE, number=1)
    Anchor.objects.filter(dimension__version__in=versions).delete()
    Dimension.objects.filter(version__in=versions).delete()
    versions.delete()
    Instrument.objects.filter(code=CODE, versions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
