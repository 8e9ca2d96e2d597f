import pytest

from trustledger.importers.detect import detect_format, parse
from trustledger.importers.records import UnreadableFile


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("contacts-3.0.vcf", "vcard"),
        ("meetings.ics", "ics"),
        ("thread.mbox", "mbox"),
        ("maildir", "maildir"),
        ("single.eml", "eml"),
        ("commitments.csv", "csv"),
    ],
)
def test_it_detects_each_format(fixtures, name, expected):
    assert detect_format(fixtures / name) == expected


def test_it_sniffs_content_when_the_extension_says_nothing(fixtures, tmp_path):
    mail = tmp_path / "message"
    mail.write_bytes((fixtures / "single.eml").read_bytes())
    assert detect_format(mail) == "eml"
    card = tmp_path / "card.txt"
    card.write_bytes((fixtures / "contacts-4.0.vcf").read_bytes())
    assert detect_format(card) == "vcard"


def test_an_unknown_file_is_unreadable(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("just some notes\n")
    with pytest.raises(UnreadableFile, match="not recognised"):
        parse(junk)


def test_a_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableFile, match="no such file"):
        parse(tmp_path / "missing.vcf")
