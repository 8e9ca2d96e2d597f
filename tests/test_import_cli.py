"""`trustledger import`: arguments, summary text, dry run, template."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from trustledger.ledger.models import Interaction

FIXTURES = Path(__file__).parent / "importers" / "fixtures"
pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("import", *args, "--no-progress", stdout=out)
    return out.getvalue()


def test_it_prints_created_then_unchanged_on_a_second_run():
    first = run(str(FIXTURES / "thread.mbox"))
    # The list (dev@lists.ourco.example) is not a person: Jane, Sam, Lee and the Cc.
    assert "created:   9 (4 people, 5 interactions)" in first
    assert "bounce (delivery status notification)" in first
    assert "thread.mbox:line 73: unreadable Date header" in first
    second = run(str(FIXTURES / "thread.mbox"))
    assert "created:   0" in second and "unchanged: 5 (5 interactions)" in second


def test_dry_run_says_so_and_writes_nothing():
    text = run(str(FIXTURES / "interactions.csv"), "--dry-run")
    assert text.startswith("Dry run") and "created:   5" in text
    assert not Interaction.objects.exists()


def test_template_prints_the_csv_header_and_an_example():
    text = run("--template", "interactions")
    assert text.splitlines()[0].startswith("external_id,occurred_at,channel,initiator_email")


def test_csv_mapping_options_reach_the_parser(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("When,Who,Whom\n2025-05-01T10:00:00Z,a@x.example,b@x.example\n")
    run(
        str(path),
        "--kind",
        "interactions",
        "--map",
        "When=occurred_at",
        "--map",
        "Who=initiator_email",
        "--map",
        "Whom=participant_emails",
    )
    assert Interaction.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["x.mbox", "--format", "pdf"], "--format"),
        (["x.mbox", "--since", "last week"], "--since"),
        (["x.mbox", "--content", "everything"], "--content"),
        (["x.csv", "--map", "no-equals-sign"], "--map"),
        (["x.csv", "--mapping", "/nonexistent/map.txt"], "--mapping"),
        (["--template", "invoices"], "--template"),
        (["x.csv", "--batch-size", "0"], "--batch-size"),
        ([], "PATH"),
    ],
)
def test_bad_arguments_name_the_option(args, named):
    with pytest.raises(CommandError, match=named):
        call_command("import", *args, "--no-progress", stdout=StringIO())


def test_an_unreadable_file_is_reported_and_fails_the_command(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 2 files could not be read"):
        call_command(
            "import", str(empty), str(FIXTURES / "interactions.csv"), "--no-progress", stdout=out
        )
    assert "empty.csv: the file is empty" in out.getvalue()
    assert Interaction.objects.count() == 2


def test_the_trustledger_command_lists_import_and_people(capsys):
    from trustledger.cli import main

    assert main(["--help"]) == 0
    usage = capsys.readouterr().out
    assert "  import " in usage and "  people " in usage


SHARED_ICS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ical" / "icalendar"


@pytest.mark.skipif(not SHARED_ICS.is_dir(), reason=f"shared test data not found at {SHARED_ICS}")
def test_a_calendar_of_old_events_says_why_nothing_was_imported():
    out = run(str(SHARED_ICS / "calendars" / "example.ics"))
    assert "Nothing imported: 3 events outside the window " in out
    assert "; use --since to import earlier ones (the earliest on 2022-01-01)." in out


def exit_status(*args: str) -> int:
    from trustledger.cli import main

    return main(["import", "--no-progress", *args])


def test_exit_status_is_0_when_everything_is_imported(capsys):
    assert exit_status(str(FIXTURES / "interactions.csv")) == 0


def test_exit_status_is_1_when_some_records_are_rejected(capsys):
    assert exit_status(str(FIXTURES / "thread.mbox")) == 1
    assert "exit status 1: 1 records rejected" in capsys.readouterr().err


def test_exit_status_is_1_when_one_file_of_two_cannot_be_read(tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert exit_status(str(empty), str(FIXTURES / "interactions.csv")) == 1


def test_exit_status_is_2_when_nothing_usable_was_imported(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("occurred_at,channel,initiator_email\nnot a date,call,a@x.example\n")
    assert exit_status(str(bad)) == 2
    assert "exit status 2: nothing usable was imported" in capsys.readouterr().err
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert exit_status(str(empty)) == 2
    assert exit_status("--since", "yesterday", str(bad)) == 2


def test_the_exit_statuses_are_in_the_help(capsys):
    from trustledger.cli import main

    assert main(["import", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "Exit status: 0 everything was imported" in help_text
    assert "2 nothing usable" in help_text


def test_a_csv_import_does_not_load_the_web_app_or_the_calendar_and_card_libraries(tmp_path):
    # Start-up (issue 17): a one-row import took 3-4 s, mostly system checks loading every URL
    # and the API's schemas, and parsers of formats the file is not in.
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from trustledger.cli import main\n"
        f"code = main(['import', '--no-progress', {str(FIXTURES / 'interactions.csv')!r}])\n"
        "loaded = [m for m in ('icalendar', 'recurring_ical_events', 'vobject', 'ninja',"
        " 'trustledger.api.api', 'trustledger.web.views') if m in sys.modules]\n"
        "print('LOADED', code, loaded)\n"
    )
    env = {**os.environ, "TRUSTLEDGER_DATA_DIR": str(tmp_path), "TRUSTLEDGER_DEBUG": "1"}
    env.pop("TRUSTLEDGER_DATABASE_URL", None)  # its own SQLite file, not the test database
    migrate = [sys.executable, "-c", "from trustledger.cli import main; main(['migrate'])"]
    subprocess.run(migrate, check=True, env=env, capture_output=True)
    done = subprocess.run(
        [sys.executable, "-c", script], check=True, env=env, capture_output=True, text=True
    )
    assert "LOADED 0 []" in done.stdout, done.stdout + done.stderr
