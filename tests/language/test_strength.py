"""The strength classifier, rule by rule, on sentences written for these tests.

Every sentence here was written by hand from the label guide (docs/language.md); none comes
from the labelled development files.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustledger.language.cues import words
from trustledger.language.strength import Reading, Strength, classify, suggestion_for

C, B, G, N = (
    Strength.COMMITMENT,
    Strength.BEST_EFFORT,
    Strength.GOOD_INTENTION,
    Strength.NONE,
)


def strength(sentence: str) -> Strength:
    return classify(sentence).strength


@pytest.mark.parametrize(
    "sentence",
    [
        "I will send the draft tomorrow.",
        "We'll have it cleared by the 5th.",
        "I'll call you.",
        "I shall forward the contract to Legal this afternoon.",
        "I am going to review the numbers tonight.",
        "Carlos and I will rework the schedule next week.",
        "I'll look at it and get back to you first thing Monday.",
        "I will be sending the invoices on Friday.",
        "I'll be in touch next week about the renewal.",
        "I'm sending the signed copy tomorrow morning.",
        "Yes, I will.",
        "I will make sure the team has the figures before the call.",
    ],
)
def test_an_unhedged_first_person_future_action_is_a_commitment(sentence: str) -> None:
    assert strength(sentence) is C


@pytest.mark.parametrize(
    "sentence",
    [
        "Let me know and I will send it.",
        "If you need anything else, I'll get it for you.",
        "Call me tonight and I'll walk you through the budget.",
        "If you are free on Monday, we'll set up the training then.",
        "Just pick a time and I'll book the room.",
    ],
)
def test_an_offer_conditional_on_the_recipient_is_a_commitment(sentence: str) -> None:
    assert strength(sentence) is C


@pytest.mark.parametrize(
    "sentence",
    [
        "I'll try to send the report by Friday.",
        "I will do my best to finish the review this week.",
        "We will fix it as soon as we are able.",
        "We will support the migration to the greatest extent possible.",
        "I'll do everything in my power to get the contract signed.",
        "I should be able to finish the slides tonight.",
        "Let me know and I'll see what I can find.",
        "I'll attempt a first draft over the weekend.",
        "I am trying to get the numbers for you by noon.",
        "If I can get the audit finished quickly, I will turn to your request.",
        "I'll send the notes when I get a chance.",
    ],
)
def test_a_hedge_of_effort_or_capacity_makes_a_best_effort(sentence: str) -> None:
    assert strength(sentence) is B


@pytest.mark.parametrize(
    "sentence",
    [
        "I can have it sent via intercompany mail.",
        "We can set up a call with your carrier to sort it out.",
        "I can send you the template tomorrow.",
    ],
)
def test_an_offer_stated_as_capacity_is_a_best_effort(sentence: str) -> None:
    assert strength(sentence) is B


@pytest.mark.parametrize(
    "sentence",
    [
        "I hope to finish the budget this week.",
        "We plan to migrate the servers in March.",
        "I'd like to go over the proposal with you on Tuesday.",
        "I intend to raise it at the board meeting.",
        "I could probably help with the audit.",
        "Perhaps I can move the meeting to Thursday.",
        "I may be able to join the call.",
        "I want to get the whole team on the new system.",
        "I was hoping to get this done today.",
        "I'll probably send it on Monday.",
        "I think I'll call them after lunch.",
        "Hopefully we can find a simpler approach.",
        "We could discuss it over lunch.",
        "I might review the draft tonight.",
        "I'm planning to visit the plant next month.",
    ],
)
def test_a_wish_plan_or_hope_is_a_good_intention(sentence: str) -> None:
    assert strength(sentence) is G


@pytest.mark.parametrize(
    "sentence",
    [
        "I will be out of the office on Friday.",
        "I will be in Houston Monday.",
        "I'll be on vacation next week.",
        "We will be traveling Tuesday and Wednesday.",
        "I'm going to Chicago tomorrow.",
        "I will be here all day tomorrow.",
        "I'll be back on the 12th.",
    ],
)
def test_a_schedule_or_availability_is_not_a_promise(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    "sentence",
    [
        "I'll be glad to hear any input.",
        "I'd be happy to hear from you.",
        "I look forward to working with you.",
        "I will wait to hear from you.",
        "We'll see you at the dinner.",
        "Hopefully we'll see you there.",
    ],
)
def test_a_state_or_a_hope_about_a_meeting_is_not_a_promise(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    "sentence",
    [
        "IT will transfer the files tonight.",
        "The vendor will ship the parts next week.",
        "You will receive a confirmation email.",
        "She'll call you tomorrow.",
        "Our lawyers will review the draft.",
    ],
)
def test_a_third_partys_action_is_not_the_writers_promise(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    "sentence",
    [
        "I won't be able to attend.",
        "I will not be attending the offsite.",
        "We will never share your address.",
        "I can't make it on Thursday.",
        "I cannot sign this version.",
    ],
)
def test_a_negation_promises_nothing(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    "sentence",
    [
        "Can you send me the figures?",
        "Will you be at the meeting?",
        "Shall I send the draft?",
        "When do you think we will get the numbers?",
        "Could we meet on Tuesday instead?",
    ],
)
def test_a_question_is_not_a_promise(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    "sentence",
    [
        "Please send me the latest version.",
        "Let me know if you have questions.",
        "Please let me know when you are ready to discuss.",
        "Let me know if there is anything I can do.",
        "I would appreciate your help with the audit.",
        "I'd suggest that we set up the briefing for Tuesday.",
    ],
)
def test_a_request_or_an_invitation_is_not_a_promise(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    "sentence",
    [
        "I sent the contract yesterday.",
        "We reviewed the draft last week.",
        "I was going to call you but ran out of time.",
        "I wanted to let you know the deal closed.",
    ],
)
def test_the_past_is_not_a_promise(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    "sentence",
    [
        "I would like to thank everyone for their patience.",
        "I want to invite you to our open house.",
        "We'd like to introduce our new service.",
    ],
)
def test_a_courtesy_done_by_saying_it_is_not_a_promise(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    "sentence",
    [
        "We'll need to update the numbers.",
        "I need to finish the audit.",
        "We must file the report by the 30th.",
        "I can be reached at the office number.",
        "So I can get an update when we talk.",
        "We will meet in the main conference room.",
        "I'll talk to you later.",
    ],
)
def test_needs_purposes_and_meetings_together_are_not_promises(sentence: str) -> None:
    assert strength(sentence) is N


def test_the_strongest_clause_decides_a_sentence() -> None:
    assert strength("I'll be out Monday but will call you Tuesday.") is C
    assert strength("I hope you are well; I'll send the agenda tonight.") is C


def test_the_cues_carry_the_deciding_words_and_their_effect() -> None:
    reading = classify("I'll try to send the report by Friday.")
    assert reading.strength is B
    assert any(c.words == "I'll try" for c in reading.cues)
    for cue in reading.cues:
        assert reading.sentence[cue.start : cue.end] == cue.words
        assert cue.effect


def test_a_sentence_that_promises_nothing_shows_the_words_that_ruled_it_out() -> None:
    reading = classify("I will be out of the office on Friday.")
    assert reading.strength is N
    assert reading.cues[0].words == "I will be out"
    assert "not an action" in reading.cues[0].effect
    assert "I will be out" in reading.explanation


def test_curly_apostrophes_read_like_straight_ones() -> None:
    assert strength("I’ll send it tomorrow.") is C
    assert strength("I’d like to visit next week.") is G


def test_suggestions_ask_for_a_clearer_promise() -> None:
    good = classify("I hope to finish it this week.")
    assert suggestion_for(good, has_due_date=True) is not None
    firm = classify("I will send it tomorrow.")
    assert suggestion_for(firm, has_due_date=True) is None
    assert "by when" in (suggestion_for(firm, has_due_date=False) or "")
    assert suggestion_for(classify("Thanks for the update."), has_due_date=False) is None


# Property tests: whole families of sentences built from parts written for these tests.

SUBJECTS = ["I", "We"]
ACTIONS = [
    "send the report",
    "call the vendor",
    "review the draft",
    "finish the slides",
    "book the room",
    "forward the contract",
    "update the figures",
    "fix the import",
]
TIMES = ["", " tomorrow", " by Friday", " next week", " this afternoon"]
HEDGES = ["try to ", "do my best to ", "probably ", "hopefully "]
THIRD_PARTIES = ["IT", "The vendor", "Our lawyer", "Finance", "He", "She", "They", "You", "Bob"]
MODALS = ["will", "'ll", "shall", "can", "could", "may", "might", "would like to", "plans to"]


@given(
    st.sampled_from(SUBJECTS),
    st.sampled_from(ACTIONS),
    st.sampled_from(TIMES),
    st.sampled_from(HEDGES),
)
def test_a_hedge_in_front_of_the_verb_never_raises_the_strength(
    subject: str, action: str, time: str, hedge: str
) -> None:
    plain = classify(f"{subject} will {action}{time}.")
    hedged = classify(f"{subject} will {hedge}{action}{time}.")
    assert hedged.strength.rank <= plain.strength.rank
    assert hedged.strength is not C


@given(
    st.sampled_from(THIRD_PARTIES),
    st.sampled_from(MODALS),
    st.sampled_from(ACTIONS),
    st.sampled_from(TIMES),
)
def test_a_sentence_without_a_first_person_subject_is_never_a_promise(
    party: str, modal: str, action: str, time: str
) -> None:
    sep = "" if modal.startswith("'") else " "
    assert classify(f"{party}{sep}{modal} {action}{time}.").strength is N


@given(st.sampled_from(SUBJECTS), st.sampled_from(ACTIONS), st.sampled_from(TIMES))
def test_asking_turns_any_promise_into_none(subject: str, action: str, time: str) -> None:
    assert classify(f"{subject} will {action}{time}?").strength is N


@given(st.text(max_size=300))
def test_any_text_gets_a_reading_whose_cues_point_into_it(text: str) -> None:
    reading = classify(text)
    assert isinstance(reading, Reading)
    for cue in reading.cues:
        assert 0 <= cue.start <= cue.end <= len(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "We will be moving the servers to the new building.",
        "We are going to be upgrading the phone system over the weekend.",
    ],
)
def test_we_will_be_doing_announces_what_is_under_way(sentence: str) -> None:
    assert strength(sentence) is N


def test_we_will_be_sending_you_is_still_an_action_owed_to_the_reader() -> None:
    assert strength("We will be sending you the revised schedule on Monday.") is C
    assert strength("I will be sending the revised schedule on Monday.") is C


@pytest.mark.parametrize(
    "sentence",
    [
        "He says we'll have the numbers by Monday.",
        "She told me we will get the refund next week.",
        "Our broker thinks we can close the deal this month.",
    ],
)
def test_someone_elses_reported_words_are_not_the_writers_promise(sentence: str) -> None:
    assert strength(sentence) is N


def test_the_writers_own_reported_thought_is_still_read() -> None:
    assert strength("I even thought we could give the spare chairs to the school.") is G


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Let me check with Legal and get back to you.", C),
        ("Let me look into it.", C),
        ("Let me see what I can do.", B),
        ("Let me remind everyone that the office is closed Monday.", N),
        ("Let me add one more point.", N),
        ("Let me see what you come up with.", N),
    ],
)
def test_let_me_promises_only_an_action_that_comes_after_the_message(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd like to get your thoughts on the draft.",
        "We would like to have your comments by Friday.",
        "We want to take this opportunity to thank our customers.",
        "We'd love to get to know you better.",
    ],
)
def test_a_wish_that_asks_something_of_others_is_not_a_promise(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll fly in on Tuesday.", N),
        ("I will attend the offsite.", N),
        ("I'll go over the numbers with Sam.", C),
        ("I'll come back to you on the pricing.", C),
        ("I will return your call this afternoon.", C),
        ("We will begin at nine.", N),
        ("We'll have a call at 10 to go through it.", N),
        ("We'll have it cleared by the 5th.", C),
    ],
)
def test_going_attending_and_agenda_events_are_schedules_not_actions(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Will send the contract on Monday.", C),
        ("Thanks, will call you tomorrow.", C),
        ("Hoping to finish the review today.", G),
        ("Would love to get together next week.", G),
        ("Will be out of the office on Friday.", N),
        ("Will you send it?", N),
        ("Could be worse.", N),
        ("Should be able to get it to you tomorrow.", B),
        ("Should have it done by Friday.", B),
        ("Should be fine.", N),
        ("Might be able to swing by later.", G),
        ("Going to send the invoices tonight.", C),
        ("Planning to visit the plant in May.", G),
        ("Trying to get the numbers for you.", B),
        ("Need to check with Legal first.", N),
        ("Will Bob attend the meeting", N),
        ("May 5th works for me.", N),
        ("Can Sally join us", N),
    ],
)
def test_a_clipped_note_without_a_subject_is_read_as_the_writers(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "I'll do what I can to get it approved.",
        "We will make every effort to deliver on time.",
        "I will fix the links wherever possible.",
        "I'll add the charts if time allows.",
    ],
)
def test_more_hedges_of_effort_make_a_best_effort(sentence: str) -> None:
    assert strength(sentence) is B


@pytest.mark.parametrize(
    "sentence",
    [
        "Please tell me if there is anything else we can provide.",
        "That is the best price that we can get.",
        "The only thing I can add is the appendix.",
    ],
)
def test_capacity_inside_a_relative_clause_offers_nothing(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I think we can finish it by Friday.", G),
        ("Yes I can send it over tonight.", B),
        ("I am in hopes that we can talk further about the project.", G),
    ],
)
def test_a_clause_after_a_verb_of_thinking_or_an_opener_is_still_read(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We can discuss it on Monday.", G),
        ("We could have lunch on Friday.", G),
        ("We will meet in the main conference room.", N),
    ],
)
def test_a_proposal_to_act_together_is_a_good_intention_a_meeting_place_is_none(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "We may have a problem with the March invoices.",
        "I may need more time.",
        "We might lose the contract.",
    ],
)
def test_a_possibility_that_is_no_action_is_not_a_promise(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    "sentence",
    [
        "Would love to attend, but I will be out of town.",
        "I'd like to help, but the budget is closed.",
        "I wish I could join you on Friday.",
        "Wish we could stay longer.",
    ],
)
def test_a_wish_declined_or_contrary_to_fact_is_not_a_promise(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll get to the office around ten.", N),
        ("I'll get to it this afternoon.", C),
        ("We will get hit by the price change.", N),
        ("I'll get started on the draft tonight.", C),
        ("I guess we will leave it at that.", N),
        ("I'm going to lunch with the auditors.", N),
        ("We'll have lunch at the hotel.", N),
        ("I will say that the numbers look better.", N),
        ("I'm planning on being home all weekend.", N),
    ],
)
def test_arriving_outcomes_idioms_and_outings_are_not_actions(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We will have a new office in the spring.", N),
        ("We will have more information next month.", N),
        ("We'll have the contract signed by Friday.", C),
        ("We will have the draft ready on Monday.", C),
        ("We will have the numbers to you tomorrow.", C),
        ("We will have the figures as soon as we can.", B),
        ("I'll have more information for you tomorrow.", C),
    ],
)
def test_what_we_will_have_is_a_state_unless_we_make_it_happen(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll stay on top of the renewal.", C),
        ("I'll leave a copy at the front desk.", C),
        ("I'll go ahead and book the flights.", C),
    ],
)
def test_go_come_leave_and_stay_with_an_object_are_actions(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("My plan is to visit the plant in May.", G),
        ("Our goal is to finish the migration by June.", G),
        ("My hope is to see you there.", N),
        ("I'd very much like to join the project.", G),
        ("I would hope to have the draft by Friday.", G),
        ("I'd like for us to meet before the board call.", G),
    ],
)
def test_plans_and_wishes_in_other_words_are_good_intentions(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


# Everyday email sentences, written for these tests, each with the reading the guide gives it.
EVERYDAY = [
    ("I'll forward you the latest version this afternoon.", C),
    ("I will get back to you by end of day.", C),
    ("We will send you the executed copies tomorrow.", C),
    ("I'll take care of it.", C),
    ("I'll let you know.", C),
    ("I will keep you posted.", C),
    ("I'll check with Sally and let you know.", C),
    ("I'll have Kim call you to set it up.", C),
    ("I will look into this and get back to you.", C),
    ("We'll get the contracts out on Monday.", C),
    ("If you want, I'll send over the model.", C),
    ("Send me the file and I'll review it tonight.", C),
    ("I'll be sure to include it in the next draft.", C),
    ("I will make the changes and resend.", C),
    ("I'm going to call him this afternoon.", C),
    ("I'll put it on the agenda.", C),
    ("I will follow up with Legal.", C),
    ("Will do.", C),
    ("I'll do it.", C),
    ("I'll get you the numbers by Friday.", C),
    ("I'll try to get to it tomorrow.", B),
    ("I will try and call you later.", B),
    ("I'll see if I can get a copy.", B),
    ("I'll do my best to be there.", B),
    ("We'll do what we can.", B),
    ("I should be able to get it to you Monday.", B),
    ("I should have it done by Friday.", B),
    ("I can send it to you tomorrow if you like.", B),
    ("I can get you a copy.", B),
    ("Hopefully I'll have it done by Friday.", G),
    ("I hope to have the draft done by Monday.", G),
    ("I plan on calling him next week.", G),
    ("I'd like to talk to you about the budget.", G),
    ("We are planning to roll it out in June.", G),
    ("I might be able to help.", G),
    ("Maybe I can swing by on Friday.", G),
    ("I'm thinking about calling a meeting.", G),
    ("I intend to respond by the deadline.", G),
    ("We're hoping to close next week.", G),
    ("I want to get this wrapped up before the holidays.", G),
    ("I will be out of the office until Monday.", N),
    ("I'll be in London next week.", N),
    ("I'll be at the conference Tuesday.", N),
    ("I will be available after 3.", N),
    ("I will be on vacation from the 3rd to the 10th.", N),
    ("We will be closed on Monday.", N),
    ("I will be traveling next week with limited access to email.", N),
    ("Let me know if you need anything else.", N),
    ("Please let me know what you think.", N),
    ("Thanks for your help.", N),
    ("I sent it yesterday.", N),
    ("Can you call me tomorrow?", N),
    ("Could you send me a copy?", N),
    ("John will send you the agenda.", N),
    ("The meeting will be held in room 5.", N),
    ("We had a great meeting yesterday.", N),
    ("I hope you are doing well.", N),
    ("I hope you had a good weekend.", N),
    ("I look forward to seeing you.", N),
    ("I think that's a great idea.", N),
    ("I'm not sure what happened.", N),
    ("I would appreciate it if you could send the file.", N),
    ("I'd love to hear your thoughts.", N),
    ("I'll be glad to help.", C),
    ("I'd be happy to discuss.", C),
    ("We need your signature by Friday.", N),
    ("I can't make it.", N),
    ("I don't know.", N),
    ("I was wondering if you could help.", N),
    ("I will not be able to attend.", N),
    ("We won't be in the office tomorrow.", N),
    ("I have attached the report.", N),
    ("I am attaching the report.", N),
    ("Attached is the report.", N),
    ("I'll be there.", N),
    ("I'll see you at the meeting.", N),
    ("See you tomorrow.", N),
    ("Talk to you soon.", N),
    ("I will be in touch.", C),
    ("I think we should discuss this.", N),
    ("We should talk.", N),
    ("I guess I'll see you there.", N),
    ("If I were you, I would call him.", N),
    ("I would call him if I were you.", N),
    ("We would need to see the contract first.", N),
    ("You will need to sign the form.", N),
    ("We will need to talk about this.", N),
    ("I'll need your help on this.", N),
    ("I'm happy to help.", C),
    ("Let's meet on Tuesday.", N),
    ("Let's discuss tomorrow.", N),
    ("I'll call you tomorrow, if that works.", C),
    ("I will call you tomorrow to discuss.", C),
    ("I'll have the report to you by noon.", C),
    ("I am going to be out Friday.", N),
    ("We are going to need more time.", N),
    ("As soon as I hear from them, I'll let you know.", C),
    ("Once I get the numbers, I will forward them.", C),
    ("When I get back, I'll give you a call.", C),
    ("I'll call you when I get back.", C),
    ("If I get a chance, I'll call you tonight.", B),
    ("I'll call you tonight if I get a chance.", B),
    ("I'll try.", B),
    ("We will attempt to resolve this by Friday.", B),
    ("I'll probably be late.", N),
    ("I will probably call you tomorrow.", G),
    ("Perhaps we could meet next week.", G),
    ("I'll get it done.", C),
    ("I will certainly pass this along.", C),
    ("I'll definitely be there.", N),
    ("We'll see.", N),
    ("We'll see how it goes.", N),
    ("I'm sure it will be fine.", N),
    ("We will win this case.", N),
    ("We will lose money on this deal.", N),
    ("If we do that, we will lose the customer.", N),
]


@pytest.mark.parametrize(("sentence", "expected"), EVERYDAY)
def test_everyday_email_sentences_read_as_the_guide_says(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


# Offers, hedges, wishes and set phrases, written for these tests.
TRICKY = [
    ("We can have the turbine delivered by March.", B),
    ("I can pull the numbers together tonight.", B),
    ("If you need a ride, I can pick you up.", B),
    ("I can take care of that.", B),
    ("We can do that.", B),
    ("I can be there by 3.", N),
    ("I can see your point.", N),
    ("We can't accept those terms.", N),
    ("I could send you the draft tonight.", G),
    ("I could call him if you want.", G),
    ("Maybe we can grab lunch next week.", G),
    ("I'll probably stop by on Friday.", G),
    ("I'm hoping to get the draft out tonight.", G),
    ("I'd like to set up a call for next week.", G),
    ("I just wanted to let you know that the deal closed.", N),
    ("I would like to invite you to our holiday party.", N),
    ("We would like to welcome our new employees.", N),
    ("I'd like to thank you for your help.", N),
    ("I hope you can make it.", N),
    ("I hope we can work something out.", G),
    ("Hopefully we can get this resolved soon.", G),
    ("We hope to have the system up by Monday.", G),
    ("We expect to close the deal on Friday.", G),
    ("I expect the numbers tomorrow.", N),
    ("I will send it as soon as I get it.", C),
    ("I will send it as soon as possible.", C),
    ("I'll get it to you as soon as I can.", B),
    ("I'll get to it when I can.", B),
    ("Time permitting, I will add the charts.", B),
    ("I will work on it this weekend.", C),
    ("We'll work on the draft over the weekend.", C),
    ("We will meet with the client on Tuesday.", N),
    ("I'll meet you in the lobby at noon.", C),
    ("I'll talk to him tomorrow.", C),
    ("We'll talk tomorrow.", N),
    ("Let's talk tomorrow.", N),
    ("I'll call you.", C),
    ("Call me if you have questions.", N),
    ("Feel free to call me.", N),
    ("Don't hesitate to contact me.", N),
    ("If you have any questions, I will be happy to answer them.", C),
    ("Please let me know if I can be of any further assistance.", N),
    ("If there is anything else I can do, please let me know.", N),
    ("Let me know if you would like me to send it.", N),
    ("Would you like me to send it?", N),
    ("Do you want me to call him?", N),
    ("Should I call him?", N),
    ("I will call him unless you object.", C),
    ("Unless I hear otherwise, I will sign on Friday.", C),
    ("I'm going to try to make it.", B),
    ("I am going to be late.", N),
    ("I'm going to have to cancel.", G),
    ("I'll have to check my calendar.", G),
    ("I need to check my calendar.", N),
    ("I have to leave early today.", N),
    ("I must have missed your call.", N),
    ("I should have called you.", N),
    ("I should get it to you by Monday.", B),
    ("We should be able to close by Friday.", B),
    ("I'll be able to send it tomorrow.", B),
    ("I won't forget.", N),
    ("I never said that.", N),
    ("He said he would send it.", N),
    ("I told him I would send it.", N),
    ("I promise I will send it tomorrow.", C),
    ("I promise to send it tomorrow.", C),
    ("I commit to delivering the report by Friday.", C),
    ("You have my word that it will be done.", C),
    ("Count on me.", C),
    ("Consider it done.", C),
    ("I'm on it.", C),
]


@pytest.mark.parametrize(("sentence", "expected"), TRICKY)
def test_offers_hedges_wishes_and_set_phrases_read_as_the_guide_says(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


# Informal spellings, teams, doubts and past attempts, written for these tests.
INFORMAL = [
    ("I'm gonna send it tonight.", C),
    ("I wanna get this done today.", G),
    ("i will send it tomorrow", C),
    ("I WILL SEND IT TOMORROW.", C),
    ("I'll shoot you an email later.", C),
    ("Will get back to you shortly.", C),
    ("Will let you know.", C),
    ("Let me get back to you on that.", C),
    ("I'll get back with you.", C),
    ("We'll be in touch.", C),
    ("I'll ping you tomorrow.", C),
    ("I was going to call you.", N),
    ("I was planning to call you today.", G),
    ("I'll be grateful if you could send it.", N),
    ("We will be pleased to help.", C),
    ("I shall be obliged if you reply.", N),
    ("We will be charged a fee.", N),
    ("I will be sent to London next month.", N),
    ("We'll be sending you a survey.", C),
    ("Jim and I will prepare the deck.", C),
    ("Sally and I will be in Dallas.", N),
    ("Both of us will be there.", N),
    ("My team will handle it.", N),
    ("Our team will send the files.", N),
    ("You and I will need to talk.", N),
    ("I'll have my assistant send you the details.", C),
    ("I'll ask Jeff to call you.", C),
    ("I'll make a reservation for four.", C),
    ("I'll bring the wine.", C),
    ("I'll take a look.", C),
    ("I'll take a look at it when I get a chance.", B),
    ("I'll look at it tonight, hopefully.", G),
    ("I'll try and look at it tonight.", B),
    ("I am trying to reach him.", B),
    ("I tried to call you.", N),
    ("I called but no one answered.", N),
    ("We have decided to go ahead.", N),
    ("We decided not to proceed.", N),
    ("I'll get the ball rolling.", C),
    ("I will gladly help.", C),
    ("I'll happily take a look.", C),
    ("No, I will not sign it.", N),
    ("I'll never do that again.", N),
    ("Sure, I can do that.", B),
    ("Yes, I can have it to you by Friday.", B),
    ("OK, will do.", C),
    ("I think I can make it.", G),
    ("I think I will be there.", N),
    ("I doubt I'll be able to make it.", N),
    ("I don't think I can help.", N),
    ("I don't think we will make it.", N),
]


@pytest.mark.parametrize(("sentence", "expected"), INFORMAL)
def test_informal_and_doubtful_sentences_read_as_the_guide_says(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll be able to send the file tomorrow.", B),
        ("Then we will be able to get together.", N),
        ("We will be able to see the results next week.", N),
        ("We are able to ship the parts on Monday.", B),
    ],
)
def test_able_to_is_capacity_to_act_unless_it_forecasts_seeing_or_meeting(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


def test_being_committed_to_an_action_is_a_commitment() -> None:
    assert strength("I am committed to delivering the report by Friday.") is C
    assert strength("I should have done it last week.") is N


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("These are the points I want to raise.", N),
        ("I don't know what more I could do.", N),
        ("Frank and I were thinking we might get together next week.", G),
        ("Call me if you have comments, as I want to send it out tonight.", G),
        ("I'm guessing that we may come down for a day next week.", G),
    ],
)
def test_a_wish_inside_a_relative_clause_describes_a_thing(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "I can confirm that we received the payment.",
        "I can vouch for her work.",
        "I'll be thinking of you.",
        "We will end up paying more.",
    ],
)
def test_statements_made_now_and_states_are_not_offers(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We will be able to offer lower prices next year.", N),
        ("I'll be able to send it tomorrow.", B),
        ("I would like to be able to help.", G),
    ],
)
def test_an_organisations_forecast_of_capacity_is_not_a_promise(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


def test_a_suggestion_names_the_words_that_lowered_the_reading() -> None:
    tried = suggestion_for(classify("I'll try to send the report by Friday."), has_due_date=True)
    assert tried is not None and tried.startswith("“I'll try” reads as a best effort")
    hoped = suggestion_for(classify("I hope to finish it this week."), has_due_date=True)
    assert hoped is not None and "“I hope to”" in hoped


WRITTEN = [s for s, _ in EVERYDAY + TRICKY + INFORMAL]
WILL_FORMS = ["I'll ", "I will ", "We'll ", "We will ", "we'll ", "we will "]


@given(
    st.sampled_from([s for s in WRITTEN if any(f in s for f in WILL_FORMS)]),
    st.sampled_from(["try to ", "probably ", "hopefully ", "do my best to "]),
)
def test_a_hedge_after_will_lowers_every_written_commitment(sentence: str, hedge: str) -> None:
    # (Effort can turn a schedule into an action: "I'll try to be there" is a best effort.)
    form = next(f for f in WILL_FORMS if f in sentence)
    hedged = classify(sentence.replace(form, form + hedge, 1))
    plain = classify(sentence)
    if plain.strength is C:
        assert hedged.strength in (B, G)
    if hedge in ("probably ", "hopefully "):
        assert hedged.strength.rank <= max(plain.strength.rank, G.rank)


@given(st.sampled_from(WRITTEN))
def test_asking_any_written_sentence_promises_nothing(sentence: str) -> None:
    asked = sentence.rstrip(".!") + "?"
    assert classify(asked).strength is N


def test_a_roman_numeral_is_not_the_writer() -> None:
    assert strength("Phase I will start in May.") is N
    assert strength("Part I will cover the pricing.") is N


def test_a_hedge_in_another_persons_clause_does_not_lower_the_writers() -> None:
    sentence = "Maybe you will see it differently later, and we can change the policy then."
    assert strength(sentence) is B
    assert strength("Maybe next week, I can send the draft.") is G


def test_welcoming_the_chance_to_act_is_a_wish() -> None:
    assert strength("I would appreciate the opportunity to discuss it with you.") is G
    assert strength("I'd welcome the chance to visit the plant.") is G
    assert strength("I would appreciate your help.") is N


# An organisation's "we", offers against abilities, and wishes that ask, written for these tests.
ORGANISATION = [
    ("We will file our comments with FERC on Monday.", C),
    ("We will send the revised term sheet to Dynegy tomorrow.", C),
    ("We will begin flowing gas on the 1st.", N),
    ("We will be implementing the new settlement system in April.", N),
    ("We will hold the price at $4.50 through March.", C),
    ("We will not be able to meet that deadline.", N),
    ("We will need a signed confidentiality agreement.", N),
    ("We will have a conference call at 2:00 to discuss.", N),
    ("We will have the revised contract to you by Friday.", C),
    ("We will make sure the deals are booked correctly.", C),
    ("We will see what happens with the legislation.", N),
    ("We can offer a fixed price for the winter.", B),
    ("I can give you the numbers tomorrow.", B),
    ("I can now access the system.", N),
    ("We can still trade power in California.", N),
    ("I can only assume he forgot.", N),
    ("If you'd like, I can set up a call with Louise.", B),
    ("We can't do that deal.", N),
    ("I'll be glad to discuss this further.", C),
    ("I would be glad to help in any way I can.", C),
    ("I'd be interested in hearing more.", N),
    ("I am interested in the position.", N),
    ("I plan to be in Houston next week.", N),
    ("I plan to attend.", G),
    ("I hope to attend.", G),
    ("I'll attend on your behalf.", N),
    ("I will represent you at the meeting.", C),
    ("I'll cover for you on Friday.", C),
    ("I will be covering the desk on Friday.", C),
    ("I'm going to be covering the desk on Friday.", C),
    ("We'll take it from here.", C),
    ("I'll take care of the rest.", C),
    ("We'll keep you informed.", C),
    ("We'll let you know if anything changes.", C),
    ("We hope to hear from you soon.", N),
    ("We look forward to working with you.", N),
    ("We would like to schedule a meeting with you.", G),
    ("We would like you to attend.", N),
    ("I'd like you to meet Sam.", N),
    ("I want you to know that I appreciate it.", N),
    ("I want to thank you for the opportunity.", N),
    ("I need you to sign this.", N),
    ("I'd rather wait until Monday.", N),
    ("I'd prefer to wait until Monday.", N),
]


@pytest.mark.parametrize(("sentence", "expected"), ORGANISATION)
def test_organisation_voice_offers_and_asks_read_as_the_guide_says(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


# Wishes, plans and possibilities, of the writer and of others, written for these tests.
WISHES = [
    ("We may need to revisit the pricing.", N),
    ("We may want to consider a different structure.", G),
    ("I may send a follow-up note next week.", G),
    ("I might swing by your office later.", G),
    ("We may be able to accommodate the request.", G),
    ("I want to make sure the contract is right before we sign.", G),
    ("We want to be the leading provider in the region.", N),
    ("We want to get this deal done by year end.", G),
    ("I would like to get a copy of the final agreement.", G),
    ("I would like to have the numbers by Friday.", G),
    ("We would like to have your comments by Friday.", N),
    ("We'd like to get together with your team next week.", G),
    ("I was hoping we could meet next week.", G),
    ("I was hoping you could send me the file.", N),
    ("I'm looking to hire two analysts.", G),
    ("I'm looking for a new analyst.", N),
    ("I'm thinking of moving the meeting to Thursday.", G),
    ("I expect to have the numbers tomorrow.", G),
    ("I expect you to have the numbers tomorrow.", N),
    ("We expect prices to rise.", N),
    ("We intend to file an appeal.", G),
    ("Our intention is to file an appeal.", G),
    ("The plan is to file an appeal.", N),
    ("I'd love to.", G),
    ("I'd love to, but I'm out that week.", N),
    ("Perhaps.", N),
    ("Maybe later.", N),
    ("I might.", G),
    ("I will.", C),
    ("We'll try.", B),
]


@pytest.mark.parametrize(("sentence", "expected"), WISHES)
def test_wishes_plans_and_possibilities_read_as_the_guide_says(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It would be great to catch up next week.", G),
        ("It would be nice to see you.", N),
        ("It would be helpful to have the numbers by Friday.", N),
        ("Would be ideal if we can get this data on Thursday.", N),
    ],
)
def test_an_impersonal_wish_to_act_is_a_good_intention(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


CUE_WORDS = sorted(
    words(
        """I we let me will 'll shall can could would 'd may might should must going to gonna
        try be able happy glad hope plan want like love have get see if so that and but , . ?
        ! ; - : the a you it my our is was not n't never probably maybe as soon possible wish
        think said told us great Phase May Will Bob"""
    )
)


@given(st.lists(st.sampled_from(CUE_WORDS), max_size=16))
def test_any_soup_of_cue_words_gets_cues_that_quote_the_sentence(soup: list[str]) -> None:
    text = " ".join(soup).replace(" 'll", "'ll").replace(" 'd", "'d").replace(" n't", "n't")
    for cue in classify(text).cues:
        assert 0 <= cue.start <= cue.end <= len(text)
        assert text[cue.start : cue.end] == cue.words


# Sentences of several clauses, written for these tests: the writer's own clause decides.
SEVERAL_CLAUSES = [
    ("Thanks for the note; I'll forward it to Legal and get back to you by Thursday.", C),
    ("I talked to Mark yesterday and he will send you the figures.", N),
    ("I talked to Mark yesterday and will send you the figures.", C),
    ("Mark and I talked yesterday, and we will send you the figures on Monday.", C),
    ("Attached is the draft; please review and let me know if you have comments.", N),
    ("Attached is the draft, and I will send the final version on Friday.", C),
    ("I'm out until Tuesday, but I will review the draft when I get back.", C),
    ("I'm out until Tuesday, but I'll try to review the draft on the plane.", B),
    ("I'm not sure I can make it, but I'll try.", B),
    ("I can't promise anything, but I will try to get it done by Friday.", B),
    ("If the numbers come in today, I will send them tonight.", C),
    ("If you can send me the file, I'll take a look.", C),
    ("When you get a chance, can you send me the file?", N),
    ("Once we receive the signed copy, we will release the payment.", C),
    ("As we discussed, I will prepare the summary for the board.", C),
    ("As I mentioned, I'll be out next week.", N),
    ("Sorry I missed your call; I'll call you back this afternoon.", C),
    ("Sorry for the delay, I was out sick.", N),
    ("Hopefully, the deal will close next week.", N),
    ("Hopefully we can close the deal next week.", G),
    ("Hope all is well.", N),
    ("Hope to see you soon.", N),
    ("Let me know if you need me to do anything else.", N),
    ("Let me know what you need and I'll take care of it.", C),
    ("Please advise, and I'll make the changes.", C),
    ("Per our conversation, I will send you the revised schedule.", C),
    ("Per your request, I have sent the revised schedule.", N),
    ("I'll probably be in the office on Saturday if you need me.", N),
    ("I'm planning to send out the invitations on Monday.", G),
    ("I'd planned to send it yesterday but ran out of time.", N),
    ("I am going to send it today.", C),
    ("I will be sure to let you know.", C),
    ("I'll make sure he gets it.", C),
    ("I will ensure that the invoices are paid.", C),
    ("We will ensure that the invoices are paid.", C),
]


@pytest.mark.parametrize(("sentence", "expected"), SEVERAL_CLAUSES)
def test_in_a_sentence_of_several_clauses_the_writers_own_clause_decides(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We can provide you with a free estimate for any roof in the county.", N),
        ("Thinking of a new kitchen? We can help!", N),
        ("We can ship to you anywhere in the country within a week.", N),
        ("We can remind you before every renewal date.", N),
        ("We can provide the revised figures by Friday.", B),
        ("We can arrange a call with their engineers next week.", B),
        ("I can help you with the spreadsheet after lunch.", B),
    ],
)
def test_a_service_advertised_to_you_as_a_customer_is_no_promise(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We want to help you find the right plan for your family.", N),
        ("We would love to help you plan your next holiday.", N),
        ("We want to send the contract to Legal this week.", G),
    ],
)
def test_a_wish_to_serve_you_as_a_customer_is_an_advertisement(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will leave for Denver on Monday morning.", N),
        ("I'll return on the 5th.", N),
        ("We will head to the airport at noon.", N),
        ("I'll leave a copy on your desk.", C),
        ("I will return the signed lease tomorrow.", C),
    ],
)
def test_leaving_and_returning_at_a_time_or_place_is_a_schedule(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I can do Tuesday or Wednesday afternoon.", N),
        ("I can make the meeting at 3.", N),
        ("We can meet at 10 on Friday.", N),
        ("I can come in tomorrow morning if that helps.", N),
        ("I can do the write-up for you.", B),
        ("I can make the changes tonight.", B),
    ],
)
def test_being_free_at_a_time_is_availability_not_an_offer(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We can then decide what to do.", G),
        ("Then we can figure out the next step together.", G),
        ("We will move to the new building next month.", N),
        ("I'll move the meeting to Thursday.", C),
    ],
)
def test_deciding_together_is_proposed_and_moving_offices_is_a_schedule(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll let you decide.", N),
        ("I'll let them handle the details.", N),
        ("I'll leave that to you.", N),
        ("I'll take that as a yes.", N),
        ("I'll defer to you on that.", N),
        ("We will have to wait and see.", N),
        ("I'll let you know by Friday.", C),
        ("I'll take the early shift.", C),
        ("We'll have to redo the model.", G),
    ],
)
def test_leaving_a_thing_to_others_or_waiting_promises_nothing(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Our plan is to send it out on Monday.", G),
        ("I'm hoping to get to it this weekend.", G),
        ("I'm hoping to get to see the new plant.", N),
    ],
)
def test_our_plan_named_as_a_noun_and_getting_round_to_it_are_intentions(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll take Friday off.", N),
        ("I will take a week of vacation in June.", N),
        ("I will spend the week in London.", N),
        ("I'll catch the early flight.", N),
        ("I'll join the call late.", N),
        ("I will go to the office early tomorrow.", N),
        ("I'll stay at the Hyatt.", N),
        ("I will retire at the end of the year.", N),
        ("I'll go over the contract tonight.", C),
        ("I'll stay on top of it.", C),
        ("I'll stay in touch with the lawyers.", C),
        ("I'll take the lead on the filing.", C),
        ("I'll join the two files and send them back.", C),
        ("I shall join you there.", C),
    ],
)
def test_time_away_travel_and_where_the_writer_goes_are_a_schedule(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We'll make it to the meeting by ten.", N),
        ("We will make money on this trade.", N),
        ("I'll start at the bank on the 1st.", N),
        ("We'll survive.", N),
        ("I'll make it work.", C),
        ("I'll make a copy for you.", C),
        ("I'll start on the model tomorrow.", C),
    ],
)
def test_arriving_gaining_and_starting_a_job_are_no_action_owed(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I would like to update you on the project.", N),
        ("I'd like to give you a heads up on the audit.", N),
        ("We would like to make you aware of a change in the schedule.", N),
        ("I'd like to bring to your attention a problem with the invoice.", N),
        ("I want to follow up on our conversation yesterday.", N),
        ("I'd like to pass along my thanks to the team.", N),
        ("I plan on being in the office all week.", N),
        ("I would like to follow up with Legal next week.", G),
        ("I plan on calling him Monday.", G),
        ("I'd like to get the contract signed this week.", G),
    ],
)
def test_informing_done_by_the_message_promises_nothing(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I can open the file now.", N),
        ("I can access the site without a problem.", N),
        ("I can log in from home.", N),
        ("I can print it for you.", B),
        ("I can download the report and send it to you.", B),
    ],
)
def test_using_something_for_oneself_is_an_ability_not_an_offer(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will send you the most likely scenarios tomorrow.", C),
        ("I will send a likely date for the closing tonight.", C),
        ("We will most likely send it Friday.", G),
        ("I will likely call him.", G),
    ],
)
def test_likely_describing_a_thing_hedges_nothing(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The deal will likely be signed Friday, and I will send the papers then.", C),
        ("Maybe the vendor is late, but I will have the report to you by noon.", C),
        ("Maybe I will send it Friday.", G),
        ("Probably, we will send it Friday.", G),
    ],
)
def test_a_hedge_in_someone_elses_clause_does_not_hedge_the_writers(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I am considering sending it to Legal.", G),
        ("I'm inclined to accept the offer.", G),
        ("I am looking at moving the meeting to May.", G),
        ("My hope is that we can close next week.", G),
        ("I am looking at the numbers now.", N),
    ],
)
def test_weighing_an_action_is_an_intention(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


# Third round (guide clauses not covered before), one test per rule.


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will have my cell phone with me.", N),
        ("I'll have limited access to email while I am away.", N),
        ("I will have access to voicemail on the road.", N),
        ("I'll be checking voicemail periodically.", N),
        ("I will check my email from time to time while I'm out.", N),
        ("I will have my assistant call you.", C),
        ("I'll have the draft to you by Friday.", C),
        ("I will check my calendar and get back to you.", C),
    ],
)
def test_being_reachable_while_away_is_availability(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will look for your comments.", N),
        ("I'll be looking for your reply on Monday.", N),
        ("I'll watch out for his answer.", N),
        ("I will look for the file and send it.", C),
        ("I'll look for a room for the meeting.", C),
    ],
)
def test_waiting_for_what_others_send_is_not_a_promise(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Below I will outline the three options.", N),
        ("In this note I will explain the changes to the tariff.", N),
        ("I'll summarize the main points below.", N),
        ("I will keep this short.", N),
        ("I will explain the changes at the meeting.", C),
        ("I'll summarize the call and send it around.", C),
    ],
)
def test_the_message_describing_itself_promises_nothing(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Effective Monday, we will close the office at 3 pm.", N),
        ("Starting January 1, we will bill all customers monthly.", N),
        ("As of next week, we will route all calls through the front desk.", N),
        ("On Monday, we will send you the keys.", C),
    ],
)
def test_an_announcements_opener_makes_we_will_an_announcement(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("You and I can go over the numbers on Monday.", G),
        ("You and I will talk tomorrow.", N),
        ("Carlos and I will rework the schedule next week.", C),
    ],
)
def test_you_and_i_is_the_writer_and_the_reader_together(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "I'll work on it as time permits.",
        "We will send it when time allows.",
        "I'll review the draft as my schedule permits.",
        "Time allowing, I will add the appendix.",
    ],
)
def test_time_permitting_in_other_words_is_a_best_effort(sentence: str) -> None:
    assert strength(sentence) is B


@pytest.mark.parametrize(
    "sentence",
    [
        "Probably will send it tomorrow.",
        "Maybe will call him later.",
        "Hopefully will have it done by Friday.",
    ],
)
def test_a_clipped_note_opened_by_a_hedge_is_a_good_intention(sentence: str) -> None:
    assert strength(sentence) is G


@pytest.mark.parametrize(
    "sentence",
    [
        "It is my intention to send the draft on Monday.",
        "It is our plan to file the report next week.",
        "I will want to review it before it goes.",
        "We're going to want to look at the numbers first.",
    ],
)
def test_an_intention_named_or_a_want_to_come_is_a_good_intention(sentence: str) -> None:
    assert strength(sentence) is G


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd like to take a moment to thank the team.",
        "I would like to acknowledge everyone's hard work this quarter.",
        "I'd like to run this by you.",
        "I'd like to draw your attention to the new policy.",
        "I would like to make a few comments on the draft.",
        "I can only hope they agree.",
    ],
)
def test_more_courtesies_done_by_saying_them_promise_nothing(sentence: str) -> None:
    assert strength(sentence) is N


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I can make it on Tuesday.", N),
        ("I can attend on Monday.", N),
        ("I can join the call.", N),
        ("I can fly in on Tuesday.", N),
        ("We can start at 9.", N),
        ("I can make the changes tonight.", B),
        ("I can join you in calling the client.", B),
    ],
)
def test_being_able_to_come_attend_or_join_is_availability(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We will upgrade the servers this weekend.", N),
        ("We will implement the new billing system on May 1.", N),
        ("We will roll out the new intranet next month.", N),
        ("We will upgrade your account today.", C),
        ("We will install the meter for you on Monday.", C),
    ],
)
def test_an_organisation_changing_its_own_systems_announces(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("At tomorrow's meeting we will review the budget.", N),
        ("We will discuss the following items.", N),
        ("During the call we will also cover the storage deal.", N),
        ("We'll discuss it again when I'm back.", C),
        ("We'll review the contract and get back to you.", C),
    ],
)
def test_what_a_meeting_will_cover_is_an_agenda(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We could have a problem with the pipeline.", N),
        ("I could lose the deal over this.", N),
        ("We could get hit with penalties.", N),
        ("We could have lunch on Friday.", G),
        ("We could have it ready by Friday.", G),
        ("I could send it tomorrow.", G),
    ],
)
def test_could_of_what_may_happen_is_no_wish_to_act(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Am planning to send it Monday.", G),
        ("Am hoping to finish it tonight.", G),
        ("Plan on sending it Monday.", G),
        ("It'd be great to catch up next week.", G),
        ("My intention would be to file on Friday.", G),
        ("The plan is for IT to migrate the servers.", N),
        ("Am out of the office today.", N),
    ],
)
def test_plans_in_clipped_notes_and_impersonal_wishes_are_good_intentions(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will send the file, which probably has errors.", C),
        ("I'll call him because he is likely to ask.", C),
        ("I will forward the draft that is probably final.", C),
        ("I will probably send the file, which has errors.", G),
        ("I'll send it if possible.", B),
    ],
)
def test_a_hedge_inside_a_clause_of_its_own_does_not_hedge_the_promise(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will ask you to sign the form on arrival.", N),
        ("We will ask everyone to submit timesheets by Friday.", N),
        ("I will ask him to call you.", C),
        ("I'll see to it that the contract is signed.", C),
    ],
)
def test_asking_the_reader_is_a_request_seeing_to_it_a_promise(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll dial in.", N),
        ("I will call in to the meeting from Houston.", N),
        ("I'll sit in on the budget review.", N),
        ("I will work from home on Friday.", N),
        ("I will participate by phone.", N),
        ("I will call in the order today.", C),
        ("I will work on the draft tonight.", C),
    ],
)
def test_taking_part_from_afar_or_working_from_home_is_a_schedule(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We will incur costs if the plant trips.", N),
        ("We may face penalties for late filing.", N),
        ("We might run into delays at the border.", N),
        ("We may get hit with a fee.", N),
        ("I could risk losing the deal.", N),
        ("We may get started on Monday.", G),
        ("I will get started on it today.", C),
    ],
)
def test_what_will_happen_to_the_writer_is_an_outcome_not_an_action(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll see about getting you a copy.", B),
        ("We will do our utmost to ship it Friday.", B),
        ("Assuming I can get the data, I will send the model Monday.", B),
        ("Provided we can get the permits, we will file the application in June.", B),
        ("I'll have it done by Friday, barring any surprises.", B),
        ("I will see to it.", C),
    ],
)
def test_more_hedges_of_effort_or_capacity_in_other_words(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We're aiming for a Friday close.", G),
        ("I'm shooting for Monday.", G),
        ("I would prefer to send it Monday.", G),
        ("I prefer to send it after the call.", G),
        ("I prefer to wait.", N),
    ],
)
def test_aiming_at_a_target_or_preferring_to_act_is_a_good_intention(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I should have time on Friday.", N),
        ("I'll have some free time after lunch.", N),
        ("I will have a minute after the call.", N),
        ("I should have the numbers by Friday.", B),
        ("I'll take the time to walk you through it.", C),
    ],
)
def test_having_free_time_is_availability(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll call you tomorrow, maybe around ten.", C),
        ("I will send it, probably on Monday.", C),
        ("I'll send it tomorrow or possibly tonight.", C),
        ("I'll try to send it, probably on Monday.", B),
        ("I will probably send it on Monday.", G),
        ("Maybe I will send it on Monday.", G),
        ("I'll send it, maybe.", G),
    ],
)
def test_a_hedge_on_the_time_alone_leaves_the_action_promised(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will send the samples for you to try.", C),
        ("I'll ask him to try the new login.", C),
        ("I'll try to send the samples.", B),
    ],
)
def test_someone_elses_effort_does_not_hedge_the_writers_action(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll send the draft tonight and maybe we can discuss it Monday.", C),
        ("I will send it to you and hopefully you can review it.", C),
        ("I will send it and hopefully call him too.", G),
    ],
)
def test_a_hedge_just_before_a_new_subject_opens_that_clause(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll send it Friday, does that work?", C),
        ("I'd like to meet next week, would that work for you?", G),
        ("I will call you tomorrow, ok?", C),
        ("I'll send it Friday?", N),
        ("Shall I send it Friday, or would you rather wait?", N),
    ],
)
def test_a_question_tag_asks_only_about_itself(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I would like to elaborate on my last note.", N),
        ("I would like to comment on the proposal.", N),
        ("I want to summarize where we are.", N),
        ("Below I would like to outline the three options.", N),
        ("I'd like to explain the changes to the team on Monday.", G),
        ("I will respond to your points by Friday.", C),
        ("Attached I can send the rest if you need it.", B),
    ],
)
def test_wishing_to_write_what_the_message_writes_promises_nothing(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I can talk tomorrow afternoon.", N),
        ("I can speak at 3 if that works.", N),
        ("I can do a call on Friday.", N),
        ("I can call you at 3.", B),
        ("I can talk to Legal about it.", B),
    ],
)
def test_being_free_to_talk_at_a_time_is_availability(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I don't know that I will send it today.", N),
        ("Not sure I will make the deadline.", N),
        ("It's unlikely that we will finish by Friday.", N),
        ("I am not certain we can deliver on time.", N),
        ("I know I will send it Friday.", C),
    ],
)
def test_more_doubt_in_front_of_the_writer_denies_the_promise(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll get in around ten.", N),
        ("I will get back on Monday.", N),
        ("We'll get there early.", N),
        ("I will get home late tonight.", N),
        ("I'll get back to you tomorrow.", C),
        ("I will get back with you on Monday.", C),
        ("I'll get in touch with him.", C),
    ],
)
def test_getting_in_back_or_there_is_arriving_a_schedule(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I anticipate we will close on Friday.", G),
        ("Chances are I will send it Monday.", G),
        ("There's a good chance we will finish tomorrow.", G),
        ("I figure I'll call him tomorrow.", G),
        ("Guess I'll call him tomorrow.", G),
        ("Thanks. Think I'll call him tomorrow.", G),
        ("I will call him tomorrow.", C),
    ],
)
def test_more_likelihood_in_front_of_the_writer_makes_a_good_intention(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


def test_a_hedge_at_a_notes_start_is_shown_without_the_space_before_it() -> None:
    reading = classify("Thanks. Think I'll call him tomorrow.")
    assert [c.words.rstrip() for c in reading.cues] == ["I'll call", "Think"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It would be good for us to meet next week.", G),
        ("My thought is to send it Monday.", G),
        ("Our preference is to close in May.", G),
        ("It would be good for you to call him.", N),
    ],
)
def test_a_wish_for_us_or_a_preference_named_is_a_good_intention(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I was told we will get the money Monday.", N),
        ("I hear we'll be moving to the new floor.", N),
        ("We were informed that we will receive the credit in May.", N),
        ("I told him I will send it Friday.", C),
        ("As I said, I will send it Friday.", C),
    ],
)
def test_what_the_writer_heard_from_others_is_not_their_promise(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    "sentence",
    ["It looks like we will close on Friday.", "It seems we'll get the deal done this week."],
)
def test_it_looks_like_is_likelihood_before_the_writer(sentence: str) -> None:
    assert strength(sentence) is G


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'd like to get on your calendar next week.", N),
        ("I would like to have a few minutes of your time.", N),
        ("I'd like to have lunch with your team.", G),
        ("I'd like to get this done for you today.", G),
    ],
)
def test_wishing_for_the_readers_time_is_a_request(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


# Fourth round (2026-12-01): each rule with sentences written for it.


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'd like to let everyone know about the new schedule.", N),
        ("We would like to let the whole team know that we have moved.", N),
        ("I'd like to let it rest for a week.", G),
    ],
)
def test_wishing_to_let_anyone_know_is_a_courtesy_done_by_the_message(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'd be interested in meeting with your team.", G),
        ("I would be interested in discussing the offer further.", G),
        ("We are interested in buying the compressor station.", G),
        ("I'd be interested in hearing your thoughts.", N),
        ("I would be interested in your comments.", N),
        ("We are interested in the outcome of the hearing.", N),
    ],
)
def test_interest_in_doing_something_is_a_wish(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


def test_interest_in_doing_shows_the_words_that_decided() -> None:
    reading = classify("I'd be interested in meeting with your team.")
    assert [c.words for c in reading.cues] == ["I'd be interested in meeting"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I've been meaning to call you about the lease.", G),
        ("I have been meaning to send you the file.", G),
        ("We have been hoping to close the sale this month.", G),
        ("I've been meaning to thank you for the dinner.", N),
        ("I was going to call you tomorrow about the lease.", G),
        ("I was going to send it next week.", G),
        ("I was going to call you yesterday.", N),
    ],
)
def test_an_intention_held_until_now_is_a_good_intention(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'd rather send it after the board meeting.", G),
        ("I'd rather not discuss it by email.", N),
        ("I'd rather you called him yourself.", N),
        ("I would rather be in Houston that week.", N),
        ("I should probably call him tomorrow.", G),
        ("I should likely send it to legal first.", G),
        ("I should probably mention that the price changed.", N),
        ("We should probably call him.", N),
        ("I should call him.", N),
    ],
)
def test_a_preference_or_a_likely_should_is_a_good_intention(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I would like to cancel my subscription to the newsletter.", N),
        ("I'd like to defer my bonus into the stock fund.", N),
        ("We would like to order ten more units.", N),
        ("I'd like to apply for the analyst position.", N),
        ("I want to sign up for the negotiation class.", N),
        ("I would like to change my election to the fixed fund.", N),
        ("I would like to apply the credit to the next invoice.", G),
        ("I'd like to change the format of the report.", G),
    ],
)
def test_a_wish_for_a_transaction_is_a_request_to_the_reader(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Tentatively, I will send the schedule on Monday.", G),
        ("I'll send it Monday, assuming nothing changes.", G),
        ("God willing, I'll finish the model by Friday.", G),
        ("I will have it done Friday, knock on wood.", G),
        ("I'll send you the tentative schedule tomorrow.", C),
    ],
)
def test_likelihood_in_a_set_phrase_hedges_to_a_good_intention(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will keep that in mind.", N),
        ("I'll bear your comments in mind when we price it.", N),
        ("I'll keep you in my prayers.", N),
        ("I'll make this quick.", N),
        ("I will spare you the details.", N),
        ("I'll take your word for it.", N),
        ("I will keep the file in my desk.", C),
    ],
)
def test_keeping_in_mind_and_the_message_itself_promise_nothing(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will get a bonus this year.", N),
        ("We will get the money next week.", N),
        ("We'll get a refund on the deposit.", N),
        ("I will get the money to you next week.", C),
        ("I'll get you the payment details tomorrow.", C),
    ],
)
def test_what_comes_to_the_writer_is_no_action(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'd like to see if we can move the closing date.", G),
        ("I want to see whether legal will sign off.", G),
        ("I'd like to see the final numbers.", N),
        ("I hope to see you there.", N),
    ],
)
def test_wishing_to_see_whether_is_a_wish_to_check(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll forward the file, hopefully it's what you need.", C),
        ("I'll set up a call with the team to hopefully resolve this.", C),
        ("I will send the report so hopefully everyone is on the same page.", C),
        ("I'll call you when I probably have more news.", C),
        ("I'll look into possibly moving the meeting.", C),
        ("I'll call him to discuss the maybe list.", C),
        ("I will probably send it tomorrow.", G),
        ("I'll send it and hopefully call him after.", G),
    ],
)
def test_a_hedge_inside_a_purpose_result_time_or_phrase_does_not_hedge_the_promise(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I might add that the price has changed since Monday.", N),
        ("I may mention that Sam is out next week.", N),
        ("I might suggest a different approach.", N),
        ("I may send the revised draft tomorrow.", G),
    ],
)
def test_may_or_might_with_a_verb_done_by_saying_it_is_a_courtesy(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'd like to start by thanking everyone for the hard work.", N),
        ("I would like to respond to your note of Friday.", N),
        ("I'd like to address your questions about the pricing.", N),
        ("I'd like to raise an issue about the invoices.", N),
        ("I'd like to make a suggestion.", N),
        ("I'd like to give you some background on the deal.", N),
        ("I would like to go on record as opposing the sale.", N),
        ("I'd like to respond to the request for proposals by Friday.", G),
        ("I'd like to address the board in May.", G),
    ],
)
def test_wishing_what_the_message_itself_does_is_a_courtesy(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("If we had more time, we could finish the model.", N),
        ("We could close tomorrow if they agreed.", N),
        ("If I knew the number, I could tell you.", N),
        ("If you need it, I could send it tomorrow.", G),
        ("We could meet on Tuesday.", G),
    ],
)
def test_could_beside_a_condition_contrary_to_fact_is_hypothetical(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


def test_could_beside_a_condition_contrary_to_fact_names_the_hypothetical() -> None:
    reading = classify("If we had more time, we could finish the model.")
    assert [c.words for c in reading.cues] == ["we could finish"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ill send it to you tomorrow.", C),
        ("Id like to meet next week.", G),
        ("Im hoping to finish the model by Friday.", G),
        ("Ive been meaning to call you.", G),
        ("I´ll send it tomorrow.", C),
        ("I 'll send it tomorrow .", C),
        ("I am ill and will stay home tomorrow.", N),
        ("Your user id will be sent tomorrow.", N),
        ("I dont think I can make the deadline.", N),
        ("I do n't think I can help .", N),
        ("Im not sure we can do it.", N),
    ],
)
def test_contractions_without_or_with_odd_apostrophes_read_as_written_ones(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


def test_a_contraction_without_apostrophe_is_quoted_as_written() -> None:
    reading = classify("Ill send it to you tomorrow.")
    assert [c.words for c in reading.cues] == ["Ill send"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Since it's likely to rain, I will bring the umbrellas.", C),
        ("Since the price is probably going up, I will lock it in today.", C),
        ("The deal will probably close Friday, and I will send the papers Monday.", C),
        ("It's likely that I will send it Monday.", G),
        ("Probably by Friday, I will send it.", G),
        ("Hopefully, I will have it done tonight.", G),
    ],
)
def test_a_hedge_with_a_verb_of_its_own_before_a_comma_hedges_that_clause(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I can work from home tomorrow.", N),
        ("I can get there by 5.", N),
        ("I can leave at 3 if needed.", N),
        ("I can stay late tonight.", N),
        ("I can call in to the meeting.", N),
        ("We can have lunch on Friday.", N),
        ("I can get back to you on Monday.", B),
        ("I can leave a copy at the front desk.", B),
    ],
)
def test_can_with_where_or_when_the_writer_can_be_is_availability(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("This way, I can keep an eye on the numbers.", N),
        ("Thus we can avoid the penalty.", N),
        ("Therefore we can close the books early.", N),
        ("I can send it tomorrow.", B),
        ("Therefore, I will send it tomorrow.", C),
    ],
)
def test_capacity_said_as_a_result_offers_nothing(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


def test_capacity_said_as_a_result_names_the_result() -> None:
    reading = classify("This way, I can keep an eye on the numbers.")
    assert [(c.words, c.effect) for c in reading.cues] == [
        ("I can keep", "what becomes possible as a result, offered to no one")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will go to New York next week.", N),
        ("I'll come to Houston on the 5th.", N),
        ("I'll drive down to Austin on Saturday.", N),
        ("I will speak at the conference in May.", N),
        ("I'll go through the contract tonight.", C),
        ("I'll go over the numbers tonight.", C),
        ("I'll present the results to the board.", C),
        ("I'll visit with you tomorrow about the budget.", C),
    ],
)
def test_a_trip_to_a_named_place_or_an_engagement_is_a_schedule(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I would be happy to meet with you next week.", G),
        ("We'd be glad to meet with your team on Tuesday.", G),
        ("I am happy to meet with you any time.", G),
        ("I'll be glad to meet you.", N),
        ("I would be happy to hear from you.", N),
        ("I would be happy to send you the file.", C),
    ],
)
def test_glad_to_meet_with_someone_offers_a_meeting_glad_to_meet_them_is_a_state(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


def test_glad_to_meet_with_shows_the_whole_wish() -> None:
    reading = classify("I would be happy to meet with you next week.")
    assert [c.words for c in reading.cues] == ["I would be happy to meet with"]


# Business email of every kind, written for these tests from the guide alone (fifth round):
# updates, offers, follow-ups, hedged promises, plans, wishes, conditions, requests, what others
# will do, negations, questions, out-of-office notes and reports of the past.
BUSINESS_MAIL = [
    ("I'll circulate the revised term sheet before Thursday's call.", C),
    ("We will reimburse the shipping costs on your next invoice.", C),
    ("I'll loop in Priya from procurement so she can confirm the PO.", C),
    ("I'll update the tracker once the vendor confirms.", C),
    ("We'll credit your account for the missed delivery.", C),
    ("I'll send a calendar invite for Wednesday at 2pm.", C),
    ("I'm going to escalate this to our support lead today.", C),
    ("I will chase Accounts Payable about the outstanding invoice.", C),
    ("I'll get the signed NDA back to you first thing tomorrow.", C),
    ("We'll ship the replacement units by the end of the week.", C),
    ("Once legal signs off, I'll release the funds.", C),
    ("If the numbers look off, ping me and I'll rerun the report.", C),
    ("I'll double-check the figures and confirm by noon.", C),
    ("I will personally make sure your refund is processed.", C),
    ("I'll set up a quick call with the engineering team.", C),
    ("I'll draft the proposal and share it with you Monday.", C),
    ("We will honour the original quote.", C),
    ("I'll book the meeting room for the workshop.", C),
    ("Leave it with me, I'll sort it out.", C),
    ("I'll follow up with you next week.", C),
    ("I'll circle back once I hear from the client.", C),
    ("I'll keep an eye on it and let you know if anything changes.", C),
    ("Will follow up with the vendor tomorrow.", C),
    ("I'd be happy to set up a demo for your team.", C),
    ("I'm happy to jump on a call to discuss.", C),
    ("I would be glad to provide references.", C),
    ("I'll ask Tom to send you the report.", C),
    ("I will get Tom to send you the report.", C),
    ("Going forward, I'll copy you on all correspondence with the vendor.", C),
    ("From now on we will invoice monthly.", C),
    ("In the meantime, I'll keep the order on hold.", C),
    ("Meanwhile I'll prepare the handover notes.", C),
    ("I'll get back to you on the pricing question.", C),
    ("I'll revert with comments by tomorrow.", C),
    ("I'll reach out to the landlord about the lease.", C),
    ("I'll own the follow-ups from today's meeting.", C),
    ("I'll take the action to update the risk register.", C),
    ("We'll cover the cost of the repair.", C),
    ("I'll make the introduction this week.", C),
    ("Let me dig into this and come back to you.", C),
    ("Let me check with the team and confirm.", C),
    ("I'll look into whether we can waive the fee.", C),
    ("I'll ask around and see if anyone has a copy.", C),
    ("Provided we receive the deposit, we will begin work on Monday.", C),
    ("I am currently out of the office and will respond on my return.", C),
    ("I will respond to your email when I return.", C),
    ("I'm on vacation this week and will reply when I'm back.", C),
    ("I can't promise anything, but I'll ask.", C),
    ("I'll make sure the invoice is corrected.", C),
    ("I'll make a note of it.", C),
    ("We'll take that into account.", C),
    ("I'll keep you in the loop.", C),
    ("I'll let the team know.", C),
    ("I will pass your comments on to the design team.", C),
    ("We'll be in touch shortly to arrange delivery.", C),
    ("We'll be happy to provide a quote.", C),
    ("Obviously I will keep this confidential.", C),
    ("Personally I'll make sure it gets done.", C),
    ("Naturally we will cover any costs.", C),
    ("Additionally I will send the revised schedule.", C),
    ("I'd be happy to confirm the details in writing.", C),
    ("I'm happy to share the slides after the call.", C),
    ("I'll aim to have the slides ready by Wednesday.", B),
    ("We'll do our best to accommodate the new timeline.", B),
    ("I'll see what I can do about the discount.", B),
    ("I'll try to squeeze in a review before the weekend.", B),
    ("We should be able to deliver the first batch next month.", B),
    ("I'll endeavour to respond to everyone by Friday.", B),
    ("I can send over a sample contract if that helps.", B),
    ("We will make every effort to meet the deadline.", B),
    ("I'll get to it as soon as I can.", B),
    ("Time permitting, I'll add a section on pricing.", B),
    ("I'll try to get Mark on the call as well.", B),
    ("I can have the samples couriered to your office.", B),
    ("Will try to call you later today.", B),
    ("I'll see if I can move my other meeting.", B),
    ("Realistically we can have it live by the 15th.", B),
    ("Luckily I can cover for Jim on Monday.", B),
    ("Let me see what I can find out.", B),
    ("I'll try my best to make the deadline.", B),
    ("We'll try and get it fixed before the release.", B),
    ("I'll see whether I can get an earlier slot.", B),
    ("I'm going to try to reschedule the demo.", B),
    ("I can't promise, but I'll try to get it done.", B),
    ("No promises, but I'll see what I can do.", B),
    ("I should have an answer for you by Friday.", B),
    ("I should get the figures to you by end of day.", B),
    ("We can set up a shared folder for the documents.", B),
    ("I can look into it.", B),
    ("I can ask Finance to resend the statement.", B),
    ("I'll try to remember to bring the badge.", B),
    ("Honestly I can have it to you tomorrow.", B),
    ("Fortunately we can reuse most of the existing code.", B),
    ("I can probably get you a rough estimate by Tuesday.", G),
    ("I'm hoping to wrap up the audit by mid-month.", G),
    ("We plan to launch the pilot with two customers in Q2.", G),
    ("I'd like to schedule a follow-up with your finance team.", G),
    ("I intend to raise this at the board meeting.", G),
    ("I might swing by your office on Thursday.", G),
    ("Perhaps I can put together a short summary for the team.", G),
    ("I'll probably send the revised draft tomorrow.", G),
    ("I may be able to get you a better rate.", G),
    ("We're planning to revisit the pricing next quarter.", G),
    ("I was hoping to get the contract signed this week.", G),
    ("Ideally I'd like to have this closed by Friday.", G),
    ("I'm thinking of inviting their CTO to the demo.", G),
    ("My goal is to have the migration finished by June.", G),
    ("I hope to have more news for you next week.", G),
    ("We can discuss this further at the next meeting.", G),
    ("I could send you a few examples if that would help.", G),
    ("We hope to resolve this issue as quickly as possible.", G),
    ("I think I can get it done by Friday.", G),
    ("I expect to have the results by Thursday.", G),
    ("We expect to complete the work by the end of the month.", G),
    ("I'm aiming to send the final version on Monday.", G),
    ("I was planning to call you this afternoon.", G),
    ("I'd like to take a closer look at the contract before we sign.", G),
    ("We're looking to expand the partnership next year.", G),
    ("I'd love to catch up over coffee next time you're in town.", G),
    ("I'm hoping we can find a compromise.", G),
    ("I may send a revised version later today.", G),
    ("We might move the launch to April.", G),
    ("I could come to your office if that's easier.", G),
    ("We could set up a shared folder for the documents.", G),
    ("I guess I'll send it anyway.", G),
    ("I suppose I could call him.", G),
    ("Would love to help out with the launch.", G),
    ("I reckon we can finish it by Friday.", G),
    ("I imagine I'll be able to join later.", G),
    ("I presume we will get the final numbers Monday.", G),
    ("If everything goes to plan, we'll ship on Monday.", G),
    ("Could you please send me the updated invoice?", N),
    ("Please confirm receipt of this email.", N),
    ("Would Tuesday at 10am work for you?", N),
    ("Will you be able to join the call tomorrow?", N),
    ("Can we push the meeting to next week?", N),
    ("I am out of the office until 4 January with limited access to email.", N),
    ("I will be on leave from 12 to 19 August.", N),
    ("For urgent matters, please contact my colleague Anna.", N),
    ("Our finance team will process the payment within 30 days.", N),
    ("Sarah will send you the login details.", N),
    ("The courier will collect the parcel tomorrow.", N),
    ("I won't be able to make the Friday meeting.", N),
    ("We are not in a position to offer a discount at this time.", N),
    ("I sent the contract over last week.", N),
    ("We shipped the order on Monday.", N),
    ("I spoke with John yesterday and he agreed.", N),
    ("Thanks again for your time on the call today.", N),
    ("Thank you for your prompt reply.", N),
    ("Hopefully we'll see you at the conference.", N),
    ("I'll be in Chicago all next week.", N),
    ("I'm free on Thursday afternoon if you want to talk.", N),
    ("I'm available for a call any time after 3.", N),
    ("Let me know if you have any questions.", N),
    ("Looking forward to hearing from you.", N),
    ("I'll be glad to hear your thoughts on this.", N),
    ("Did you get a chance to review the proposal?", N),
    ("We will be closed for the holidays from 24 December.", N),
    ("The new pricing will take effect on 1 March.", N),
    ("I have attached the latest version for your review.", N),
    ("I'm afraid we can't extend the deadline.", N),
    ("We were unable to reach the client yesterday.", N),
    ("I'll be working from home on Friday.", N),
    ("I'm not sure we can meet that date.", N),
    ("As discussed, the contract will renew automatically.", N),
    ("Please let me know by Friday whether you want to proceed.", N),
    ("It was great meeting you at the trade show.", N),
    ("Apologies for the delay in getting back to you.", N),
    ("I think the proposal looks good.", N),
    ("We have received your payment, thank you.", N),
    ("I wanted to follow up on my previous email.", N),
    ("Just checking in to see if you had any updates.", N),
    ("I'll be back in the office on Monday.", N),
    ("I will have limited access to email while travelling.", N),
    ("Our office will reopen on 2 January.", N),
    ("We'll need the signed form before we can proceed.", N),
    ("I'll probably be a few minutes late.", N),
    ("I would suggest we meet next week to discuss.", N),
    ("I'd recommend that you contact the supplier directly.", N),
    ("Unfortunately I won't have the numbers until next week.", N),
    ("Glad to hear the launch went well.", N),
    ("Happy to report that the migration is complete.", N),
    ("I'll likely need another day to finish.", N),
    ("We would like to invite you to our annual customer event.", N),
    ("We hope you enjoy the new features.", N),
    ("I appreciate your patience.", N),
    ("Sorry I missed your call.", N),
    ("I wasn't able to open the attachment.", N),
    ("I didn't get a chance to look at it yet.", N),
    ("I haven't heard back from the vendor.", N),
    ("I have not yet received the invoice.", N),
    ("We never received the shipment.", N),
    ("I forwarded your request to our billing team.", N),
    ("I called the client this morning.", N),
    ("We had to cancel the order.", N),
    ("The team will review your application and respond within five business days.", N),
    ("Your account manager will contact you shortly.", N),
    ("Someone from our team will be in touch.", N),
    ("Procurement will issue the purchase order.", N),
    ("Is there anything else I can help with?", N),
    ("Do you want me to send the file again?", N),
    ("Shall I set up a call?", N),
    ("Should I forward this to Legal?", N),
    ("Would you like me to book a table?", N),
    ("What time works for you?", N),
    ("Any update on the contract?", N),
    ("I will be travelling on business from 3 to 7 June.", N),
    ("I'll be offline for the rest of the day.", N),
    ("I'm in meetings all afternoon.", N),
    ("I'll be at the client site on Wednesday.", N),
    ("We will be moving offices next month.", N),
    ("We're closed on public holidays.", N),
    ("I'm not sure I'll have time to review it.", N),
    ("I don't think we'll make the deadline.", N),
    ("We won't be charging you for the extra hours.", N),
    ("Let's aim to finalise the agreement by the end of the month.", N),
    ("Let's touch base next week.", N),
    ("Please feel free to reach out if you need anything.", N),
    ("Feel free to call me on my mobile.", N),
    ("You can reach me on my mobile.", N),
    ("I can be reached on 555 0101.", N),
    ("I will need a copy of your ID.", N),
    ("We require payment within 30 days.", N),
    ("Payment is due on receipt.", N),
    ("I should hear back from them tomorrow.", N),
    ("I might need to reschedule.", N),
    ("I can do Thursday at 2.", N),
    ("I'll need to check with my manager first.", N),
    ("I need to check with my manager before I can commit.", N),
    ("It would be helpful to get your comments by Friday.", N),
    ("Pleased to confirm your booking for 12 May.", N),
    ("Delighted to hear about the promotion.", N),
    ("I ought to call him.", N),
    ("I'll get back to you as soon as possible.", C),
    ("I'll get that sorted for you today.", C),
    ("I'll handle the paperwork.", C),
    ("We'll take care of the installation.", C),
    ("I will send you a copy as soon as it's signed.", C),
    ("I'll have Jane reach out to schedule the training.", C),
    ("We will refund the full amount within five business days.", C),
    ("I'll add you to the distribution list.", C),
    ("I'll send the minutes round after the meeting.", C),
    ("Will send the deck over shortly.", C),
    ("Will do, thanks.", C),
    ("I'll look into it first thing tomorrow.", C),
    ("Sure, I'll send it over.", C),
    ("No problem, I'll update the invoice.", C),
    ("Absolutely, I'll make the change.", C),
    ("I promise to have it to you by Monday.", C),
    ("I commit to delivering the audit by year end.", C),
    ("Rest assured we will fix this.", C),
    ("I will be happy to answer any questions you may have.", C),
    ("We will be glad to assist you.", C),
    ("I'll be handling your account from now on.", C),
    ("We will continue to monitor the situation.", C),
    ("We will keep you updated on any changes.", C),
    ("We will notify you once your order has shipped.", C),
    ("We'll email you a receipt.", C),
    ("Thanks, I'll take a look.", C),
    ("Thanks, will take a look.", C),
    ("Noted, I'll update the file.", C),
    ("OK, I'll call him now.", C),
    ("Let me think about it and get back to you.", C),
    ("Let me find out and let you know.", C),
    ("Let me take a look at the contract.", C),
    ("We'll review your application and get back to you.", C),
    ("I'll get back to you with an answer by Friday.", C),
    ("I'll ring you later.", C),
    ("I'll give you a ring tomorrow.", C),
    ("I'll drop you a line when it's ready.", C),
    ("I'll shoot you an email with the details.", C),
    ("I'll ping you when it's done.", C),
    ("I'll swing by your desk after lunch.", C),
    ("I'll pop the contract in the post today.", C),
    ("I'll run it past legal.", C),
    ("I'll run the numbers again.", C),
    ("I'll pull together a short summary.", C),
    ("I'll put together a proposal for you.", C),
    ("I'll put something in the diary.", C),
    ("I'm going to go ahead and approve it.", C),
    ("I'm just going to forward this to Tom.", C),
    ("I am going to look into the discrepancy.", C),
    ("We're going to refund your payment.", C),
    ("I'm going to be working on it all weekend.", C),
    ("I'll be sending the files over shortly.", C),
    ("I'll be reaching out to the vendors this week.", C),
    ("I'll ask, but I can't promise anything.", C),
    ("I'll have a think and come back to you.", C),
    ("I'll hold the invoice until the dispute is resolved.", C),
    ("We are committed to resolving this quickly.", C),
    ("I'll make sure to copy you in.", C),
    ("I'll be sure to let you know.", C),
    ("I will have sent the documents by the time you arrive.", C),
    ("I will have it finished by Friday.", C),
    ("We will have the report ready for you on Monday.", C),
    ("Before I send it, I'll double-check the totals.", C),
    ("After the meeting, I'll send everyone the minutes.", C),
    ("I'll call you, unless you'd prefer to email.", C),
    ("Unless I hear otherwise, I'll go ahead and book the flights.", C),
    ("If you could send me the details, I'll set up the account.", C),
    ("Should you need anything, I'll be happy to help.", C),
    ("If there are any problems, I'll sort them out.", C),
    ("If there's any delay, we'll let you know.", C),
    ("I'll send it tomorrow, OK?", C),
    ("I will forward the invoice to you today — let me know if you don't receive it.", C),
    ("Thanks for the update; I'll pass it on to the team.", C),
    ("The contract is attached; I'll send the schedules separately.", C),
    ("John and I will prepare the budget.", C),
    ("Either Sarah or I will call you tomorrow.", C),
    ("Someone from my team or I will follow up.", C),
    ("As requested, I will send the originals by post.", C),
    ("As agreed, we will invoice you monthly.", C),
    ("Per our conversation, I'll draft the amendment.", C),
    ("Following our call, I will send the revised terms.", C),
    ("Just to confirm, we'll deliver on the 12th.", C),
    ("Quick update: we'll ship the order tomorrow.", C),
    ("PS: I'll bring the samples with me.", C),
    ("P.S. I will send the photos later.", C),
    ("Going to send the invite now.", C),
    ("Will send it over tonight.", C),
    ("Would be happy to help.", C),
    ("I'll get with Mark and set something up.", C),
    ("I will get with you later this week to discuss.", C),
    ("I am sure we will have it done by Friday.", C),
    ("I'll see if Jeff can join us.", C),
    ("I'll find out whether they can extend the deadline.", C),
    ("I'll check and see.", C),
    ("I'll give him a call and see what he thinks.", C),
    ("I'll talk to Vince and get back to you.", C),
    ("I'll call you tomorrow to go over the details.", C),
    ("We will send out a revised schedule shortly.", C),
    ("I'll be happy to set up a call.", C),
    ("I'd be glad to set up a call.", C),
    ("I'm going to try and get the board's approval this month.", B),
    ("I'll do what I can to speed things up.", B),
    ("We'll endeavor to get the documents to you by Monday.", B),
    ("I will try my hardest to make the call.", B),
    ("I'll get you an answer as quickly as I can.", B),
    ("I'll see if I can get you a discount.", B),
    ("We'll make every reasonable effort to deliver on time.", B),
    ("If I have time, I'll review the draft tonight.", B),
    ("I'll look at it when I have a minute.", B),
    ("I can get it to you by Friday at the latest.", B),
    ("We can offer a three-month extension if needed.", B),
    ("I can arrange a call with our CFO.", B),
    ("I can put you in touch with our account team.", B),
    ("I'll attempt to reach him again tomorrow.", B),
    ("I should have the report finished by tomorrow.", B),
    ("Yes, we can do that.", B),
    ("I'm going to try calling her again.", B),
    ("I'll give it a try.", B),
    ("I'll see about getting you a replacement.", B),
    ("I'll see what I can dig up.", B),
    ("I'll do what I can, but no guarantees.", B),
    ("If you send me the details, I can set up the account.", B),
    ("Trying to get the numbers together today.", B),
    ("Should have it to you by Friday.", B),
    ("Can send you the file if needed.", B),
    ("I'm pretty sure I can get you a copy.", B),
    ("I'm sure I'll be able to help.", B),
    ("I'll try and find out whether they can extend the deadline.", B),
    ("We're aiming for a go-live in early March.", G),
    ("Our intention is to renew the agreement for another year.", G),
    ("We are looking at sending a team to the site in May.", G),
    ("I'll likely send the invoice next week.", G),
    ("We'll most likely ship on Thursday.", G),
    ("Chances are I'll be able to get you a quote tomorrow.", G),
    ("I was thinking I could present the findings at the next meeting.", G),
    ("I'm considering offering them a discount.", G),
    ("We'd like to start the project in January.", G),
    ("My hope is to have the report finished by Friday.", G),
    ("We intend to invoice at the end of each month.", G),
    ("I want to make sure we get this right.", G),
    ("I'm planning on sending out the agenda tomorrow.", G),
    ("Hopefully I can get to it this afternoon.", G),
    ("Hopefully we can close this out by the end of the week.", G),
    ("I'm hoping to get the signed copy back to you by Wednesday.", G),
    ("I would love to join you for the site visit.", G),
    ("I'd welcome the opportunity to present our proposal.", G),
    ("Perhaps we could set up a call early next week.", G),
    ("Maybe I'll drop by the office on Friday.", G),
    ("I think I'll send a reminder to the team tomorrow.", G),
    ("I would prefer to discuss this in person.", G),
    ("Planning to send the invite tomorrow.", G),
    ("Hoping to have news by Friday.", G),
    ("Might be able to do Thursday.", G),
    ("Could send it tonight if that helps.", G),
    ("Would love to catch up.", G),
    ("I'd like to set up a meeting with you and Sally next week.", G),
    ("I hope to be able to join you for dinner.", G),
    ("I hope to be able to send you the final numbers tomorrow.", G),
    ("I want to make sure you have everything you need.", G),
    ("We want to make sure the deal closes this month.", G),
    ("I'd like to get this resolved by the end of the week.", G),
    ("I would like to have the contract signed by Friday.", G),
    ("I'd like to have Bob look at it before we send it.", G),
    ("I would like to go over the proposal with you.", G),
    ("I'd like to come by your office Tuesday.", G),
    ("I may call you later today.", G),
    ("I might give you a call over the weekend.", G),
    ("I'll probably have the revised draft to you Monday.", G),
    ("I'll likely be calling you tomorrow.", G),
    ("I expect I'll have it done by noon.", G),
    ("I believe we can get it done.", G),
    ("I'd be happy to meet with your team.", G),
    ("I'll be glad to meet with your team.", G),
    ("We could get together next week if you like.", G),
    ("We can get together next week.", G),
    ("Maybe we can talk about it at lunch.", G),
    ("I should probably call him.", G),
    ("We are keen to hear your views.", N),
    ("We may need to revisit the scope.", N),
    ("You will receive the documents by courier tomorrow.", N),
    ("I hope this helps.", N),
    ("We're excited to work with you.", N),
    ("I'm afraid I won't be able to attend.", N),
    ("I can't commit to that date.", N),
    ("We are unable to accept returns after 30 days.", N),
    ("Unfortunately, we cannot process your request.", N),
    ("I will be attending the conference next week.", N),
    ("I'm flying to Denver on Tuesday.", N),
    ("I'll be on a flight most of the day.", N),
    ("I'm going to the conference in Boston.", N),
    ("I'll join the call from my car.", N),
    ("I'm not able to access the shared drive.", N),
    ("It looks like the payment went through.", N),
    ("The report is attached.", N),
    ("We are reviewing your application.", N),
    ("We've updated our privacy policy.", N),
    ("I'd appreciate a quick response.", N),
    ("I'd be grateful if you could sign and return the form.", N),
    ("If you could send the PO, that would be great.", N),
    ("You may want to check with your bank.", N),
    ("You should receive the package by Friday.", N),
    ("He'll be in touch to arrange the visit.", N),
    ("Our engineer will visit the site on Monday.", N),
    ("The team is planning to release the update next month.", N),
    ("They hope to finish the work by Friday.", N),
    ("Sam will try to call you later.", N),
    ("Do you think we can finish by Friday?", N),
    ("When can you send the files?", N),
    ("Can I call you tomorrow?", N),
    ("Could I get a copy of the agreement?", N),
    ("I would have sent it earlier but the system was down.", N),
    ("I should have called you yesterday.", N),
    ("I was going to call you but got tied up.", N),
    ("I meant to send this last week.", N),
    ("I tried to call you this morning.", N),
    ("We planned to launch in May but had to postpone.", N),
    ("I had hoped to finish by now.", N),
    ("I thought I'd let you know the shipment arrived.", N),
    ("Just wanted to let you know the invoice was paid.", N),
    ("Feel free to forward this to anyone who might be interested.", N),
    ("I'd like to thank everyone for their hard work.", N),
    ("I want to thank you for your support.", N),
    ("Let me introduce myself.", N),
    ("Let me explain how the process works.", N),
    ("Let me know when you're free.", N),
    ("We will have a new address from 1 May.", N),
    ("We will have a booth at the trade fair.", N),
    ("I'll be your point of contact going forward.", N),
    ("I'll be honest, the numbers don't look great.", N),
    ("I'll admit I was surprised by the result.", N),
    ("I will say that the team did a great job.", N),
    ("I'll be brief.", N),
    ("I'll keep this short.", N),
    ("I'll assume that's a yes.", N),
    ("I will assume you agree unless I hear otherwise.", N),
    ("We'll get there.", N),
    ("We'll see what happens.", N),
    ("I'll leave it at that.", N),
    ("I'll believe it when I see it.", N),
    ("I'll be the first to admit it wasn't perfect.", N),
    ("I'll be there in spirit.", N),
    ("I will be your contact for the duration of the project.", N),
    ("You will be notified by email.", N),
    ("We'll be in the office until 6.", N),
    ("We will be closed on Friday for the bank holiday.", N),
    ("We will be upgrading our systems this weekend.", N),
    ("We will be discussing the budget at Monday's meeting.", N),
    ("I'll be presenting at the conference in May.", N),
    ("I'll think about it.", N),
    ("We're going to need a bigger budget.", N),
    ("I'm going to be late for the call.", N),
    ("We'll wait for your instructions.", N),
    ("I'll wait to hear from you.", N),
    ("I'll need a few more days.", N),
    ("I'll need to see the contract first.", N),
    ("We would need to charge for the extra work.", N),
    ("We'd have to charge extra for weekend work.", N),
    ("I'd have to check with my boss.", N),
    ("I'd need to ask Finance.", N),
    ("I would check with IT first.", N),
    ("I would send it to Legal before signing.", N),
    ("If I were you I'd wait.", N),
    ("I'd say we're about halfway there.", N),
    ("I'd suggest we postpone the launch.", N),
    ("I'd rather not commit to a date yet.", N),
    ("We're hoping for a decision by Friday.", N),
    ("I'm due to send the report on Friday.", N),
    ("I'm supposed to send the figures by Friday.", N),
    ("I'm meant to be presenting on Thursday.", N),
    ("I've scheduled a call for Monday at 10.", N),
    ("I've asked Tom to send you the file.", N),
    ("I have arranged for a courier to collect the samples.", N),
    ("I'm set to sign the contract on Tuesday.", N),
    ("If I don't hear from you by Friday, I'll assume you're happy.", N),
    ("Should you have any questions, please don't hesitate to contact me.", N),
    ("If you have any questions, feel free to give me a call.", N),
    ("In case of any issues, I'll be on call.", N),
    ("We will not be able to deliver before March.", N),
    ("I can't see us finishing before March.", N),
    ("I won't be sending the report until Monday.", N),
    ("We don't plan to change the pricing.", N),
    ("I don't intend to renew the contract.", N),
    ("I have no plans to travel next month.", N),
    ("I'm not planning to attend.", N),
    ("I'd rather you sent it to Legal directly.", N),
    ("Could we move the call to 3pm?", N),
    ("Shall we say Tuesday at 10?", N),
    ("What if we met on Thursday instead?", N),
    ("My team will prepare the budget.", N),
    ("My assistant will send you the details.", N),
    ("Our team will be in touch to schedule the installation.", N),
    ("I and my colleagues will attend the meeting.", N),
    ("I've been asked to send you the attached.", N),
    ("I was asked to forward this to you.", N),
    ("As promised, here is the report.", N),
    ("As promised, I'm attaching the slides.", N),
    ("To confirm, I will be at your office at 9.", N),
    ("Just a quick note to say I'll be late.", N),
    ("Reminder: I'll be out on Friday.", N),
    ("Will be in the office tomorrow.", N),
    ("Will be out Monday, back Tuesday.", N),
    ("I plan to be there by 9.", N),
    ("We need to get together soon.", N),
    ("Let's plan on meeting Thursday.", N),
    ("I would like to see the numbers before we decide.", N),
    ("We will probably need another week.", N),
    ("I will probably be in the office Saturday.", N),
    ("Talk soon.", N),
    ("We should get together sometime.", N),
    ("We should probably get together next week.", N),
    ("I really need to call him.", N),
    ("I need to get you the numbers by Friday.", N),
    ("I have to send the report by Friday.", N),
    ("I've got to finish the report tonight.", N),
    ("I'm going to have to say no.", N),
    ("I'd love to help but I'm swamped.", N),
    ("I wish I could help.", N),
    ("If I had the time, I would help.", N),
    ("I would help if I could.", N),
    ("I'd do it myself but I'm traveling.", N),
    ("We're looking into the problem and will update you shortly.", C),
    ("I'll send it tomorrow at the latest.", C),
    ("I'll send it today or tomorrow.", C),
    ("I'll send it early next week.", C),
    ("I'll send it sometime next week.", C),
    ("I'll get it to you in the next day or two.", C),
    ("I'll call you sometime this afternoon.", C),
    ("I'll do it when I get back.", C),
    ("I'll do it once I'm back in the office.", C),
    ("I'll do it if you want.", C),
    ("I'll do it unless you'd rather.", C),
    ("I'll have the report on Friday.", C),
    ("I'll get the report to you on Friday.", C),
    ("I will come back to you with a proposal.", C),
    ("We will revert shortly.", C),
    ("I'll revert once I've spoken to the team.", C),
    ("I'll confirm by close of play.", C),
    ("I'll confirm numbers once I have them.", C),
    ("I'll confirm whether we can do it.", C),
    ("I will confirm that we received your payment.", C),
    ("I confirm that we will deliver on Monday.", C),
    ("I'm confirming that we will deliver on Monday.", C),
    ("This is to confirm that we will deliver on Monday.", C),
    ("We'll waive the setup fee.", C),
    ("I'll make it up to you.", C),
    (
        "Thanks for sending this over — I'll review it tonight and send comments first thing tomorrow.",
        C,
    ),
    ("I've had a quick look and it seems fine, but I'll go through it properly on Monday.", C),
    ("Sorry for the slow reply; I've been travelling, but I'll get you an answer by Wednesday.", C),
    ("Finance will process the refund, and I'll confirm once it's done.", C),
    ("If the client agrees, we'll start the work on Monday; otherwise we'll wait.", C),
    ("I don't have the numbers yet but I'll forward them as soon as they come in.", C),
    ("Let me know what time suits and I'll send an invite.", C),
    ("Happy to chat if it's useful.", C),
    ("Please find attached the signed agreement; I'll post the original today.", C),
    ("As mentioned on the call, I'll circulate the deck later today.", C),
    ("Tom and I will arrange the delivery.", C),
    ("I'll have Tom arrange the delivery.", C),
    ("I'm currently on annual leave and will respond to your email on my return on 14 August.", C),
    ("Thank you for your email. I am away until Monday and will reply then.", C),
    ("I'm on it and will report back by noon.", C),
    ("Let me know and I'll make it happen.", C),
    ("I said I would send it by Friday, and I will.", C),
    ("As I said, I'll send it Friday.", C),
    ("I'll get it done first thing.", C),
    ("I'll make it happen.", C),
    ("I'll be happy to take a look.", C),
    ("I'll take a look when I'm back.", C),
    ("Sure thing, I'll get it over to you this afternoon.", C),
    ("You can count on me.", C),
    ("You have my word.", C),
    ("I can assure you we will fix it.", C),
    ("I will fax it to you this afternoon.", C),
    ("I'll get it faxed over to you.", C),
    ("I will have my assistant fax it to you.", C),
    ("I will call you at your convenience.", C),
    ("I'll be glad to review the contract.", C),
    ("I'll gladly review the contract.", C),
    ("I will be more than happy to assist.", C),
    ("I'm willing to compromise on the price.", C),
    ("We're willing to extend the deadline by a week.", C),
    ("We are prepared to offer a 5% discount.", C),
    ("I'll make a point of calling him.", C),
    ("I'll make time to review it this week.", C),
    ("I'll find a way to make it work.", C),
    ("I'll figure something out.", C),
    ("I'll figure out a solution.", C),
    ("We'll work it out.", C),
    ("I'll work something out with Finance.", C),
    ("I'll sort something out.", C),
    ("I'll come up with a plan.", C),
    ("I'll have a proposal for you by Monday.", C),
    ("I'll have an answer for you tomorrow.", C),
    ("I'll keep you posted on any developments.", C),
    ("Will keep you posted.", C),
    ("I'll let you know if anything changes.", C),
    ("I'll let you know if I hear anything.", C),
    ("I will let you know what I find out.", C),
    ("I'll let you know either way.", C),
    ("I'll be in touch next week.", C),
    ("I'll be back in touch by Friday.", C),
    ("I'll be getting back to you shortly.", C),
    ("I'll be following up with the vendor.", C),
    ("I'll be handling the renewal.", C),
    ("We will be reviewing your request and will respond within 5 days.", C),
    ("We will be contacting you shortly.", C),
    ("I'll be sure to pass that on.", C),
    ("I'll be certain to mention it.", C),
    ("I'll be responsible for the rollout.", C),
    ("I'll be there at 9 to open the office.", C),
    ("I'll endeavor to have it to you Monday.", B),
    ("I'll make an effort to attend.", B),
    ("I'll look into it and try to get back to you today.", B),
    ("I'll try to call you sometime this afternoon.", B),
    ("I'll do it when I can.", B),
    ("I'll do it if I can.", B),
    ("I'll do it if I have time.", B),
    ("I'll do it if time allows.", B),
    ("We can certainly extend the trial for another month.", B),
    ("We can absolutely accommodate that.", B),
    ("I can't guarantee it, but I'll try.", B),
    ("I'll try, but I can't promise.", B),
    ("I haven't had a chance to look at it, but I'll try to this weekend.", B),
    ("Not sure I'll have time this week, but I'll try.", B),
    ("If you'd like, I can set up a call with the team.", B),
    ("Should be done by Friday.", B),
    ("I can take a look tomorrow.", B),
    ("I can take a look if you want.", B),
    ("Yes, I can do that.", B),
    ("I'd like to try to get this done by Friday.", G),
    ("I would hope to have the contract signed by then.", G),
    ("I'm thinking we could meet on Tuesday.", G),
    ("My thought was to send it to the whole team.", G),
    ("I was thinking of calling a meeting for next week.", G),
    ("I might try to call him tonight.", G),
    ("If possible, I'd like to wrap this up today.", G),
    ("I want to try and finish the report tonight.", G),
    ("I am hoping that I can get it done by Monday.", G),
    ("Hopefully, I'll have something for you by Friday.", G),
    ("I'm aiming for end of week.", G),
    ("We're targeting a March launch.", G),
    ("We'd be able to deliver by the 20th.", G),
    ("We could potentially offer a discount.", G),
    ("I could potentially move the call to Thursday.", G),
    ("We may be able to squeeze you in on Friday.", G),
    ("I might be able to get you tickets.", G),
    ("There's a good chance we'll finish early.", G),
    ("It's likely we'll ship on Monday.", G),
    ("We're a bit behind schedule, but we still expect to deliver by the 30th.", G),
    ("It's been a busy week; hopefully I can send you something by Friday.", G),
    ("Could take a look tomorrow if that helps.", G),
    ("I'd like to get together Monday to discuss.", G),
    ("Hopefully I'll have news for you soon.", G),
    ("I'll be back Monday.", N),
    ("I'll stay in London until Friday.", N),
    ("I'll spend the day with the client.", N),
    ("I'll be around all week.", N),
    ("I'll be at my desk until 6.", N),
    ("I'll be reachable by phone.", N),
    ("I'll be on the 7am flight.", N),
    ("I'll be driving up Friday.", N),
    ("I will be leaving the company at the end of the month.", N),
    ("I'll move to the London office in March.", N),
    ("I'll be in and out of meetings all day.", N),
    ("I'll be tied up until 3.", N),
    ("I'll be on the road next week.", N),
    ("I'll be at the offsite Thursday and Friday.", N),
    ("I will be on jury duty next week.", N),
    ("I will be in the office late tonight.", N),
    ("I'll be online later if you need me.", N),
    ("We will launch the new product in June.", N),
    ("We will have a new CEO starting in January.", N),
    ("We'll be at the trade show next week.", N),
    ("We will be in Houston for the offsite.", N),
    ("We will meet at the hotel lobby at 8.", N),
    ("We'll have lunch at 12:30.", N),
    ("We will go over the results at the meeting.", N),
    ("I'll see you Monday.", N),
    ("I'll see you at the dinner.", N),
    ("I'll miss you guys.", N),
    ("I'll keep my fingers crossed.", N),
    ("I'll take that as a compliment.", N),
    ("I'll fly back on Sunday.", N),
    ("I will be out sick today.", N),
    ("I'll be off tomorrow.", N),
    ("I'm off next week.", N),
    ("I'll be away until the 14th.", N),
    ("I'll be unavailable Thursday afternoon.", N),
    ("I will be unreachable while in transit.", N),
    ("The goal is to have it signed by Friday.", N),
    ("I doubt I'll get to it this week.", N),
    ("I probably won't get to it until Monday.", N),
    ("I'm unlikely to make the meeting.", N),
    ("I won't be able to send it until Monday.", N),
    ("I won't have the report until Friday.", N),
    ("We'll have the results on Friday.", N),
    ("I can confirm that we received your payment.", N),
    ("I spoke to Finance and they will process the refund next week.", N),
    ("We're still waiting on Legal, so I can't give you a date yet.", N),
    ("Given the backlog, I probably won't get to it before next week.", N),
    ("I'd love to help, but I'm out next week — maybe Sarah can cover?", N),
    ("Let me know if you'd like me to set up a call.", N),
    ("Would it help if I sent over some examples?", N),
    ("I've copied Tom, who will arrange the delivery.", N),
    ("I'm copying Tom so he can arrange the delivery.", N),
    ("I've asked Tom to arrange the delivery and he'll be in touch.", N),
    (
        "I'm out of the office until Monday 3 June with no access to email; for urgent matters please contact Anna.",
        N,
    ),
    ("I'll be out of the office Thursday and Friday, back Monday.", N),
    ("Our offices will be closed on Monday for the public holiday.", N),
    ("I need you to send me the invoice.", N),
    ("I'll need you to sign the form.", N),
    ("I'll wait for your go-ahead.", N),
    ("I'll leave it up to you.", N),
    ("I'll defer to you on this.", N),
    ("Want me to send it?", N),
    ("It should be ready by Friday.", N),
    ("You should have it by Friday.", N),
    ("Sure thing.", N),
    ("Absolutely.", N),
    ("Yes, that works.", N),
    ("Yes, we'll be there.", N),
    ("No, I won't be able to.", N),
    ("I'm going to need more time on this.", N),
    ("I need to talk with you about the Dynegy deal.", N),
    ("Can we get together Monday?", N),
    ("I am available to meet on Monday.", N),
    ("Please call me at your convenience.", N),
    ("I can meet anytime Monday.", N),
    ("We'd be thrilled to have you on board.", N),
    ("We stand ready to help.", N),
    ("We're open to suggestions.", N),
    ("I'll keep that in mind for next time.", N),
    ("I'll remember that.", N),
    ("I'll know more next week.", N),
    ("I should know more by Friday.", N),
    ("I'll have a better idea on Monday.", N),
    ("I'd ask that you keep this confidential.", N),
    ("I'll expect your call.", N),
    ("I'll expect payment by Friday.", N),
    ("I will await your reply.", N),
    ("I'll be watching for your email.", N),
    ("I'll be waiting for your response.", N),
    ("I'll be counting on you.", N),
    ("We'll be relying on you to deliver.", N),
    ("I'll be your main contact.", N),
    ("I'd like you to send me the contract.", N),
    ("I would like you to review the draft.", N),
    ("I want you to know that we appreciate your business.", N),
    ("I'd like to remind everyone that timesheets are due Friday.", N),
    ("I'd like to confirm our meeting on Tuesday.", N),
    ("I'd like to know if you are available on Tuesday.", N),
    ("I would like to request a copy of the report.", N),
    ("I'd like to receive the updated file.", N),
    ("I'd like to see the final numbers before we sign.", N),
    ("I'd like a copy of the contract.", N),
    ("I would like to point out that the deadline has passed.", N),
    ("I would like to follow up on our conversation.", N),
    ("I'd like to ask a favor.", N),
    ("I would like to propose a call on Tuesday.", N),
    ("I would like to suggest that we meet on Tuesday.", N),
    ("We hope to see you at the conference.", N),
    ("I hope to see you soon.", N),
    ("I hope to hear back from you by Friday.", N),
    ("We plan to be in Houston next week.", N),
    ("I plan to be out of the office on Friday.", N),
    ("I intend to be at the meeting.", N),
    ("I might be late to the meeting.", N),
    ("I may be out on Friday.", N),
    ("I may be reached on my cell.", N),
    ("We may be able to see the results next week.", N),
    ("I might need your help.", N),
    ("I might have a question or two.", N),
    ("I may have some questions later.", N),
    ("I may not be able to attend.", N),
    ("We could be looking at a delay.", N),
    ("We might see some delays.", N),
    ("I could use your help.", N),
    ("I could really use a break.", N),
    ("I could be wrong.", N),
    ("We'd like to welcome our new team members.", N),
    ("We would like to invite you to our holiday party.", N),
    ("We want to thank you for your business.", N),
    ("We want to hear from you.", N),
    ("We'd love to hear what you think.", N),
    ("We'd love to see you there.", N),
    ("Hope to see you there.", N),
    ("Hoping to hear from you soon.", N),
    ("Looking to hear back soon.", N),
    ("We hope to serve you again.", N),
    ("We want to help you grow your business.", N),
    ("I'll forward this to the right person.", C),
    ("I'm going to forward this to Jim.", C),
    ("I'll reply in more detail tomorrow.", C),
    ("I will respond under separate cover.", C),
    ("I will attach the file to my next email.", C),
    ("I've attached the file and will send the rest tomorrow.", C),
    ("I'll call you right back.", C),
    ("Let me call you back.", C),
    ("I'll ring back in five minutes.", C),
    ("I'll resend it.", C),
    ("I'll resend the invitation with the correct link.", C),
    ("I'll correct the invoice and reissue it.", C),
    ("We'll reissue the invoice with the right PO number.", C),
    ("We will investigate and come back to you.", C),
    ("We're investigating and will come back to you.", C),
    ("We will look into this and respond within 48 hours.", C),
    ("I'll check on the status and let you know.", C),
    ("I'll chase it up.", C),
    ("I'll chase them for an update.", C),
    ("I'll nudge them again.", C),
    ("I'll give them a nudge.", C),
    ("I'll remind him.", C),
    ("I'll remind you closer to the date.", C),
    ("I'll send you a reminder the day before.", C),
    ("I'll pick up the tab.", C),
    ("I'll pay for lunch.", C),
    ("We'll cover your travel expenses.", C),
    ("I'll sign it and send it back today.", C),
    ("I'll countersign and return.", C),
    ("I'll approve it in the system this afternoon.", C),
    ("I will approve the request once I see the receipts.", C),
    ("I'll authorize the payment.", C),
    ("I'll put the order through today.", C),
    ("I'll process the refund today.", C),
    ("I'll take it from here.", C),
    ("I'll take it from there.", C),
    ("I'll take over from here.", C),
    ("I'll handle it from here.", C),
    ("I'll deal with it.", C),
    ("I'll look after it.", C),
    ("I'll see to it.", C),
    ("I'll see that it gets done.", C),
    ("I'll ensure the team is briefed.", C),
    ("I will ensure that you are paid by Friday.", C),
    ("I'll call you later, probably around 4.", C),
    ("Let me get back to you tomorrow.", C),
    ("Let me check my calendar.", C),
    ("Let me check my calendar and get back to you.", C),
    ("Let me find out.", C),
    ("Let me ask around.", C),
    ("Let me talk to my boss.", C),
    ("Let me run it by the team.", C),
    ("Let me put something together.", C),
    ("Let me pull the data.", C),
    ("Let me send you the deck.", C),
    ("Let me forward you the thread.", C),
    ("Let me set something up.", C),
    ("Let me work on it.", C),
    ("Will revert.", C),
    ("Will check and revert.", C),
    ("Will call later.", C),
    ("Will be in touch.", C),
    ("Will get back to you asap.", C),
    ("Will get it sorted today.", C),
    ("Will have it to you by noon.", C),
    ("Will keep you updated.", C),
    ("Going to call him tomorrow.", C),
    ("Happy to discuss on a call.", C),
    ("Glad to help.", C),
    ("Thanks, will review tonight.", C),
    ("Thanks - will review tonight.", C),
    ("Ok will do.", C),
    ("Sure, will do.", C),
    ("Yes will send.", C),
    ("Whatever you need, I'll make it happen.", C),
    ("Anything you need, just let me know and I'll sort it.", C),
    ("Whenever you're ready, I'll send the contract.", C),
    ("Once you've signed, we'll countersign and return a copy.", C),
    ("Until we hear from you, we'll keep the order on hold.", C),
    ("Before we ship, I'll send you a final invoice.", C),
    ("Since you asked, I'll send the full report.", C),
    ("Because of the delay, we'll waive the fee.", C),
    ("Due to the holiday, I'll send it Tuesday instead.", C),
    ("In light of this, we will refund your deposit.", C),
    ("With that in mind, I'll revise the proposal.", C),
    ("That said, I'll still send you the draft.", C),
    ("Regardless, I'll call you tomorrow.", C),
    ("In any case, I'll send it tonight.", C),
    ("At any rate, we'll keep you posted.", C),
    ("At the latest, I'll have it to you by Monday.", C),
    ("At the very least, I'll send a summary.", C),
    ("If nothing else, I'll send a summary.", C),
    ("Failing that, I'll call you Monday.", C),
    ("If not, I'll call you tomorrow.", C),
    ("If so, I'll book the flights.", C),
    ("If that's the case, we'll refund you.", C),
    ("If it's easier, I'll come to you.", C),
    ("We can have the revised contract to you by Thursday.", B),
    ("I can turn this around by end of day.", B),
    ("I can get it done by Friday if needed.", B),
    ("I can definitely have it done by Friday.", B),
    ("We can certainly look into that.", B),
    ("We can't commit to a date yet, but we'll try for next week.", B),
    ("I'm fairly confident we can deliver by March.", B),
    ("I'll aim to get it over by lunchtime.", B),
    ("I'll do my utmost to get it to you today.", B),
    ("I'll endeavour to get back to you this week.", B),
    ("I'll make every effort to attend.", B),
    ("I will strive to respond within 24 hours.", B),
    ("We'll try our hardest.", B),
    ("Let me try to find it.", B),
    ("Let me try.", B),
    ("Let me see if I can find it.", B),
    ("Will try.", B),
    ("Can do.", B),
    ("Will aim to send by Friday.", B),
    ("Trying to sort it now.", B),
    ("If it helps, I can send an example.", B),
    ("If possible, I'll send it today.", B),
    ("Hopefully we can catch up soon.", G),
    ("Hopefully I'll be able to join you.", G),
    ("Hopefully I'll hear from them today and can let you know.", G),
    ("I hope we can meet soon.", G),
    ("I hope we can get this resolved quickly.", G),
    ("I hope I can help.", G),
    ("I'm hoping we can close this week.", G),
    ("We hope to have the new site live by June.", G),
    ("We hope to resolve this by Friday.", G),
    ("I can probably have it done by Friday.", G),
    ("I could have it done by Friday if that helps.", G),
    ("I might be able to squeeze it in tomorrow.", G),
    ("I may get to it this afternoon.", G),
    ("I may try to call you later.", G),
    ("I'll maybe call you later.", G),
    ("Maybe I'll call you later.", G),
    ("I'll call you later maybe.", G),
    ("I'll likely call you later.", G),
    ("I'll probably call you, but it might be late.", G),
    ("I think I can make it work.", G),
    ("I think we can have it ready by Monday.", G),
    ("I believe I can get you a better price.", G),
    ("We expect to be done by Friday.", G),
    ("I anticipate that we will send the report on Monday.", G),
    ("Would love to.", G),
    ("Would be great to catch up.", G),
    ("Plan to send it Monday.", G),
    ("Planning to call him tomorrow.", G),
    ("If you prefer, we could meet at your office.", G),
    ("I've forwarded your email to Jim, who will get back to you.", N),
    ("Forwarding to Jim for his input.", N),
    ("Our team will look into this and respond within 48 hours.", N),
    ("Hopefully we'll see you at the launch event.", N),
    ("Hopefully I'll see you at the conference.", N),
    ("Hopefully the weather holds.", N),
    ("Hopefully this helps.", N),
    ("Hopefully that answers your question.", N),
    ("Hopefully we will have an answer by Friday.", N),
    ("Hopefully we'll hear back from them tomorrow.", N),
    ("I hope to be there by 6.", N),
    ("I hope we get the deal.", N),
    ("I hope it works out.", N),
    ("I hope that's ok.", N),
    ("I hope you don't mind me asking.", N),
    ("I'm hoping for a quick answer.", N),
    ("I'm hoping you can help.", N),
    ("We're hoping the numbers improve.", N),
    ("We hope to welcome you soon.", N),
    ("We are on schedule to finish next week.", N),
    ("Let me sleep on it.", N),
    ("Let me explain.", N),
    ("Let me be clear.", N),
    ("Let me start by saying thanks.", N),
    ("Let me introduce you to Sarah.", N),
    ("Let me reiterate our position.", N),
    ("Allow me to introduce myself.", N),
    ("Will be there at 10.", N),
    ("Need to chase this.", N),
    ("On that note, I'll let you go.", N),
    ("Otherwise, I'll see you Monday.", N),
    ("If need be, I'll fly out on Monday.", N),
    # Sixth round: sentences of ordinary mail that are not the writer's promise (wishes for
    # the reader, forecasts, states, reports of others, schedules, courtesies), and a few
    # promises beside them.
    ("I hope you had a relaxing weekend.", N),
    ("I hope the trip to Dallas went well.", N),
    ("I hope this finds you well.", N),
    ("I want to thank everyone for the late nights this quarter.", N),
    ("I'd love to hear your thoughts on the revised layout.", N),
    ("I'd love to get your take on the pricing model.", N),
    ("I'll be honest, the first draft was rough.", N),
    ("I'll be honest with you about the numbers.", N),
    ("I will say that the vendor has been responsive.", N),
    ("I would say the risk is moderate.", N),
    ("I'd say we are about halfway there.", N),
    ("We'll see how the market reacts.", N),
    ("We will see what happens after the vote.", N),
    ("I'm going to assume the price is firm.", N),
    ("I'm going to assume you saw the memo.", N),
    ("I will assume the numbers are final unless I hear otherwise.", N),
    ("I think we should push the launch to May.", N),
    ("I think we should revisit the terms.", N),
    ("We should probably loop in legal.", N),
    ("It will be a busy week for the desk.", N),
    ("It will be interesting to see the final count.", N),
    ("We will need the signed copy before Friday.", N),
    ("We will need your approval to proceed.", N),
    ("I will need a copy of the invoice.", N),
    ("I will be on a plane most of Tuesday.", N),
    ("I will be in meetings all afternoon.", N),
    ("I'll be tied up until three.", N),
    ("I will be the point of contact while Mark is away.", N),
    ("I will be your contact for the transition.", N),
    ("The auditors will arrive on Monday.", N),
    ("The system will send a reminder every morning.", N),
    ("The portal will lock you out after three failed attempts.", N),
    ("The new process will require two approvals.", N),
    ("Accounting will process the refund next week.", N),
    ("John will send you the contract.", N),
    ("Legal will review the amendment.", N),
    ("Sarah is going to handle the onboarding.", N),
    ("The company plans to open two branches next year.", N),
    ("Enron intends to sell the plant by year end.", N),
    ("The board expects to vote in March.", N),
    ("If the deal closes, we will all be very busy.", N),
    ("If you have any questions, feel free to call me.", N),
    ("Let me know if the time works for you.", N),
    ("I wonder if you could send me the deck.", N),
    ("I was wondering whether you had a chance to look at it.", N),
    ("I'd appreciate it if you could review this by Friday.", N),
    ("I would be grateful for your comments.", N),
    ("I'll be grateful for any pointers.", N),
    ("I'm sure you will do a great job.", N),
    ("We will miss you around here.", N),
    ("I will miss the Friday lunches.", N),
    ("You will receive a confirmation email shortly.", N),
    ("You'll get the packet in the mail.", N),
    ("We will know more after the hearing.", N),
    ("I'll know more by Thursday.", N),
    ("We will probably have snow this weekend.", N),
    ("It is likely that prices will rise.", N),
    ("Prices will probably fall in the spring.", N),
    ("I'm looking forward to the conference.", N),
    ("I can't wait to see the final design.", N),
    ("I'd be happy to hear any feedback.", N),
    ("I'll be happy when this deal is closed.", N),
    ("I will be glad to see this behind us.", N),
    ("We are happy to report a strong quarter.", N),
    ("I'm excited to join the team.", N),
    ("I'm going to be out next week.", N),
    ("I'm going to be in Austin on Monday.", N),
    ("We're going to have a long day tomorrow.", N),
    ("We are going to need more staff.", N),
    ("I'm going to need your signature on page two.", N),
    ("I will have to think about it.", N),
    ("I'd hate to lose this client.", N),
    ("I'd rather not get involved.", N),
    ("I wish I could be there.", N),
    ("I would have called but the line was busy.", N),
    ("We would be interested to hear your view.", N),
    ("I would like to thank you for your patience.", N),
    ("I want to congratulate the team on the win.", N),
    ("I want to be clear about the scope.", N),
    ("I'd like to remind everyone that timesheets are due.", N),
    ("I want to remind you that the office is closed Monday.", N),
    ("I'd like to point out that the deadline moved.", N),
    ("I want to welcome Dana to the group.", N),
    ("We'd love to have you join us for dinner.", N),
    ("We'd love to see you at the holiday party.", N),
    ("I hope you can join us.", N),
    ("I hope you enjoy the rest of your vacation.", N),
    ("I hope all is well with you and the family.", N),
    ("Hopefully the weather holds for the golf outing.", N),
    ("Hopefully the market will turn.", N),
    ("We will be closed on Thanksgiving.", N),
    ("We will be moving offices in June.", N),
    ("Our office will be closed on the 4th.", N),
    ("The meeting will start at 9 sharp.", N),
    ("We will start promptly at ten.", N),
    ("Lunch will be provided.", N),
    ("We will have lunch at noon.", N),
    ("I will be working from home on Friday.", N),
    ("I'll be in the office early tomorrow.", N),
    ("I'm taking Friday off.", N),
    ("I'll be back on Monday.", N),
    ("I will return on the 15th.", N),
    ("I'll be out of pocket until Wednesday.", N),
    ("I'll be around all day if you need me.", N),
    ("I'll be at my desk until six.", N),
    ("I'll be reachable on my cell.", N),
    ("We'll be ready when you are.", N),
    ("I'll be ready to go by eight.", N),
    ("We will be fine.", N),
    ("We'll be OK on volume.", N),
    ("I'll be curious to see how it plays out.", N),
    ("I will be interested to hear what they say.", N),
    ("We will lose money on this trade.", N),
    ("I will probably be late to the call.", N),
    ("I may be a few minutes late.", N),
    ("I might be out on Friday.", N),
    ("I could be wrong about this.", N),
    ("I may have missed something.", N),
    ("We may need to reschedule.", N),
    ("We might need more time.", N),
    ("We could use some help with the filing.", N),
    ("We will be required to file by March.", N),
    ("I'll be forced to cancel if they don't pay.", N),
    ("Can I ask you to send me the latest version?", N),
    ("Would you mind if I called you tomorrow?", N),
    ("Should I send the file to Tom or to you?", N),
    ("Do you want me to forward it?", N),
    ("Just so you know, I will be taking vacation in July.", N),
    ("I would suggest that we wait.", N),
    ("I'd recommend we hold off.", N),
    ("I would think they'd agree.", N),
    ("I'll admit I was surprised.", N),
    ("I must say the results look good.", N),
    ("I have to say I'm impressed.", N),
    ("I'll tell you what, this market is crazy.", N),
    ("I'll bet they call back tomorrow.", N),
    ("I'll keep you in my thoughts.", N),
    ("I'm going to miss working with you.", N),
    ("We will be sorry to see you go.", N),
    ("I hope to see you at the reception.", N),
    ("I hope to hear from you soon.", N),
    ("We hope to hear back by Friday.", N),
    ("We look forward to your reply.", N),
    ("I want to hear what you think.", N),
    ("I want to know who approved this.", N),
    ("I'd like you to meet our new analyst.", N),
    ("I'd like you to review the draft.", N),
    ("I need you to sign the form.", N),
    ("We expect the rates to rise.", N),
    ("We expect prices to stabilize by summer.", N),
    ("We anticipate strong demand this winter.", N),
    ("I expect to be in Houston next week.", N),
    ("I think it will be fine.", N),
    ("I think we will be OK.", N),
    ("I think we'll be in good shape.", N),
    ("I'm afraid I'll be late.", N),
    ("I'll send the revised schedule tonight.", C),
    ("We will fix the billing error this week.", C),
    ("I'll call you after the board meeting.", C),
    ("I'll try to get it to you by noon.", B),
    ("I hope to finish the draft by Friday.", G),
    ("I'd like to visit the plant next month.", G),
    ("I plan to review the contracts this weekend.", G),
    ("We want to get this signed before year end.", G),
    ("Please let me know if I can be of further assistance.", N),
    ("If I can be of any help, please give me a call.", N),
    ("Let me know if there is anything else I can do.", N),
    ("Let me know if you need anything else from me.", N),
    ("Please call me if I can help in any way.", N),
    ("Per Mike, we will receive the gas on the 3rd.", N),
    ("According to Tom, we will get the final numbers Tuesday.", N),
    ("As I understand it, we will be paid in full.", N),
    ("My understanding is that we will close on Friday.", N),
    ("I was told that we will be moving to the 40th floor.", N),
    ("I am told we will get an answer next week.", N),
    ("It sounds like we will be fine on capacity.", N),
    ("It looks like we'll have a late night.", N),
    ("It appears we will be short on the position.", N),
    ("We will continue to be the primary supplier.", N),
    ("We will remain the operator of the pipeline.", N),
    ("We'll be the first to market.", N),
    ("We will be the largest shipper on the line.", N),
    ("Under the new rules, we will be able to trade power in Ohio.", N),
    ("Next year we will have three new analysts on the desk.", N),
    ("We will have a new VP starting in March.", N),
    ("We'll have plenty of gas for the winter.", N),
    ("We will be short 5,000 a day.", N),
    ("We will be long going into the weekend.", N),
    ("I'll be long the spread until expiry.", N),
    ("We'll be in the same boat as everyone else.", N),
    ("I will be the one presenting on Thursday.", N),
    ("I'll be the first to admit it was a mistake.", N),
    ("I'd be the last person to complain.", N),
    ("I'll never understand why they changed it.", N),
    ("I'll never forget that trip.", N),
    ("I will always remember your kindness.", N),
    ("I'll be thinking of you and your family.", N),
    ("We'll be praying for a quick recovery.", N),
    ("We will keep you in our prayers.", N),
    ("I'm confident we'll get there.", N),
    ("I'm sure it will all work out.", N),
    ("I'm sure I'll see you at the conference.", N),
    ("Guess we'll see what happens.", N),
    ("I suppose we'll have to wait.", N),
    ("We'll just have to wait and see.", N),
    ("I'll wait for your call.", N),
    ("I'll await your instructions.", N),
    ("I will await further word from legal.", N),
    ("I will look for your email.", N),
    ("I'll keep my fingers crossed for you.", N),
    ("I'll leave that to you and Sally.", N),
    ("I'll let you be the judge.", N),
    ("I'll let you two work out the details.", N),
    ("We'll leave it at that.", N),
    ("I'll let you get back to work.", N),
    ("I'll let you go now.", N),
    ("I will end by saying thank you.", N),
    ("I'll start with the good news.", N),
    ("I'll get straight to the point.", N),
    ("I'll cut to the chase.", N),
    ("I'll keep it brief.", N),
    ("To make a long story short, we lost the bid.", N),
    ("I'll put it this way: the deal is dead.", N),
    ("I'll give you an example.", N),
    ("I'll have you know that we met the target.", N),
    ("We'll have a great time.", N),
    ("We will have fun.", N),
    ("I'll enjoy the break.", N),
    ("I'll sleep better tonight.", N),
    ("We'll all breathe easier once this closes.", N),
    ("We will all benefit from the new system.", N),
    ("We will be better off without them.", N),
    ("We'll be busy all week with the audit.", N),
    ("I will be busy with year-end.", N),
    ("I will be swamped next week.", N),
    ("We'll be short-staffed on Friday.", N),
    ("I'm going to be late tomorrow.", N),
    ("I'm going to be tied up most of the day.", N),
    ("I'm going to be out of the country.", N),
    ("I'm going to have to pass on the dinner.", N),
    ("I'm going to have to decline.", N),
    ("I'll have to pass this time.", N),
    ("I'll have to miss the meeting.", N),
    ("I will have to skip lunch today.", N),
    ("I won't be in tomorrow.", N),
    ("I can't make it to the dinner.", N),
    ("I couldn't agree more.", N),
    ("I could not have said it better.", N),
    ("I can tell you that the team is frustrated.", N),
    ("I can assure you that this was not intended.", N),
    ("I can confirm that the wire went out.", N),
    ("I can only imagine how busy you are.", N),
    ("I can see why they want it.", N),
    ("We can all agree this is overdue.", N),
    ("We can be reached at the numbers below.", N),
    ("I can be reached at 713-555-0101.", N),
    ("We can't control the weather.", N),
    ("We can expect delays on the pipeline.", N),
    ("We can expect another price hike.", N),
    ("We may see higher volumes in May.", N),
    ("We could see some volatility.", N),
    ("We could end up paying twice.", N),
    ("I might be persuaded to change my mind.", N),
    ("I may be reached by cell.", N),
    ("I may be wrong.", N),
    ("You might want to check with Jane.", N),
    ("You may want to call him first.", N),
    ("It might be worth a call.", N),
    ("It would be great to see you.", N),
    ("It would be nice to get this wrapped up.", N),
    ("It would be helpful to have the list.", N),
    ("It will take a few days to process.", N),
    ("It will be ready on Thursday.", N),
    ("It'll be tight but doable.", N),
    ("This will be my last day at Enron.", N),
    ("This will be a good test of the system.", N),
    ("There will be a short meeting at noon.", N),
    ("There'll be cake in the break room.", N),
    ("That will be fine with me.", N),
    ("That would be great.", N),
    ("That should work.", N),
    ("That'll do it.", N),
    ("We would like to invite you to our open house.", N),
    ("We'd like to welcome our new interns.", N),
    ("We would like to extend our thanks to the whole crew.", N),
    ("We would like to take this opportunity to thank our customers.", N),
    ("I'd like to take a minute to recognize Lisa's work.", N),
    ("I'd like to know what you think.", N),
    ("I'd like to know where we stand on the audit.", N),
    ("I would like to hear from anyone who attended.", N),
    ("I'd like to get your input before Friday.", N),
    ("I'd like to have your feedback by noon.", N),
    ("I would like your approval on the budget.", N),
    ("I would like a copy of the final contract.", N),
    ("We'd like everyone to attend the safety briefing.", N),
    ("I'd like for you to take a look at this.", N),
    ("I would love for you to come to the party.", N),
    ("I'd love it if you could make it.", N),
    ("We hope you will join us for the celebration.", N),
    ("We hope you can attend.", N),
    ("We hope to see many of you there.", N),
    ("I hope you're right.", N),
    ("I hope that helps.", N),
    ("I hope this clarifies things.", N),
    ("I hope I answered your question.", N),
    ("I hope we win the bid.", N),
    ("I hope we can close this soon.", G),
    ("I hope it doesn't rain on Saturday.", N),
    ("We plan to have a party for Ann on Friday.", N),
    ("We plan to hold the offsite in Galveston.", N),
    ("We are planning a luncheon for the retirees.", N),
    ("I'm hoping you can help me with this.", N),
    ("I'm hoping to hear from them today.", N),
    ("I'm looking to you for guidance.", N),
    ("I want you to be aware of the change.", N),
    ("I wanted to let you know about the outage.", N),
    ("I just wanted to say thanks.", N),
    ("I wanted to follow up on my earlier note.", N),
    ("I want to give you a heads up about the audit.", N),
    ("I want to update you on the Dabhol situation.", N),
    ("I want to let everyone know that the wiring is done.", N),
    ("I'd like to introduce our new controller.", N),
    ("I would like to share a few thoughts.", N),
    ("I'd like to clarify one point.", N),
    ("I'd like to propose a toast.", N),
    ("I'd like to apologize for the delay.", N),
    ("I want to apologize for my tone yesterday.", N),
    ("I can't thank you enough.", N),
    ("I can only say that we did our best.", N),
    ("I can say with confidence that the numbers are right.", N),
    ("I can tell you're busy.", N),
    ("I can understand your frustration.", N),
    ("I can appreciate the concern.", N),
    ("I can be contacted at home this weekend.", N),
    ("I can be of help if needed.", N),
    ("If I can be of help, let me know.", N),
    ("Anything I can do, just ask.", N),
    ("Call me if I can do anything.", N),
    ("We can talk about it at lunch if you like.", G),
    ("We can chat when you get back.", G),
    ("I could see that happening.", N),
    ("I could tell he was upset.", N),
    ("I could use a vacation.", N),
    ("We could all use a break.", N),
    ("I could have sworn I sent it.", N),
    ("I might be able to make the dinner.", G),
    ("I may be able to join you for lunch.", G),
    ("I might join you for a drink after work.", G),
    ("I might stop by the party later.", G),
    ("I may come by around four.", G),
    ("I might swing by if I'm in the area.", G),
    ("We might have lunch on Friday.", N),
    ("I may be in Houston next week.", N),
    ("I might be in the office on Saturday.", N),
    ("We may be moving to a new building.", N),
    ("We may be getting a new manager.", N),
    ("We might be short on staff next week.", N),
    ("I may have a conflict that day.", N),
    ("I may need your help with the filing.", N),
    ("I might need a ride to the airport.", N),
    ("I would think so.", N),
    ("I would hope so.", N),
    ("I would imagine it will be approved.", N),
    ("I'd guess about twenty people.", N),
    ("I would expect a response by Monday.", N),
    ("I'd expect the price to drop.", N),
    ("We would expect some pushback from the state.", N),
    ("I should think so.", N),
    ("I should hope not.", N),
    ("I should be in the office all week.", N),
    ("I should be back by noon.", N),
    ("I should be home by six.", N),
    ("I should be fine.", N),
    ("We should be OK on the deadline.", N),
    ("We should be hearing from them soon.", N),
    ("We should see the money next week.", N),
    ("We should get the results Monday.", N),
    ("We should know by Friday.", N),
    ("We should have a decision by the end of the month.", N),
    ("We should probably talk.", N),
    ("We should do lunch.", N),
    ("We should discuss this at the staff meeting.", N),
    ("You should hear from me by Friday.", N),
    ("You should receive it today.", N),
    ("You will hear from Jeff shortly.", N),
    ("I'd be surprised if they signed.", N),
    ("I'd be lying if I said I wasn't worried.", N),
    ("I would be remiss if I didn't thank Steve.", N),
    ("I'd be glad to know your thoughts.", N),
    ("I would be delighted to attend.", G),
    ("I'd be honored to speak at the dinner.", N),
    ("I'd be thrilled to see it happen.", N),
    ("We'd be thrilled to have you.", N),
    ("We would be pleased to have you as a guest.", N),
    ("I will be honored to serve on the committee.", N),
    ("We will be pleased to welcome you.", N),
    ("I can have the report to you by Monday.", B),
    ("I should be able to send it tomorrow.", B),
    ("We can ship the parts this week.", B),
    ("I'd be happy to send you a copy.", C),
    ("I'd like to stop by your office next week to go over the plan.", G),
    ("We hope to have the new rates posted by Friday.", G),
    ("I might be able to get you the numbers today.", G),
    ("If the bill passes, we will have to restructure the contract.", G),
    ("If prices keep rising, we will lose the customer.", N),
    ("If they default, we will be exposed on the whole position.", N),
    ("Unless the court rules otherwise, we will be bound by the award.", N),
    ("Once the form is submitted, it will be reviewed by HR.", N),
    ("After the merger, we will be the largest utility in the state.", N),
    ("With this change, we will be in compliance with the new rules.", N),
    ("Under this structure, we will own the assets outright.", N),
    ("In that case we would be liable for the difference.", N),
    ("That way we won't have to pay the penalty.", N),
    ("Otherwise we will be stuck with the gas.", N),
    ("At that price, we will make a nice profit.", N),
    ("By then, we will be well into the summer.", N),
    ("By the time you read this, I will be on a plane.", N),
    ("When you get back, I will be on vacation.", N),
    ("Next week I will be covering for Mary.", N),
    ("I will be filling in for Bob while he is out.", N),
    ("I will be your new account manager.", N),
    ("I will be taking over the trading book.", N),
    ("I will be leaving Enron at the end of the month.", N),
    ("I'm leaving the company on Friday.", N),
    ("I will be retiring in June.", N),
    ("We will be closing the office early on Friday.", N),
    ("We will be unable to process refunds this week.", N),
    ("We will not be accepting new orders until Monday.", N),
    ("I won't be able to make it.", N),
    ("We won't know until next week.", N),
    ("I won't hold my breath.", N),
    ("Frankly, I will be relieved when this is over.", N),
    ("Honestly, I'd rather not.", N),
    ("Rumor has it we will be acquired.", N),
    ("Word is we'll get our bonuses in March.", N),
    ("Apparently we will be moving to the new floor.", N),
    ("Supposedly we will get a raise this year.", N),
    ("Evidently we'll be working Saturday.", N),
    ("The plan is that we will go live in May.", N),
    ("The idea is that we will split the costs.", N),
    ("The expectation is that we will hit the target.", N),
    ("The goal is for us to close by the 15th.", N),
    ("Management has decided we will freeze hiring.", N),
    ("The board has decided that we will sell the unit.", N),
    ("It has been decided that we will move to Dallas.", N),
    ("The bank says we will get the loan.", N),
    ("Their lawyer claims we will owe them money.", N),
    ("Jim thinks we will need another week.", N),
    ("Sue expects we will close on Tuesday.", N),
    ("Mark said he would call you.", N),
    ("Mark says he'll handle the paperwork.", N),
    ("The vendor will install the software next week.", N),
    ("Our lawyers will draft the agreement.", N),
    ("Our team will be in touch.", N),
    ("Someone from IT will contact you.", N),
    ("A representative will call you within two days.", N),
    ("Your order will ship in five to seven days.", N),
    ("The funds will be wired on Monday.", N),
    ("The report will be distributed next week.", N),
    ("The new policy will take effect on January 1.", N),
    ("All employees will receive a bonus.", N),
    ("Everyone will get a copy of the handbook.", N),
    ("Each of us will have a role to play.", N),
    ("All of us will miss her.", N),
    ("None of us will be at the game.", N),
    ("Some of us will be working late.", N),
    ("Those of us in Houston will be affected.", N),
    ("Many of us will be traveling.", N),
    ("I was wondering if we could meet next week.", N),
    ("I wonder if I could ask you a favor.", N),
    ("Would it be possible for me to get a copy?", N),
    ("Is there any way I could get the numbers today.", N),
    ("I'd appreciate it if you could let me know by Friday.", N),
    ("I'd be grateful if you could forward this to Tom.", N),
    ("I would be interested in your thoughts.", N),
    ("I'll need to know by Friday whether you can make it.", N),
    ("I'll need your answer by noon.", N),
    ("We'll need a decision by Monday.", N),
    ("I'd need to see the contract first.", N),
    ("I'll have to check with Sally and get back to you.", G),
    ("I should be able to make the meeting.", B),
    ("I should be able to attend.", B),
    ("I'll try to make the meeting.", B),
    ("I'll try to be there by nine.", B),
    ("I'll try to stop by.", B),
    ("I'll do my best to attend.", B),
    ("I can make the 10 o'clock.", N),
    ("I can be there by noon.", N),
    ("I can come in early tomorrow.", N),
    ("I can meet any time after two.", N),
    ("We can meet in my office.", G),
    ("I can't promise anything.", N),
    ("I can live with that.", N),
    ("I can see you at three.", N),
    ("I can talk now if you are free.", N),
    ("I'll be able to make the party after all.", B),
    ("I'll be able to attend the board meeting.", B),
    ("I will be able to join you on the call.", B),
    ("I'll be able to see you on Tuesday.", N),
    ("I will probably be able to make it.", G),
    ("Hopefully I'll be able to make the dinner.", G),
    ("Hopefully I can make it to the game.", N),
    ("Hopefully we can meet next week.", N),
    ("Hopefully I'll see you at the party.", N),
    ("Hopefully we will have good weather.", N),
    ("Hopefully I will be back by Thursday.", N),
    ("I hope to be back in the office on Monday.", N),
    ("I hope to be in Houston by Friday.", N),
    ("I hope to make the meeting.", G),
    ("I'd like to attend the conference.", G),
    ("I would like to be there.", N),
    ("I plan to be in the office tomorrow.", N),
    ("I plan on being at the offsite.", N),
    ("I plan to take Friday off.", G),
    ("I plan to attend the seminar.", G),
    ("I'm planning to be in London next week.", N),
    ("I'm planning to take a few days off.", G),
    ("We are planning to move in March.", G),
    ("We plan to relocate the office in the spring.", G),
    ("We intend to be in full compliance by June.", N),
    ("We expect to be fully staffed by summer.", N),
    ("We hope to be up and running by May.", N),
    ("We'd like to be the first to market.", N),
    ("We want to be your energy provider.", N),
    ("We want to be the best in the business.", N),
    ("I want to be kept in the loop.", N),
    ("I want to be included on the distribution list.", N),
    ("I'd like to be copied on the response.", N),
    ("I'd like to be notified when it ships.", N),
    ("I would like to be considered for the position.", N),
    ("I'd like to be put on the list.", N),
    ("I'd love to be a part of it.", N),
    ("I would love to get together for lunch sometime.", G),
    ("I'd love to catch up over coffee.", G),
    ("We should get together soon.", N),
    ("We'd love to have you over.", N),
    ("We'll go from there.", N),
    ("We'll take it from there.", C),
    ("We'll play it by ear.", N),
    ("I'll defer to Legal on the wording.", N),
    ("I'll leave the decision to you.", N),
    ("I'll follow your lead.", N),
    ("I'll go along with whatever you decide.", N),
    ("I'll take it under advisement.", N),
    ("I'll go with your recommendation.", N),
    ("We'll go with the second option.", N),
    ("I'll go with that.", N),
    ("I'll live.", N),
    ("I'll survive.", N),
    ("We'll manage.", N),
    ("I'll get over it.", N),
    ("We'll make do with what we have.", N),
    ("We'll get through this.", N),
    ("I'll let it slide this time.", N),
    ("I'll be fine.", N),
    ("I'll be OK.", N),
    ("I will stand by my numbers.", N),
    ("I'll stick with the original plan.", N),
    ("I'll stay out of it.", N),
    ("I'll stay out of your way.", N),
    ("I'll take my chances.", N),
    ("I'll take the risk.", N),
    ("We'll know soon enough.", N),
    ("I will be in your debt.", N),
    ("I'll owe you one.", N),
    ("I'll be the judge of that.", N),
    ("I will be brief.", N),
    ("I'll be quick.", N),
    ("I'll be blunt.", N),
    ("I'll be straight with you.", N),
    ("I will be candid.", N),
    ("I'll be frank.", N),
    ("I will be the first to say it.", N),
    ("I'll wait and see.", N),
    ("I'll take a pass.", N),
    ("We'll pass on this one.", N),
    ("I'll sit this one out.", N),
    ("I'll hold off for now.", C),
    ("We will hold off until we hear from them.", C),
    ("I'll hold off on sending it until Monday.", C),
    ("We will wait until the market settles.", N),
    ("I'll wait until I hear from Mark.", N),
    ("I'll wait for the final numbers before I decide.", N),
    ("We'll sleep on it.", N),
    ("I'll think it over.", N),
    ("I'll give it some thought.", N),
    ("We'll think about it and let you know.", N),
    ("I'll mull it over.", N),
    ("We plan to implement the new billing system in the third quarter.", G),
    ("We plan to roll out the new intranet next month.", G),
    ("We hope to launch the product in the fall.", G),
    ("We expect to migrate all users by June.", G),
    ("We intend to consolidate the two offices.", G),
    ("We may upgrade the servers over the holiday.", G),
    ("We might relocate the call center to Omaha.", G),
    ("The company hopes to go public next year.", N),
    ("We hope to have the system up and running by Monday.", G),
    ("We would like to remind all employees that badges must be worn.", N),
    ("We would like to inform you that your account has been closed.", N),
    ("We'd like to announce the winners of the raffle.", N),
    ("We want to make you aware of a scam going around.", N),
    ("We would like to offer you a free subscription.", N),
    ("We would like to welcome you to our community.", N),
    ("We hope you enjoy your new account.", N),
    ("We hope this information is helpful.", N),
    ("We hope to serve you again soon.", N),
    ("We look forward to serving you.", N),
    ("We may ask you to provide proof of purchase.", N),
    ("We might ask you to verify your identity.", N),
    ("We may share your data with our partners.", N),
    ("We reserve the right to cancel the order.", N),
    ("I probably won't be there.", N),
    ("I probably should have called first.", N),
    ("I probably would have done the same.", N),
    ("Probably not.", N),
    ("Maybe next time.", N),
    ("Maybe some other time.", N),
    ("Perhaps another day.", N),
    ("Perhaps I was unclear.", N),
    ("Maybe I missed something.", N),
    ("Maybe I'm wrong.", N),
    ("Maybe I'm just tired.", N),
    ("Possibly I misread the schedule.", N),
    ("Hopefully that makes sense.", N),
    ("Hopefully you're feeling better.", N),
    ("Hopefully the rest of the week is quieter.", N),
    ("Hopefully I'm not too late.", N),
    ("I think I'm coming down with something.", N),
    ("I think I'll pass.", N),
    ("I think I'll sit this one out.", N),
    ("I think we're done here.", N),
    ("I think we'll be fine.", N),
    ("I think we are in good shape.", N),
    ("I think I can see the problem.", N),
    ("I think we can all agree on that.", N),
    ("I suppose I could live with that.", N),
    ("I imagine we'll hear something soon.", N),
    ("I'd imagine they'll want a discount.", N),
    ("Perhaps you could send me the file.", N),
    ("Maybe you could ask Jeff.", N),
    ("Maybe we should ask Legal.", N),
    ("Perhaps we should wait.", N),
    ("Maybe we should reschedule.", N),
    ("Perhaps it would be better to wait.", N),
    ("It might be better if we waited.", N),
    ("It may be worth asking Mark.", N),
    ("I could be persuaded.", N),
    ("I could care less.", N),
    ("I could not find the file.", N),
    ("I could hardly believe it.", N),
    ("I might add that we were right.", N),
    ("I might mention that the deal is off.", N),
    ("I may be in the minority here.", N),
    ("I might be interested.", N),
    ("I may have to leave early.", G),
    ("I might have to cancel.", G),
    ("I'd hope they would call first.", N),
    ("I'd want to see the numbers first.", N),
    ("I would want to know more.", N),
    ("We'd want to see a signed copy.", N),
    ("I want to believe them.", N),
    ("I want to be sure I understand.", G),
    ("I want to get this right.", G),
    ("We want to get this right.", G),
    ("I want to avoid any confusion.", G),
    ("We want to avoid a lawsuit.", G),
    ("I'd like to avoid that if possible.", G),
    ("I'd like to think we've learned our lesson.", N),
    ("I'd like to believe that's true.", N),
    ("We want you to be happy.", N),
    ("I'd love to know how you did that.", N),
    ("I'd love to see the look on his face.", N),
    ("I'd love to be a fly on the wall.", N),
    ("We can save you up to 30 percent on your energy bill.", N),
    ("We can beat any competitor's price.", N),
    ("We can help your business grow.", N),
    ("We can deliver anywhere in the country.", N),
    ("We can handle orders of any size.", N),
    ("I can work with that.", N),
    ("I can go with either option.", N),
    ("I can go either way on this.", N),
    ("I can do either.", N),
    ("I can take it or leave it.", N),
    ("I can agree to those terms.", N),
    ("I can accept that.", N),
    ("We can accept the revised terms.", N),
    ("We can live with a two-week delay.", N),
    ("We can work around it.", N),
    ("We can get by without it.", N),
    ("I can wait until Monday.", N),
    ("I can manage without it.", N),
    ("I can be flexible on the date.", N),
    ("I can be available after four.", N),
    ("I can see both sides.", N),
    ("I can vouch for him.", N),
    ("I can speak from experience.", N),
    ("I can relate to that.", N),
    ("I can sympathize.", N),
    ("I can take a hint.", N),
    ("I can read between the lines.", N),
    ("I can feel it in my bones.", N),
    ("I can still remember the first trade.", N),
    ("We can all learn from this.", N),
    ("We can agree to disagree.", N),
    ("We can call it a day.", N),
    ("We can't afford another delay.", N),
    ("As you can see, the numbers are up.", N),
    ("If we can close by Friday, that would be great.", N),
    ("The sooner we can start, the better.", N),
    ("I'd be happy if we can close this week.", N),
    ("The best I can tell, the deal is fine.", N),
    ("As far as I can tell, nothing has changed.", N),
    ("From what I can see, the model is sound.", N),
    ("I can send you the file tonight.", B),
    ("We can ship the parts Monday.", B),
    ("I can call him tomorrow if you want.", B),
    ("I told Mark I would send him the file.", N),
    ("I promised Sally I would call her back.", N),
    ("I said I'd help them move.", N),
    ("I thought I would have it done by now.", N),
    ("I thought we would be finished by June.", N),
    ("I figured I'd be home by now.", N),
    ("I knew we would win.", N),
    ("I never thought I'd say this.", N),
    ("I didn't think we'd get this far.", N),
    ("Last week I said I would look into it, and I did.", N),
    ("I was going to call you but got busy.", N),
    ("We were going to meet on Friday but it got cancelled.", N),
    ("I had planned to attend but something came up.", N),
    ("I had hoped to finish it last week.", N),
    ("I meant to send this yesterday.", N),
    ("I was supposed to be in Denver today.", N),
    ("We were supposed to close last month.", N),
    ("I should have sent it sooner.", N),
    ("We could have done better.", N),
    ("I would have liked to be there.", N),
    ("I'd have called if I'd known.", N),
    ("If I had known, I would have called.", N),
    ("If I were in your shoes, I'd take the deal.", N),
    ("If it were up to me, we would sign today.", N),
    ("If I had the money, I would buy the whole lot.", N),
    ("Were I in charge, I'd fire them all.", N),
    ("In your position, I would wait.", N),
    ("I'd go with the cheaper option.", N),
    ("I would not worry about it.", N),
    ("I wouldn't bother.", N),
    ("I'd be careful with that.", N),
    ("I would be wary of that offer.", N),
    ("I'd think twice about it.", N),
    ("I would recommend waiting.", N),
    ("If you want my opinion, I'd hold off.", N),
    ("Between you and me, I'd sell.", N),
    ("I would do the same.", N),
    ("I'd do it again in a heartbeat.", N),
    ("We would do it differently next time.", N),
    ("Next time I'll know better.", N),
    ("We will learn from this.", N),
    ("We will never forget your help.", N),
    ("That is what I will tell the board if asked.", N),
    ("What I'll say is that the numbers are soft.", N),
    ("All I will say is good luck.", N),
    ("The question is whether we will make the deadline.", N),
    ("Whether we will get the permit is unclear.", N),
    ("It is unclear when we will hear back.", N),
    ("It remains to be seen whether we will win.", N),
    ("There's no telling when we'll get paid.", N),
    ("Nobody knows if we will make it.", N),
    ("i hope you had a good weekend", N),
    ("Id love to hear your thoughts", N),
    ("Ill be honest, I did not like it.", N),
    ("i'll be out of the office tomorrow", N),
    ("im going to assume you got it", N),
    ("Im sure it will be fine", N),
    ("Ill be in Houston on Monday", N),
    ("Id like to thank everyone who helped", N),
    ("ill see you there", N),
    ("we'll see", N),
    ("Well see what happens.", N),
    ("Hope you are doing well.", N),
    ("Hope you had a great trip.", N),
    ("Hoping for the best.", N),
    ("Looking forward to seeing you.", N),
    ("Looking forward to it.", N),
    ("Will be out Monday.", N),
    ("Will be in the office late tomorrow.", N),
    ("Will be glad to hear from you.", N),
    ("Would love to hear your thoughts.", N),
    ("Would like to thank you again.", N),
    ("Would be great to see you.", N),
    ("Gonna be a long week.", N),
    ("Going to be tight.", N),
    ("Should be fun.", N),
    ("Should be interesting.", N),
    ("Will be interesting to see what they do.", N),
    ("Might be too late.", N),
    ("Can't wait.", N),
    ("Can't complain.", N),
    ("Need your input on this.", N),
    ("Need to talk to you.", N),
    ("Just wanted to let you know.", N),
    ("Just want to say thanks.", N),
    ("Thought you'd want to see this.", N),
    ("Thought I'd pass this along for your info.", N),
    ("Figured you'd want to know.", N),
    ("Will be exciting to see the results.", N),
    ("Should be challenging but doable.", N),
    ("We'll be fine, though the week will be exhausting.", N),
    ("I'll be sending the interesting parts to you tonight.", C),
    ("Act now and we will waive the setup fee.", N),
    ("Order today and we'll include a free gift.", N),
    ("Sign up now and we will send you a free trial.", N),
    ("Click here and we'll show you how to save.", N),
    ("Call now and we will match any price.", N),
    ("We will match any competitor's price.", N),
    ("We will beat any advertised rate.", N),
    ("We will never share your email address.", N),
    ("We will never ask for your password.", N),
    ("We will not sell your information to third parties.", N),
    ("We will process your request within 10 business days.", C),
    ("We will review your application and contact you if selected.", C),
    ("Your call will be answered in the order it was received.", N),
    ("We will be happy to answer any questions you may have.", C),
    ("If you wish to unsubscribe, we will remove you from our list.", C),
    ("Reply STOP and we will remove your number.", N),
    ("Join today and we'll give you 500 bonus points.", N),
    ("Let us help you find the perfect home.", N),
    ("We guarantee the lowest prices in town.", N),
    ("Send me the file and I'll review it today.", C),
    ("Call me and I'll walk you through it.", C),
    ("Order the parts and we'll ship them next week.", C),
    ("Reply to this note and I will add you to the list.", C),
    ("I'd like to stay in touch.", N),
    ("I hope to keep in touch.", N),
    ("I hope to work with you again.", N),
    ("I hope to continue working with you.", N),
    ("We hope to continue our relationship with your firm.", N),
    ("We hope to do business with you again.", N),
    ("We want to continue to be your supplier.", N),
    ("I would like to remain on the distribution list.", N),
    ("I hope to be of service.", N),
    ("I hope to be of some help.", N),
    ("We hope to earn your business.", N),
    ("We would like to earn your trust.", N),
    ("I'd like to get to know you better.", N),
    ("I'd like to see you succeed.", N),
    ("I want to see this deal close.", N),
    ("I want this to work.", N),
    ("I want you to succeed.", N),
    ("I wanna say thanks.", N),
    ("I'm hoping for good news.", N),
    ("We're hoping for a mild winter.", N),
    ("I'm hoping this is the last revision.", N),
    ("I'm hoping it's not too late.", N),
    ("We are hoping the market recovers.", N),
    ("I intend to be brief.", N),
    ("I plan to be brief.", N),
    ("I'd like to be brief.", N),
    ("I want to keep this short.", N),
    ("I'll try to keep this short.", N),
    ("I'll try to be brief.", N),
    ("I'd like to go but I have a conflict.", N),
    ("I wanted to help but couldn't.", N),
    ("I'd do it myself if I had the time.", N),
    ("I'd call him but I don't have his number.", N),
    ("I hope to work with you on the pricing next week.", G),
    ("We'd like to continue the review on Monday.", G),
    ("I'll try to keep the costs down.", B),
    ("I'll tell you what I hear from them.", C),
    ("I'll work with that team to fix it.", C),
    ("I'll get through this list tonight.", C),
    ("We'll stick to the agreed price.", C),
    ("I'll let it go out with Monday's batch.", C),
    ("We'll stick with the original plan.", N),
    ("We'll get through this week and regroup on Monday.", N),
    ("Per Friday's call, I will send the revised numbers.", C),
    ("Per request, we will ship the samples on Monday.", C),
    ("Per your instructions, I'll wire the funds today.", C),
    ("As per yesterday's discussion, we will cover the freight.", C),
    ("Per Legal, we will need two signatures.", N),
    ("According to the vendor, we will get the parts Tuesday.", N),
    ("Call me today and we'll go over the numbers.", C),
    ("I'll give you an example contract by Friday.", C),
    ("I'll pass your comments along to Jim.", C),
    ("I will pass this on to the team.", C),
    ("I'll start with the Houston contracts tomorrow.", C),
    ("I'll get the contract to you by noon.", C),
    ("I'll put it in the mail today.", C),
    ("I'll give you a call this afternoon.", C),
    ("I'll tell you more when we meet.", C),
    ("I'll have you added to the list.", C),
    ("We will continue to monitor the situation and update you daily.", C),
    ("I'll stand by the phone until you call.", N),
    ("I'll follow up with Legal.", C),
    ("I'll leave the decision memo on your desk.", C),
    ("I'll give it to Mark tomorrow.", C),
    ("I'll call it in tomorrow morning.", C),
    ("I'll make sure it gets done.", C),
    ("I'll take care of the invoices.", C),
    ("Per Sally's note, I'll send the invoice today.", C),
    ("We will own the follow-up with the customer.", C),
    ("I can accept the delivery for you on Monday.", B),
    ("I can handle the setup if you like.", B),
    ("We can work with your team to fix the error.", B),
    ("I hope to continue the review next week.", G),
    ("We plan to hold off on the announcement until Monday.", G),
    ("We can expect the delivery on Monday.", N),
]


@pytest.mark.parametrize(("sentence", "expected"), BUSINESS_MAIL)
def test_business_email_of_every_kind_reads_as_the_guide_says(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Happy to walk you through the dashboard whenever suits.", C),
        ("Happy to help.", C),
        ("Glad to help with anything else you need.", C),
        ("Happy to discuss further.", C),
        ("Happy to jump on a call if easier.", C),
        ("Thanks, happy to resend the invoice.", C),
        ("Pleased to meet you.", N),
        ("Glad to hear it.", N),
        ("I'm happy to report that we closed the deal.", N),
        ("I'm pleased to announce that Maria has joined the team.", N),
        ("I am delighted to inform you that your application was approved.", N),
        ("We are pleased to confirm that your order has shipped.", N),
        ("I'm glad to say the issue has been fixed.", N),
        ("Happy to report the upgrade went smoothly.", N),
        ("I would be happy to confirm the figures once I have them.", C),
    ],
)
def test_a_notes_happy_to_offers_an_action_happy_to_announce_is_said_by_saying_it(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("All being well, I'll have the report to you on Friday.", G),
        ("All going well, I'll send the report tomorrow.", G),
        ("All things being equal, I'll deliver the draft next week.", G),
        ("With a bit of luck I'll have it done tonight.", G),
        ("If things go smoothly, we'll deliver on Monday.", G),
        ("Touch wood, I'll have the contract signed by Friday.", G),
        ("If everything goes according to plan, I'll call you from the site.", G),
        ("I'll make sure everything goes to plan.", C),
    ],
)
def test_more_ways_of_saying_if_all_goes_well_hedge_to_a_good_intention(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I could do Tuesday or Wednesday.", N),
        ("I could do Monday afternoon.", N),
        ("I could make Thursday at 3.", N),
        ("I could make the changes tonight.", G),
        ("We ought to be able to finish it this week.", B),
        ("I ought to be able to get it done today.", B),
        ("I ought to have the figures by Friday.", B),
        ("We ought to talk.", N),
        ("It would be great to get together before the end of the year.", G),
        ("It would be good to get started on this soon.", G),
        ("It would be helpful to get your comments by Friday.", N),
    ],
)
def test_could_do_a_time_ought_to_be_able_and_getting_together_read_as_their_kin(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We will do everything we can to resolve this.", B),
        ("I will do all I can to help.", B),
        ("I'll do all that we possibly can to get it there by Monday.", B),
        ("I will tell you everything I can say about it.", C),
        ("All we can do is wait.", N),
        ("I'd like to think we can close by Friday.", G),
        ("We would like to think we will finish by May.", G),
    ],
)
def test_everything_we_can_is_an_effort_id_like_to_think_a_hope(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "I will send it as soon as I possibly can.",
        "I will do whatever I possibly can.",
        "We'll get it there as quickly as we possibly can.",
    ],
)
def test_possibly_can_stresses_an_effort_and_doubts_nothing(sentence: str) -> None:
    assert strength(sentence) is B


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I should be in a position to confirm by Friday.", B),
        ("I'll be in a position to send the quote next week.", B),
        ("I may be in a position to help.", G),
        ("I'd be in a position to help if the budget is approved.", G),
        ("We will be in a position to offer lower prices next year.", N),
        ("We are not in a position to offer a discount at this time.", N),
        ("I will be in a meeting all day.", N),
    ],
)
def test_in_a_position_to_reads_as_able_to(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Got it, will do.", C),
        ("Noted, will update the file tonight.", C),
        ("Understood, will send the revised version.", C),
        ("No problem, will resend it now.", C),
        ("Sounds good, will book the room.", C),
        ("Of course, happy to help.", C),
        ("Great, will try to get it done today.", B),
        ("Let me have a look.", C),
        ("Let me have a think and come back to you.", C),
        ("Let me have your comments by Friday.", N),
        ("I'll have a go at the first draft.", B),
        ("I'll have a crack at it over the weekend.", B),
        ("We'll give it a go next week.", B),
    ],
)
def test_a_note_after_an_acknowledgement_and_having_a_go_read_as_their_kin(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll be working on it all weekend.", C),
        ("I'm going to be working on your proposal tomorrow.", C),
        ("We'll be working on this over the holidays.", C),
        ("I'll be working from home on Friday.", N),
        ("I will be working late tonight.", N),
        ("I'll be working on site on Monday.", N),
    ],
)
def test_working_on_a_thing_is_an_action_working_somewhere_a_schedule(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'd be inclined to accept their offer.", G),
        ("I'm tempted to call them directly.", G),
        ("I'm minded to approve the request.", G),
        ("We would be tempted to renew for three years.", G),
        ("I am hopeful we can reach an agreement.", G),
        ("We're optimistic that we will close in March.", G),
        ("I'm hopeful the board will approve it.", N),
        ("I'm confident we can deliver on time.", B),
    ],
)
def test_leaning_towards_an_action_or_hopeful_of_it_is_a_good_intention(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'm about to send the revised quote.", C),
        ("We are just about to ship your order.", C),
        ("I was about to call you.", N),
        ("I'm about to leave for the airport.", N),
        ("I'll call you later, is that alright?", C),
        ("I'll send the draft on Monday, if that's okay?", C),
        ("I'll send the draft on Monday, if that is okay?", C),
        ("We'll deliver on the 12th, that work for you?", C),
        ("Will you call me later, is that alright?", N),
    ],
)
def test_about_to_act_is_going_to_and_more_question_tags_ask_only_about_themselves(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We'll talk to the lawyers and let you know.", C),
        ("We will speak with the landlord about the repairs.", C),
        ("We'll talk soon.", N),
        ("We'll talk with you next week.", N),
        ("I'd expect to have the numbers by Friday.", G),
        ("I would expect you to sign by Friday.", N),
    ],
)
def test_talking_to_a_third_party_is_an_errand_and_id_expect_to_a_plan(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will leave Houston on Friday.", N),
        ("I'll leave Bob a message.", C),
        ("I'll come in late tomorrow.", N),
        ("I'll head out early today.", N),
        ("I'll come over and fix the printer.", C),
        ("I'll come back to you on the pricing.", C),
        ("I will take the 5:30 train home.", N),
        ("We'll reconvene after lunch.", N),
        ("I'll return after the holidays.", N),
        ("I'll leave before you arrive.", N),
    ],
)
def test_leaving_a_named_place_coming_in_or_heading_out_at_a_time_is_a_schedule(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We will hold our annual meeting on May 5.", N),
        ("We'll be hosting a webinar on the new features.", N),
        ("We will host a reception for our clients in June.", N),
        ("We will celebrate Sam's retirement on Friday.", N),
        ("We will break for lunch at noon.", N),
        ("We will announce the winners on Friday.", N),
        ("We will announce your promotion to the team on Monday.", C),
        ("We will hold the goods until you pay.", C),
        ("I will host the call and send the dial-in.", C),
    ],
)
def test_an_organisation_holding_an_event_or_announcing_is_an_agenda(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll catch you later.", N),
        ("Catch you tomorrow.", N),
        ("I'll catch you up on the details tomorrow.", C),
        ("I'll second that.", N),
        ("I'll be rooting for you.", N),
        ("I'll get around to it this week.", G),
        ("I'll get round to the filing after the audit.", G),
        ("I'll get to it next week.", C),
    ],
)
def test_closings_agreement_and_getting_around_to_it_are_no_firm_promise(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll do it as soon as I can get the data.", B),
        ("I'll send it over as quickly as we can get it approved.", B),
        ("I'll do it as soon as I get the data.", C),
        ("I'll sign it as long as we agree on the price.", C),
        ("I'll get it to you by Friday, hopefully sooner.", C),
        ("I'll call you this afternoon, maybe earlier.", C),
        ("With luck we'll close next week.", G),
        ("With a little luck I'll have the numbers tonight.", G),
    ],
)
def test_as_soon_as_i_can_before_a_verb_hedges_and_a_hedge_on_sooner_is_on_the_time(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We'll look to finalise the agreement next week.", G),
        ("We would look to start in the new year.", G),
        ("We will look at moving the deadline.", G),
        ("I'll look to you for guidance on the tax side.", N),
        ("I'm going to aim for Friday.", G),
        ("I'll work on getting you the numbers.", B),
        ("I'm working on getting you the numbers.", B),
        ("We are working to resolve the issue as quickly as possible.", B),
        ("I'll work on the draft tonight.", C),
        ("We're working to a tight deadline.", N),
    ],
)
def test_looking_to_act_is_a_plan_and_working_towards_an_outcome_an_effort(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("There's a chance I can get you in on Monday.", G),
        ("There is a real chance we'll finish early.", G),
        ("It's possible that I can get it done today.", G),
        ("It is quite possible I'll have it by Friday.", G),
        ("I owe you a call.", C),
        ("I owe you an email on the pricing.", C),
        ("I owe you one.", N),
        ("I owe you an apology for the delay.", N),
    ],
)
def test_a_chance_or_possibility_before_the_writer_hedges_and_owing_a_reply_promises_it(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The vendor says they'll ship on Friday, so I'll let you know once it arrives.", C),
        ("It's late here, so we'll send the files tomorrow.", C),
        ("The file is big, so I can send it by courier.", N),
        ("I'll send it early so that we can review it together.", C),
    ],
)
def test_a_result_after_comma_so_with_will_is_the_writers_own_clause(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I know you need this by Friday and I'm doing everything I can to get it there.", B),
        ("We are doing all we can to restore the service.", B),
        ("I'm doing my best to get the numbers today.", B),
        ("We'll be closed over Christmas and will reopen on 2 January.", N),
        ("We will open at 10 on Saturday.", N),
        ("We will close the ticket once you confirm.", C),
    ],
)
def test_doing_everything_we_can_is_an_effort_and_opening_hours_a_schedule(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Leave it with me.", C),
        ("Leave that with us and we'll sort it.", C),
        ("I'll leave it with you.", N),
        ("I'll leave a copy with you at reception.", C),
        ("I'd be glad to.", C),
        ("Would be glad to.", C),
        ("Happy to.", C),
        ("I'd be happy to, if you can wait until Monday.", C),
        ("I would be happy to hear from you.", N),
    ],
)
def test_leave_it_with_me_promises_and_glad_to_alone_answers_with_an_offer(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'd be happy to meet anytime next week.", G),
        ("I'd be willing to meet halfway.", G),
        ("We'd be glad to meet up when you're in town.", G),
        ("I'd be glad to meet.", G),
        ("I'll be glad to meet your team.", N),
        ("Pleased to meet everyone at the kickoff.", N),
    ],
)
def test_glad_to_meet_at_a_time_offers_a_meeting_glad_to_meet_someone_is_a_state(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'm prepared to sign today.", C),
        ("We are prepared to extend the deadline by a week.", C),
        ("I would be prepared to drop the fee.", C),
        ("We are not prepared to accept those terms.", N),
        ("I was prepared to sign last week.", N),
    ],
)
def test_prepared_to_act_is_willing_to(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll have more information next week.", N),
        ("I should have a better idea on Monday.", N),
        ("I will have a clearer picture after the call.", N),
        ("I'll have more details for you tomorrow.", C),
        ("I should have the details for you by Friday.", B),
        ("I'll have news for you soon.", C),
    ],
)
def test_knowing_more_later_is_no_action_handing_it_on_is(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will ask that you sign and return the form.", N),
        ("I'll be expecting your call.", N),
        ("I'll be relying on your team for the numbers.", N),
        ("I'll be looking forward to it.", N),
        ("I'll look out for it.", N),
        ("I'll keep an eye out for your email.", N),
        ("I'll keep an eye on the shipment and let you know.", C),
        ("I'll be back with an answer tomorrow.", C),
        ("I'll be over at 3 to fix the printer.", C),
        ("I'll be there to help with the move.", C),
        ("I'll be there to see the launch.", N),
        ("I'll be there at 9.", N),
        ("We'll be following up with a written quote.", C),
        ("We will be responding to all enquiries within a day.", C),
        ("We will be following the new procedure from May.", N),
    ],
)
def test_waiting_on_the_reader_promises_nothing_being_there_to_help_does(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'm sending you the file separately.", C),
        ("I am sending the originals under separate cover.", C),
        ("I'm calling him right away.", C),
        ("I'm forwarding this to you for your review.", N),
        ("I am attaching the signed copy.", N),
    ],
)
def test_doing_it_separately_or_right_away_is_a_time_ahead(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We'll save the budget discussion for a later date.", N),
        ("I'll keep that for next time.", N),
        ("We will hold the remaining items for another meeting.", N),
        ("I'll save you a seat.", C),
        ("I'll hold the room for you until Friday.", C),
    ],
)
def test_putting_something_off_for_later_promises_nothing(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I would like a quick read of the document once you send it.", G),
        ("I'd like a closer look at the numbers before we sign.", G),
        ("I'd love a chat about the renewal.", G),
        ("I'd like a copy of the document.", N),
        ("I would like a refund.", N),
    ],
)
def test_wishing_for_a_look_of_ones_own_is_a_wish_to_act(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hopefully we'll get a chance to talk next week.", N),
        ("We'll get the opportunity to meet the new team.", N),
        ("I'll get a chance to look at it tonight.", B),
        ("I should be able to make it to the dinner.", B),
        ("I'll be able to make it work.", B),
        ("I hope to make it to the dinner.", N),
        ("I hope to make it clear in the memo.", G),
    ],
)
def test_a_chance_to_talk_or_making_it_there_is_no_action_owed(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("My aim is to close by Friday.", G),
        ("I'd like to close by thanking the whole team.", N),
        ("It's my intention to close by Friday.", G),
        ("Our target is to close by Friday.", G),
        ("I anticipate sending the report on Monday.", G),
        ("We're on track to deliver by Friday.", G),
        ("We are on course to finish the audit next week.", G),
        ("Everything is on track for Friday.", N),
    ],
)
def test_an_aim_named_anticipating_an_action_and_being_on_track_are_intentions(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll be done by Friday.", C),
        ("I'll be done with the report by noon.", C),
        ("We will be finished before the deadline.", C),
        ("I expect we'll be done by Friday.", G),
        ("I should be done by Friday.", B),
        ("I'll be done at 5.", N),
    ],
)
def test_being_done_by_a_time_is_the_work_finished(sentence: str, expected: Strength) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Let me run the numbers.", C),
        ("Let me set up a call.", C),
        ("Let me arrange a time with the team.", C),
        ("Let me chase them for an answer.", C),
        ("Let me loop in Priya.", C),
        ("Let me run this by you.", N),
        ("Let me run something past you.", N),
    ],
)
def test_let_me_with_an_errand_promises_it_running_it_by_you_is_said_now(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Thx, will do.", C),
        ("Cheers, will send it over.", C),
        ("Np, will fix.", C),
        ("Thank you, will review tonight.", C),
        ("Yep, will try to get it done today.", B),
        ("Will do my best.", B),
        ("Can send Monday.", B),
        ("Can do Tuesday.", N),
        ("Will be late, sorry.", N),
        ("Hope to have it done today.", G),
        ("Need to check with Legal.", N),
    ],
)
def test_a_clipped_note_after_thanks_or_cheers_is_the_writers(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Where possible, we'll use local suppliers.", B),
        ("As far as possible, we'll keep the same team.", B),
        ("As much as possible, I'll keep you in the loop.", B),
        ("Best case, we'll finish Friday.", G),
        ("Worst case, I'll send it Monday.", C),
        ("If necessary, I'll escalate it.", C),
        ("Either way, I'll let you know by Friday.", C),
    ],
)
def test_where_possible_before_the_writer_is_an_effort_and_best_case_a_hope(
    sentence: str, expected: Strength
) -> None:
    assert strength(sentence) is expected
