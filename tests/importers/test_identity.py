from trustledger.importers.identity import (
    clean_name,
    name_key,
    normalize_email,
    parse_identities,
    parse_identity,
)
from trustledger.importers.records import Identity


def test_it_lowercases_emails_and_strips_mailto_and_brackets():
    assert normalize_email("mailto:Jane.Doe@Example.COM") == "jane.doe@example.com"
    assert normalize_email("<jane@x.com>") == "jane@x.com"


def test_it_undoes_list_archive_obfuscation():
    assert normalize_email("jane at x.com") == "jane@x.com"
    assert normalize_email("jane at x dot com") == "jane@x.com"
    assert parse_identity("goran at domain.com (=?ISO-8859-1?Q?G=F6ran_Lastname?=)") == Identity(
        "goran@domain.com", "Göran Lastname"
    )


def test_it_rejects_what_is_not_an_email():
    assert normalize_email("joseph-email.com") is None
    assert normalize_email("") is None


def test_it_parses_a_display_name_and_address():
    assert parse_identity("Jane Doe <Jane@X.com>") == Identity("jane@x.com", "Jane Doe")
    assert parse_identity('"Doe, Jane"   jane@x.com') == Identity("jane@x.com", "Doe, Jane")


def test_name_keys_match_whatever_the_order_case_and_accents():
    assert name_key("Doe, Jane") == name_key("jane  DOE") == "jane doe"
    assert name_key("Zoë Øster") == name_key("zoe øster")
    assert name_key("   ") is None


def test_a_name_that_is_only_an_email_is_not_a_name():
    assert clean_name("jane@x.com") is None


def test_it_parses_address_lists_without_duplicates():
    found = parse_identities(["A <a@x.com>, b@x.com", "A again <A@x.com>"])
    assert [i.email for i in found] == ["a@x.com", "b@x.com"]
