"""The upload page: check first, import only on confirmation, for analysts and managers."""

from django.core.files.uploadedfile import SimpleUploadedFile

from ingang.followup.models import Participation
from ingang.imports.tests.conftest import Setting, csv_bytes, row, xlsx_bytes
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World

URL = "/uppfoljning/import/"
GOOD = (row(reference="A1"), row(gender="man", year="1990", reference="A2"))


def test_it_previews_then_imports_on_confirmation(
    world: World, setting: Setting, login: LoginAs
) -> None:
    client = login(world.alex_analyst)
    assert client.get(URL).status_code == 200
    upload = SimpleUploadedFile("deltagare.xlsx", xlsx_bytes(*GOOD))
    preview = client.post(URL, {"file": upload})
    assert preview.status_code == 200
    assert preview.context["result"].created == 2
    assert not Participation.objects.exists()  # the check writes nothing
    digest = preview.context["digest"]
    done = client.post(f"{URL}bekrafta/", {"digest": digest})
    assert done.status_code == 302
    assert Participation.objects.count() == 2
    # The file is no longer waiting: confirming twice imports nothing more.
    client.post(f"{URL}bekrafta/", {"digest": digest})
    assert Participation.objects.count() == 2


def test_it_shows_the_errors_and_offers_no_import(
    world: World, setting: Setting, login: LoginAs
) -> None:
    client = login(world.alex_analyst)
    upload = SimpleUploadedFile("fel.csv", csv_bytes(GOOD[0], row(project="Okänt")))
    preview = client.post(URL, {"file": upload})
    errors = preview.context["result"].errors
    assert [(e.line, e.column) for e in errors] == [(3, "projekt")]
    assert b"bekrafta" not in preview.content
    assert client.post(f"{URL}bekrafta/", {"digest": "x"}).status_code == 302
    assert not Participation.objects.exists()


def test_it_refuses_other_file_kinds(world: World, setting: Setting, login: LoginAs) -> None:
    client = login(world.alex_analyst)
    response = client.post(URL, {"file": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert response.context["form"].errors["file"]
    assert not Participation.objects.exists()


def test_it_is_only_for_analysts_and_managers(
    world: World, setting: Setting, login: LoginAs
) -> None:
    for user in (world.anna_af_caseworker, world.ada_administrator, world.olle_auditor):
        client = login(user)
        assert client.get(URL).status_code == 403, user
        upload = SimpleUploadedFile("a.csv", csv_bytes(*GOOD))
        assert client.post(URL, {"file": upload}).status_code == 403
    assert login(setting.maja_manager).get(URL).status_code == 200
    assert not Participation.objects.exists()
