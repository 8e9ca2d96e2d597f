"""Zoning keeps the writer's own words and drops quotes, forwards, signatures and disclaimers."""

from hypothesis import given
from hypothesis import strategies as st

from trustledger.language.zoning import zone


def kinds(text: str) -> list[str]:
    return [z.kind for z in zone(text).removed]


def test_it_drops_a_gmail_reply_header_wrapped_over_two_lines_and_all_below() -> None:
    text = (
        "I will send the contract on Friday.\n\n"
        "On Mon, Mar 1, 2027 at 10:15 AM, Dana Reyes <dana@example.com>\n"
        "wrote:\n\n"
        "> Can you send it?\n"
        "Also the quoted part of an inline reply is dropped.\n"
    )
    zoned = zone(text)
    assert zoned.body == "I will send the contract on Friday."
    assert zoned.removed[-1].kind == "quote"
    assert zoned.removed[-1].first_line == 3
    assert zoned.removed[-1].last_line == 7


def test_it_drops_an_on_wrote_line_in_one() -> None:
    text = "Agreed.\n\nOn 3 Mar 2027, at 10:00, Omar Quist wrote:\n\nWe will pay the invoice."
    assert zone(text).body == "Agreed."


def test_an_on_wrote_line_without_a_date_or_address_is_prose() -> None:
    text = "On Monday we ship, as Omar wrote:\nthe order is complete."
    assert zone(text).body == text


def test_a_list_footer_below_a_rule_is_dropped() -> None:
    text = "I will review it.\n\n-----------\nTo unsubscribe, e-mail: x-unsubscribe@x.example\n"
    zoned = zone(text)
    assert zoned.body == "I will review it."
    assert kinds(text) == ["disclaimer"]


def test_it_drops_a_name_wrote_line_only_when_quoted_lines_follow() -> None:
    quoted = "Fine by me.\n\nOmar Quist wrote on 2027-03-02 10:00:\n> We will pay.\n"
    assert zone(quoted).body == "Fine by me."
    plain = "Here is what the auditor wrote:\nthe figures are complete."
    assert zone(plain).body == plain


def test_it_drops_an_outlook_original_message_and_header_block() -> None:
    text = (
        "Thanks, I will send it tomorrow.\n\n"
        "-----Original Message-----\nFrom: Omar Quist\nSent: Monday, March 1, 2027 9:00 AM\n"
        "To: Dana Reyes\nSubject: Budget\n\nWe will approve the budget."
    )
    zoned = zone(text)
    assert zoned.body == "Thanks, I will send it tomorrow."
    assert kinds(text) == ["quote"]


def test_it_drops_an_outlook_header_block_without_the_original_message_line() -> None:
    text = (
        "I'll review it today.\n\n________________________________\n"
        "From: Omar Quist <omar@example.com>\nSent: Monday, March 1, 2027 9:00 AM\n"
        "To: Dana Reyes\nSubject: Budget\n\nI promise to pay."
    )
    zoned = zone(text)
    assert zoned.body == "I'll review it today."
    assert zoned.removed[-1].text.startswith("____")


def test_a_from_line_without_header_fields_is_content() -> None:
    text = "From: our side, we will deliver on time.\nThe rest follows."
    assert zone(text).body == text


def test_it_drops_lotus_forwards_and_name_at_org_blocks() -> None:
    forwarded = (
        "Please see below.\n\n"
        "---------------------- Forwarded by Lee Park/HOU/ACME on 10/16/2000 01:42 PM -----\n\n"
        "From: Kim Ode    10/16/2000 09:33 AM\nTo: Lee Park/HOU/ACME@ACME\ncc:\n"
        "Subject: RE: Position\n\nI will fix the model."
    )
    assert zone(forwarded).body == "Please see below."
    assert kinds(forwarded) == ["forward"]
    lotus = "I'll check first.\n\nKim Ode@ACME\n05/04/2001 10:15 AM\nTo: Lee\nI will sign."
    assert zone(lotus).body == "I'll check first."
    inline = 'Noted.\n\n"Ode, Kim" <kim@acme.example> on 05/04/2001 10:15:22 AM\nI will sign.'
    assert zone(inline).body == "Noted."


def test_it_drops_begin_forwarded_message_and_gmail_forwards() -> None:
    apple = "FYI\n\nBegin forwarded message:\n\nFrom: Kim\nWe will ship it."
    assert zone(apple).body == "FYI"
    gmail = "See below.\n\n---------- Forwarded message ---------\nFrom: Kim\nI will call."
    assert zone(gmail).body == "See below."
    assert kinds(gmail) == ["forward"]


def test_it_drops_quoted_lines_even_without_a_header() -> None:
    text = "> We will pay.\n>> I promise.\nOK, I will check.\n> more"
    zoned = zone(text)
    assert zoned.body == "OK, I will check."
    assert [(z.first_line, z.last_line) for z in zoned.removed] == [(1, 2), (4, 4)]


def test_it_drops_a_closing_with_a_name_and_contact_block() -> None:
    text = (
        "I will send the contract by Friday.\n\nBest regards,\nTobias Weber\n"
        "Head of IT | Acme GmbH\n+49 30 1234 5678\ntobias@acme.example\nwww.acme.example"
    )
    zoned = zone(text)
    assert zoned.body == "I will send the contract by Friday."
    assert zoned.removed[0].kind == "signature"
    assert zoned.removed[0].text.startswith("Best regards,")


def test_a_signature_may_carry_a_long_address_line() -> None:
    text = (
        "We will ship on Monday.\n\nThanks,\nAna Lopez\n"
        "Acme Corporation, 1234 Market Street, Suite 500, San Francisco, CA 94103, Inc.\n"
        "Phone: +1 415 555 0100"
    )
    assert zone(text).body == "We will ship on Monday."


def test_a_thanks_sentence_is_content_not_a_signature() -> None:
    text = "Thanks, I will send it tomorrow."
    assert zone(text).body == text
    text = "Thanks,\nI will send it tomorrow and call you on Monday to go through the numbers."
    assert "I will send it tomorrow" in zone(text).body


def test_a_closing_followed_by_sentences_is_not_a_signature() -> None:
    text = "Thanks!\n\nWe will deliver the report on Monday.\nIt covers all three sites."
    assert "We will deliver" in zone(text).body


def test_it_drops_the_dash_dash_signature_and_a_mobile_footer() -> None:
    text = "We will deliver on Monday.\n-- \nAna Lopez\nFinance\n\nSent from my iPhone"
    zoned = zone(text)
    assert zoned.body == "We will deliver on Monday."
    assert kinds(text) == ["signature", "signature"]
    assert zone("OK\n\nGet Outlook for Android").body == "OK"


def test_it_drops_a_short_sign_off_without_a_closing() -> None:
    assert zone("Sure thing, will do.\n\n-Ana").body == "Sure thing, will do."
    assert zone("Will do.\n\nCheers, Ana").body == "Will do."


def test_a_short_bullet_list_is_not_a_signature() -> None:
    text = "Agenda:\n- Budget\n- Hiring\n- Roadmap"
    assert zone(text).body == text


def test_it_drops_disclaimers() -> None:
    text = (
        "I will send the figures today.\n\n"
        "This e-mail and any attachments are confidential and may be privileged. If you are "
        "not the intended recipient, please notify the sender and delete it.\n\n"
        "CONFIDENTIALITY NOTICE: the information in this message is confidential and "
        "legally privileged."
    )
    zoned = zone(text)
    assert zoned.body == "I will send the figures today."
    assert kinds(text) == ["disclaimer", "disclaimer"]


def test_a_sentence_that_mentions_confidentiality_is_content() -> None:
    text = "Please keep the figures confidential; I will send the final version tomorrow."
    assert zone(text).body == text


def test_it_drops_a_greeting_line_or_a_greeting_that_opens_the_first_line() -> None:
    assert zone("Hi Ana,\n\nI will send it.").body == "I will send it."
    assert zone("Dear Mr. Quist,\nI will send it.").body == "I will send it."
    assert zone("Team,\nWe ship Friday.").body == "We ship Friday."
    zoned = zone("Hi Ana, I will send it tomorrow.")
    assert zoned.body == "I will send it tomorrow."
    assert zoned.removed[0].text == "Hi Ana,"


def test_an_empty_or_all_quoted_message_has_an_empty_body() -> None:
    assert zone("").body == ""
    assert zone("> only quoted\n> lines").body == ""


def test_windows_line_ends_are_read_like_unix_ones() -> None:
    assert zone("I will call.\r\n\r\n> quoted\r\n").body == "I will call."


lines = st.lists(
    st.one_of(
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
        st.sampled_from(["Thanks,", "Ana", "-- ", "", "Best,", "I will send it.", "> x"]),
    ),
    max_size=12,
)


@given(lines, lines, lines)
def test_zoning_never_keeps_a_quoted_line_nor_anything_after_a_reply_header(
    before: list[str], quoted: list[str], after: list[str]
) -> None:
    marker = "QUOTEDMARKER"
    text = "\n".join(
        [*before, *(f"> {q} {marker}" for q in quoted), "On Mon, 1 Mar 2027, Kim wrote:"]
        + [f"{a} {marker}" for a in after]
    )
    body = zone(text).body
    assert marker not in body
    assert not any(line.lstrip().startswith(">") for line in body.splitlines())


@given(lines)
def test_the_body_is_made_of_lines_of_the_message(given_lines: list[str]) -> None:
    text = "\n".join(given_lines)
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    for line in zone(text).body.splitlines():
        assert line in source
