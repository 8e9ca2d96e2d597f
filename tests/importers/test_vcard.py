from trustledger.importers.records import PersonRecord, RejectedRecord
from trustledger.importers.vcard import parse_vcard


def test_it_reads_a_vcard_2_1_with_quoted_printable_folding_and_a_photo(fixtures):
    (person,) = list(parse_vcard(fixtures / "contacts-2.1.vcf"))
    assert isinstance(person, PersonRecord)
    assert person.full_name == "Jörg Müller von Hause"
    assert (person.given_name, person.family_name) == ("Jörg", "Müller")
    assert person.emails == ("joerg.mueller@acme.example",)
    assert (person.organization, person.unit, person.title) == (
        "Acme GmbH",
        "Finance",
        "Controller",
    )
    assert person.notes == "Prefers phone calls in the morning and longer folded notes"


def test_it_reads_a_vcard_3_0_and_rejects_broken_cards_with_their_line(fixtures):
    results = list(parse_vcard(fixtures / "contacts-3.0.vcf"))
    jane = results[0]
    assert jane.external_id == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert jane.emails == ("jane.doe@example.com", "jane@home.example")
    rejected = [r for r in results if isinstance(r, RejectedRecord)]
    assert [r.location for r in rejected] == ["line 13", "line 18"]
    assert "neither a name nor" in rejected[0].reason


def test_it_keeps_non_ascii_names_of_a_vcard_4_0(fixtures):
    zoe, taro = list(parse_vcard(fixtures / "contacts-4.0.vcf"))
    assert zoe.full_name == "Zoë Łukasiewicz-Øster"
    assert (zoe.language, zoe.time_zone, zoe.country) == ("pl", "Europe/Warsaw", "Poland")
    assert taro.full_name == "山田 太郎"


def test_reparsing_gives_the_same_external_ids(fixtures):
    first = [r.external_id for r in parse_vcard(fixtures / "contacts-4.0.vcf")]
    assert first == [r.external_id for r in parse_vcard(fixtures / "contacts-4.0.vcf")]
