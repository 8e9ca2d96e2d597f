"""A re-import never replaces a known name with an empty or a derived one: an older card
without FN keeps the person's name (issue 17)."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED_DATA
from trustledger.directory.models import Person
from trustledger.ingest.loader import import_files

pytestmark = pytest.mark.django_db
ANDROID = SHARED_DATA / "vcard" / "ez-vcard" / "John_Doe_ANDROID.vcf"


def card(tmp_path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n")
    return str(path)


@pytest.mark.skipif(not ANDROID.is_file(), reason=f"shared test data not found at {ANDROID}")
def test_the_real_android_card_without_fn_keeps_a_known_name(tmp_path):
    # The Android export's first card is only an address: john.doe@company.com, no FN, no N.
    known = card(tmp_path, "john.vcf", "FN:John Doe\r\nEMAIL:john.doe@company.com\r\n")
    import_files([known])
    import_files([ANDROID])
    person = Person.objects.get(identities__normalized="john.doe@company.com")
    assert person.display_name == "John Doe"
    # A person first seen through such a card is named by the address until a name comes.
    jane = Person.objects.get(identities__normalized="jane.doe@company.com")
    assert jane.display_name == "jane.doe@company.com"
    import_files([card(tmp_path, "jane.vcf", "FN:Jane Doe\r\nEMAIL:jane.doe@company.com\r\n")])
    jane.refresh_from_db()
    assert jane.display_name == "Jane Doe"


def test_a_name_put_together_from_n_does_not_replace_a_written_one(tmp_path):
    written = "FN:Dr. Ana María López\r\nEMAIL:ana@example.com\r\n"
    import_files([card(tmp_path, "ana.vcf", written)])
    import_files([card(tmp_path, "old.vcf", "N:López;Ana;;;\r\nEMAIL:ana@example.com\r\n")])
    person = Person.objects.get(identities__normalized="ana@example.com")
    assert person.display_name == "Dr. Ana María López"
    # A new FN does replace it: it is a name someone wrote.
    import_files([card(tmp_path, "new.vcf", "FN:Ana López\r\nEMAIL:ana@example.com\r\n")])
    person.refresh_from_db()
    assert person.display_name == "Ana López"


def test_an_organization_guessed_from_the_mail_domain_does_not_replace_a_named_one(tmp_path):
    from trustledger.directory.models import Organization

    Organization.objects.create(name="Mailhost", kind="customer", email_domains="example.com")
    named = "FN:Ana López\r\nORG:Client Co\r\nEMAIL:ana@example.com\r\n"
    import_files([card(tmp_path, "ana.vcf", named)])
    import_files([card(tmp_path, "old.vcf", "FN:Ana López\r\nEMAIL:ana@example.com\r\n")])
    person = Person.objects.get(identities__normalized="ana@example.com")
    assert person.organization.name == "Client Co"
