"""Word lists behind the strength reading, written from the label guide and English grammar.

Every list here was written by hand from the guide's definitions (docs/language.md) and the
grammar of English promises; none was learned from a data set. A word sits in a list because
of what it does to the writer's own promise:

- a modal or a verb of intent sets the base strength of a first-person clause;
- a verb that is no action of the writer's (a state, a schedule, a perception) makes the
  clause promise nothing;
- a hedge of effort or capacity lowers a promise to a best effort; a hedge of wish, plan or
  likelihood lowers it to a good intention.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A set of words written as one string, one word per space."""
    return frozenset(text.split())


# Adverbs that may stand between the subject, the modal and the verb without changing who acts
# ("I will also send", "we'll certainly call", "I shall then forward"). Hedging adverbs
# (probably, perhaps, hopefully) are here too: the walker steps over them and the hedge search
# reads them.
ADVERBS = words(
    """also just then still certainly definitely surely gladly personally both all now first
    again immediately promptly probably perhaps maybe possibly likely hopefully really actually
    therefore shortly soon obviously simply only quickly absolutely happily ever additionally
    further naturally always usually today tomorrow indeed either very much"""
)

# Words after a modal that deny the action ("I will not", "we can't", "I'll never").
NEGATIONS = frozenset({"not", "n't", "never", "no", "nt", "hardly", "barely", "scarcely"})

# Verbs that, after "will", name no action the writer promises: perceiving, waiting, needing,
# feeling, receiving. "I'll see you there" and "I will wait to hear from you" promise nothing.
NON_ACTION_VERBS = words(
    """see wait await need hear know receive enjoy miss like love want appreciate understand
    welcome feel hope expect learn wonder guess suppose believe think remember assume require
    owe lose die bet forget say admit confess concede grant win succeed fail prevail benefit
    suffer end defer survive remain sleep breathe relax care"""
)

# After "we": joint activities that include the recipient read as a schedule or a social
# closing ("we will meet in Herman's office", "we'll talk soon"), not a promise by the writer.
JOINT_VERBS = words("meet talk speak chat catch")

# After "we can": doing something together with the reader is proposed, not promised (a good
# intention: "we can discuss it on Monday", "we can go over the numbers").
JOINT_CAN_VERBS = JOINT_VERBS | words("discuss go sit decide figure determine revisit")

# Verbs of travelling and attending: where the writer will be, a schedule, not a promise to
# act ("I'll fly in on Tuesday", "I will attend the offsite"). Plain "go", "come", "leave" and
# "stay" are left out: they take objects and particles that make them actions ("I'll go over
# the numbers", "I'll come back to you", "I'll leave a copy", "I'll stay on top of it").
MOVEMENT_VERBS = words("arrive fly travel depart attend participate")

# After "we will": the events of an agenda, announced rather than promised ("we will begin at
# nine", "we will begin flowing gas on the 1st", "we will reopen on the 2nd").
AGENDA_VERBS = words("begin start commence resume convene reconvene adjourn gather open reopen")

# Going, leaving, staying and coming back, followed by when or where, are a schedule ("I will leave for Denver
# on Monday", "I'll return on the 5th"); with an object they are actions ("I'll leave a copy",
# "I'll return the call").
DEPARTURE_VERBS = words("leave return head move relocate go stay retire")

# Words after an agenda verb that say when or where, not what is done ("we will begin at 9").
WHEN_OR_WHERE = words(
    """at on in by after before around until tomorrow today tonight next this promptly shortly
    soon early late monday tuesday wednesday thursday friday saturday sunday"""
)

# "have" + an event is a schedule ("I'll have lunch with Sam", "we will have a call at 10").
EVENT_NOUNS = words(
    """meeting meetings call conference lunch dinner breakfast party session discussion drink
    drinks beer coffee chat talk celebration holiday vacation break baby day week weekend visit
    presentation demo training seminar workshop game tour reception picnic offsite food webinar
    event ceremony gathering retirement anniversary birthday"""
)

# After "let me", the few verbs whose action comes after the message ("let me check and get
# back to you"); any other verb is done by writing it ("let me add", "let me remind you").
LET_ME_ACTIONS = words(
    """check look find get follow confirm ask call talk send forward review research
    investigate verify dig pull put work think handle take try see run set arrange schedule
    book sort fix chase loop reach contact email ping circle draft prepare organize organise
    coordinate"""
)

# "have a" + these is an action ("let me have a look", "I'll have a word with him"); "let me
# have your comments" asks the reader for something.
HAVE_A_ACTIONS = words("look think word go crack stab")

# Verbs that report what someone else said: a clause behind them is that person's word, not
# the writer's promise ("he says we'll have those by Monday").
REPORTING_VERBS = words(
    """says said told tells mentioned indicated thinks thought believes claims decided expects
    announced predicts estimates insists"""
)
# A rumour, a decision or a view named as a noun before "is": what follows is that view, not the
# writer's promise ("the word is we'll merge", "the thinking is that we will split the costs").
VIEW_NOUNS = words(
    """word rumor rumour idea thinking consensus decision assumption expectation understanding
    feeling sense"""
)

# What the writer heard from others: a clause behind these is someone else's word even when the
# writer is the one who heard it ("I was told we will get the money Monday", "I hear we'll be
# moving", "we were informed that we will …").
HEARSAY_VERBS = words("told informed advised hear heard gather understand learned learnt")

# A source named at a segment's start: what follows is that source's word, not the writer's
# promise ("According to Tom, we will get the numbers Tuesday", "Per Mike, we'll receive it").
# "Per our call", "Per Friday's discussion", "Per request" point to what was agreed: the writer's.
HEARSAY_OPENING = re.compile(
    r"\s*(?:according to|(?:as )?per(?! (?:our|my|your|the|this|that|a|an|request)\b)"
    r"(?![^,;]*(?:'s|\b(?:call|discussion|conversation|meeting|request|agreement|contract"
    r"|email|e-mail|note|instructions|schedule|plan)\b)))\s[^,;]{1,30},\s*$"
)

# Speech acts done in the very sentence ("I would like to thank you", "I want to invite you"):
# saying them is doing them, so nothing is promised for later.
PERFORMATIVE_VERBS = words(
    """thank invite introduce welcome tell remind inform share apologize apologise congratulate
    wish ask express extend announce hear know say point mention note encourage offer
    request recommend suggest propose clarify add confirm emphasize emphasise stress
    highlight reiterate acknowledge recognize recognise commend comment
    elaborate recap summarize summarise"""
)

# Wishes that ask the reader to carry out a transaction for the writer ("I'd like to order ten
# more", "I'd like to cancel my order", "I would like to defer my bonus into the fund"):
# a request to others, done by saying it; "apply" and "sign" count only with "for" and "up".
REQUESTED_VERBS = words("order reserve book cancel defer elect opt nominate redeem withdraw")
REQUESTED_PHRASES = frozenset(
    {("apply", "for"), ("sign", "up"), ("switch", "my"), ("change", "my")}
)

# Verbs after "can" or "could" that describe understanding or being reachable, not an action
# offered ("I can see why", "I can be reached at …", "I could use some help").
CAN_NON_ACTION_VERBS = words(
    """see understand imagine tell assure say hear guess remember recall use believe think
    relate appreciate agree be afford live wait assume confirm report attest vouch recommend
    suggest add note mention hope expect anticipate sympathize sympathise empathize
    empathise feel learn tolerate"""
)

# "be" + these "-ing" words: where the writer will be or how they feel, not what they will do
# ("I will be traveling next week", "I'll be thinking of you"); other "be -ing" is an action
# ("I will be sending it").
SCHEDULE_ING = words(
    """attending traveling travelling going flying leaving arriving staying visiting working
    coming driving returning heading moving spending being taking having meeting vacationing
    relocating presenting sitting waiting speaking thinking hoping wondering praying missing
    counting rooting cheering expecting relying depending retiring"""
)

# Adjectives that end like a verb's "-ing" ("will be interesting to see", "it'll be exciting"):
# after "be" they describe, as "glad" does; they are no action under way.
ING_ADJECTIVES = words(
    """interesting exciting amazing confusing challenging surprising encouraging disappointing
    boring annoying frustrating tiring exhausting demanding rewarding promising overwhelming
    refreshing pleasing worrying troubling alarming daunting"""
)

# "I'm happy to" + these announces what the message itself says ("I'm pleased to announce",
# "happy to report that …", "we are delighted to inform you"): done by saying it, no offer.
# (With "would" or "will" the same words offer a later action: "I'd be happy to confirm it".)
ANNOUNCING_VERBS = words("announce report inform say confirm advise notify welcome congratulate")

# "be happy to" + these is a state of the writer ("I'd be happy to hear from you"), not an
# action.
STATE_AFTER_GLAD = words("hear see receive know learn meet have read")

# The verbs that follow "be" in a firm first-person action ("I'll be in touch", "I will be
# sure to call", "I will be responsible for the draft").
BE_ACTION = frozenset({"sure", "responsible", "certain"})

# Words that start a subordinate clause: a first-person modal behind them is a condition, a
# time, a purpose or a relative clause ("if we can", "so I can see", "anything I can do"),
# never the writer's promise itself.
SUBORDINATORS = words(
    """if when whenever once after before until till unless whether so while what whatever
    anything something everything how where which who whom why than lest wherever whoever
    nothing"""
)

# Hedges of effort or capacity: they turn a promise into a best effort.
BEST_EFFORT_HEDGES = re.compile(
    r"\b(?:"
    r"try(?:ing)?|tried|attempt(?:ing)?|endeavou?r|strive"
    r"|do (?:my|our) (?:very )?best|best efforts?|(?:my|our) best to|(?:my|our) utmost"
    r"|barring (?:any )?(?:problems|surprises|complications|delays|issues|hiccups)"
    r"|everything (?:in|within) (?:my|our) power|whatever (?:i|we) (?:possibly )?can"
    r"|(?:everything|all) (?:that )?(?:i|we) (?:possibly )?can\b(?! (?:say|tell|think|see))"
    r"|(?:greatest|fullest|maximum) extent|extent (?:possible|practicable|feasible)"
    r"|as (?:soon|quickly|much|fast|best|well) as (?:i|we) (?:possibly )?(?:can|am able|are able)"
    r"|as best (?:i|we) can"
    r"|(?:see|check|do) (?:what|if|whether) (?:i|we) can|what (?:i|we) can"
    r"|(?:every|an|all|reasonable) efforts?|make (?:an|every) effort|aim to|work hard to"
    r"|have a (?:go|crack|stab) at|give (?:it|this|that) a (?:go|whirl)"
    r"|as (?:much|far|soon|quickly) as (?:possible|feasible) (?:for (?:me|us))?"
    r"|(?:where|wherever|whenever) (?:possible|feasible)"
    r"|(?:if|as|when|whenever) (?:time|(?:my|our) (?:time|schedules?)) (?:allows|permits)"
    r"|time allowing"
    r"|should be able|ought to be able"
    r"|if (?:i|we) (?:can|am able|are able|have (?:the |some )?time|get (?:a|the) chance)"
    r"|if (?:at all )?(?:possible|feasible)|time permitting|schedule permitting"
    r"|when (?:i|we) (?:can|get (?:a|the) chance|have (?:a )?(?:minute|moment|time|chance))"
    r")\b"
)

# Hedges of wish, plan or likelihood: they turn a promise into a good intention.
# ("likely" after a determiner describes a thing, "the most likely dates", and hedges nothing.)
GOOD_INTENTION_HEDGES = re.compile(
    r"\b(?:probably|perhaps|maybe|possibly|hopefully|with (?:any |some |a (?:bit of |little (?:bit of )?))?luck"
    r"|(?<!\bthe )(?<!\bthe most )(?<!\bthe more )(?<!\ba )(?<!\ban )likely"
    r"|tentatively|god willing|(?:knock on|touch) wood|fingers crossed|best case"
    r"|all (?:being|going) (?:well|to plan)|all (?:other )?things being equal"
    r"|(?:if|assuming) (?:nothing|all|everything|things) (?:changes|goes (?:well|smoothly|to plan"
    r"|according to plan)|go (?:well|smoothly|to plan|according to plan)))\b"
)

# Wishes, plans and beliefs just in front of the subject lower what follows to a good
# intention ("I think I'll", "I hope we can", "hopefully we will").
PRE_INTENTION = re.compile(
    r"(?:\b(?:i|we) (?:think|guess|believe|suppose|expect|reckon|imagine|hope|trust|anticipate"
    r"|figure|suspect|presume)"
    r"|\b(?:i|we)'?(?: am|m| are|re) (?:hoping|thinking|guessing|in hopes|hopeful|optimistic)"
    r"|\b(?:i|we)(?:'d| would) like to (?:think|believe)"
    r"|\b(?:my|our) (?:hope|plan|intention|expectation|guess) is"
    r"|\b(?:chances|odds) are|\bin all likelihood"
    r"|\bthere(?:'s| is) a (?:good |fair |decent |strong |real |reasonable )?chance"
    r"|\bit(?:'s| is) (?:quite |very |entirely )?possible"
    r"|\bit (?:looks|seems|appears|sounds) (?:like|as if|as though)|\bit (?:seems|appears)"
    r"|\bin hopes|\b(?:probably|perhaps|maybe|possibly|hopefully|likely))"
    r"(?: that)?,?\s*$"
)
# The same at the start of a note ("Guess I'll call him", "Think we can"), matched from the
# segment's start (an anchored branch inside PRE_INTENTION would slow its search).
PRE_INTENTION_OPENING = re.compile(r"\s*(?:guess|think|hope|expect|figure)(?: that)?,?\s*$")

# Where a clause ends for the purpose of a hedge: a new subject that is not the writer's.
OTHER_SUBJECT = re.compile(
    r"(?:,|;|\band\b|\bbut\b|\bor\b|\bso\b|\bif\b|\bwhen\b|\bonce\b|\bunless\b|\bthen\b)\s+"
    r"(?:you|he|she|they|it|this|that|there|your|his|her|their)\b"
)

# Words that open a clause inside the writer's: a hedge behind them belongs to that clause ("I'll
# send the draft, which probably needs work", "I will call him because he is likely to ask").
INNER_CLAUSE = re.compile(
    r"\b(?:which|who|whom|whose|because|since|although|though|whereas|in case"
    r"|that (?:is|are|was|were|has|have|had|will|would|may|might|could))\b"
)

# Conditions on the writer's own capacity, wherever they stand in the clause's segment
# ("If I can get the report finished, I will call", "time permitting, we'll add it").
CONDITION_HEDGES = re.compile(
    r"\b(?:(?:if|assuming|provided|providing)(?: that)? (?:i|we) (?:can|am able|are able"
    r"|have (?:the |some )?time|get (?:a|the) chance)"
    r"|if (?:at all )?(?:possible|feasible)|time permitting|schedule permitting|time allowing"
    r"|(?:if|as|when|whenever) (?:time|(?:my|our) (?:time|schedules?)) (?:allows|permits)"
    r"|as (?:soon|quickly) as (?:i|we) (?:possibly )?(?:can|am able|are able)"
    r"|when (?:i|we) (?:can|get (?:a|the) chance|have (?:a )?(?:minute|moment|time|chance))"
    r"|(?:where|wherever) (?:possible|feasible)|as (?:much|far) as (?:possible|feasible)"
    r")\b"
)

# Words that take a whole clause after them: a subject behind them starts that clause ("I think
# we can", "I'm sure I can"), not a relative clause.
CLAUSE_TAKERS = words(
    """think thought believe hope hopes hoping know knew say said agree sure confident certain
    expect feel guess assume understand suggest propose promise assure tell told mean figure decided
    glad happy afraid realize aware clear seems appears possible likely is was means sense
    guarantee bet trust thinking guessing figured hoping expecting believing suppose reckon
    imagine presume anticipate suspect hopeful optimistic confident chance"""
)

# Nouns that end like an adverb of comment ("ideally", "luckily"): before a subject they may
# head a relative clause ("the supply we can offer"), so they never open one.
LY_NOUNS = words("supply family assembly monopoly anomaly quarterly monthly weekly butterfly")

# Words that may open a main clause just before its subject without a comma ("and we can",
# "yes I can", "thanks I will", "now we can").
CLAUSE_OPENERS = words(
    """and but or so then also now yes ok okay sure well thanks thank hi hello otherwise
    alternatively perhaps maybe hopefully probably certainly obviously actually anyway today
    tomorrow tonight still just plus again meanwhile instead first second finally therefore
    thus hence great fine good no as because since though although whereas below above here
    attached enclosed"""
)

# "get to" + these is arriving somewhere ("I'll get to the office around two").
PLACES = words("the work there here home office town")

# "going to" + these is going somewhere, not about to do something ("I'm going to lunch").
# (Nouns that are also verbs, "call", "talk", "visit", are left out: "going to call him".)
DESTINATIONS = PLACES | words(
    """lunch dinner breakfast party conference meeting game school church bed class court
    seminar workshop training reception picnic offsite"""
)

# "get" + a participle is something that happens to the writer ("we'll get hit", "I'll get
# paid") except for these, which start an action ("I'll get started").
GET_ACTIONS = words("started")

# What "have" + object + these makes happen ("we'll have it done", "the draft ready").
DONE_WORDS = words(
    """done ready finished complete sent out back over available written set drawn signed
    fixed up"""
)
# Verbs whose subject undergoes what happens ("we will incur costs", "we may face penalties",
# "I could risk losing the deal"): an outcome, not an action.
OUTCOME_VERBS = words("face incur experience encounter undergo sustain risk")
IRREGULAR_PARTICIPLES = words("hit paid caught stuck burnt hurt beaten taken bitten shot cut stung")
# More past participles, for "I should have sent it sooner", "we should have known": the past.
PAST_PARTICIPLES = words(
    """been done sent made given gone told known seen written spoken brought thought bought
    gotten left kept said heard met found spent had put read"""
)

# What "I owe you" promises to send ("I owe you a call", "I owe you an email on the pricing").
OWED = words("call email e-mail reply response answer update note draft copy")

# Verbs that promise in so many words ("I promise to call", "I guarantee it").
PROMISE_VERBS = words("promise commit guarantee pledge vow swear")

# Set phrases that promise without a modal verb.
PROMISE_PHRASES = re.compile(
    r"\b(?:consider it done|count on (?:me|us)|you have (?:my|our) word|i'm on it|i am on it"
    r"|rest assured|leave (?:it|this|that) with (?:me|us))\b"
)

# Doubt just in front of the subject denies what follows ("I don't think I can", "I doubt
# we'll make it", "I'm not sure I can").
DOUBTED = re.compile(
    r"(?:\b(?:i|we) (?:do|did) ?(?:n't|not|nt) (?:think|believe|expect|see how)"
    r"|\b(?:i|we) doubt|\b(?:i ?'?m|i am|we ?'re|we are) not (?:sure|certain)(?: (?:if|whether))?"
    r"|\b(?:i|we) do ?(?:n't|not|nt) know(?: (?:if|whether))?"
    r"|\b(?:it's|it is|it seems) (?:very |highly )?unlikely"
    r"|\bno way)(?: that)?,?\s*$"
)
# A note opening in doubt ("Not sure I will make it"); matched from the segment's start (kept
# apart from DOUBTED, whose search an anchored branch would slow down fivefold).
# A condition contrary to fact, with a past verb: "if we had more time, we could finish it",
# "we could close tomorrow if they agreed". "Could" beside it is hypothetical, no wish to act
# ("if you need it, I could send it" is an offer: its condition is open).
CONTRARY_IF = re.compile(
    r"\bif (?:i|we|you|he|she|they|it|there|the \w+|\w+) (?:only )?(?:had|were|was|did|didn't"
    r"|weren't|wasn't|knew|could|(?!(?:need|proceed|exceed|succeed|feed|speed)\b)\w+ed)\b"
)

# A result said just before "can": what becomes possible, not an offer ("This way, I can keep an
# eye on the numbers", "thus we can avoid the penalty").
RESULT_BEFORE = re.compile(r"\b(?:(?:this|that) way|thus|hence|therefore),?\s*$")

DOUBTED_OPENING = re.compile(r"\s*not (?:sure|certain)(?: (?:if|whether))?(?: that)?,?\s*$")

# Words a Roman numeral "I" follows ("Phase I will start", "Part I will cover").
NUMBERED = words(
    """phase part section chapter stage tier level title article exhibit appendix schedule
    volume class type round step world war"""
)

# After "we can": services an organisation offers its customers ("we can provide you with
# competitive quotes", "we can ship to you", "we can help!"). Offered to "you" with no thing named,
# they are an advertisement (none, by the guide's "spam and ads"); "we can provide
# the figures" names the thing and stays an offer.
SERVICE_VERBS = words(
    """provide offer supply ship deliver help assist serve save arrange customize tailor insure
    finance remind match beat accommodate handle"""
)

# What follows an advertised service: the customer or nothing ("help you", "ship to you",
# "help!"), not a thing handed over.
SERVED = words("you your to with ! . ,") | {""}
# Words that make a service general, offered to all comers ("we can deliver anywhere", "we can
# handle orders of any size", "we can beat any price"): an advertisement too.
ANY_COMER = words("any anywhere anything anyone all every")

# After "I can" or "we can": verbs of being free at a time (with "make" and "do", which take the
# time or the meeting as their object). Followed by a time ("I can do
# Tuesday", "I can make the meeting at 3", "we can meet at 10") they state availability, which
# the guide counts with schedules (none), not an offer to act.
AVAILABLE_VERBS = words("meet attend join come talk speak chat")

# Words that name a time in a statement of availability.
TIMES = words(
    """monday tuesday wednesday thursday friday saturday sunday tomorrow today tonight morning
    afternoon evening noon either anytime any next am pm now"""
)

# Time away and travel: "take Friday off", "take a week of vacation", "spend the week in
# London", "catch the early flight" say where the writer will be, not what they will do.
LEAVE_NOUNS = words("vacation holiday holidays leave off")
TIME_NOUNS = words(
    """day days week weeks weekend night nights morning afternoon evening month months year
    holidays"""
)
TRANSPORT = words("flight plane train bus shuttle cab taxi ferry red-eye")

# "make" + these is an outcome, not an action owed to anyone ("we will make money on this").
GAINS = words("money profit profits")
# What an organisation owns as a holding ("we will own the assets", "50 percent", "a stake"):
# possession, where "we will own the follow-up" takes on a task.
HOLDINGS = words(
    """assets asset shares stake stakes percent interest majority minority building buildings
    plant plants property properties rights company land equity"""
)

# Before a gain, the words that size it ("a nice profit", "a killing", "some money").
GAIN_SIZES = words("a some good nice big small tidy decent little lot of")
BIG_GAINS = GAINS | words("killing fortune bundle loss losses")
# After "get" or "earn", what comes to the writer: "we will get a refund", "I'll get a raise".
RECEIPTS = words("bonus bonuses raise refund refunds commission reimbursement credit payment paid")

# Informing done by the message itself, after "I'd like to", "we want to": "update you on",
# "give you a heads up", "make you aware", "bring to your attention", "follow up on", "pass
# along my thanks", "start by thanking", "respond to your note", "raise an issue", "give you
# some background". Saying them is doing them (like the performative verbs above).
SAID_IN_WRITING = re.compile(
    r"update (?:you|everyone|all)\b|give (?:you|everyone|all) (?:a|an) (?:heads|update|quick|brief"
    r"|short|overview|summary)\b|make (?:you|everyone|all) aware\b|bring (?:to|this|it)\b"
    r"|follow up on\b|pass (?:along|on) (?:my|our)\b|provide (?:you|everyone|all) with (?:a|an)"
    r" (?:update|overview|summary)\b|run (?:this|it|that|something|an idea) (?:by|past) you\b"
    r"|(?:draw|call) (?:your|everyone's|everybody's) attention\b"
    r"|make (?:a|a few|some|two|three|one|several) (?:comments|points|observations|remarks)\b"
    r"|(?:start|begin|open|close) by (?:\w+ing|saying)\b|go on record\b|put in a (?:good )?word\b"
    r"|(?:respond|reply) to (?:your|this|these|those) (?:e-?mail|note|message|letter|memo"
    r"|questions?|concerns?|comments|points|inquiry|query)\b"
    r"|(?:answer|address) (?:your|these|those|some|a few) (?:questions?|concerns?|points"
    r"|comments|issues)\b"
    r"|raise (?:an|a|one|two|the|some|a few|several) (?:issues?|concerns?|points?|questions?)\b"
    r"|make (?:a|one) (?:suggestion|point|request|proposal)\b"
    r"|(?:give (?:you|everyone|all)|provide) (?:some |a little |a bit of )?(?:background|context)\b"
)

# After "will": what the message itself does while being written, said as a future ("I'll get
# straight to the point", "I'll cut to the chase", "I'll put it this way", "I'll give you an
# example", "I'll start with the good news", "I'll tell you what", "I'll have you know").
SAID_AS_WRITTEN = re.compile(
    r"(?:start|begin|end|close) with (?:the )?(?:good|bad) news"
    r"|get (?:straight |right )?to the point(?! (?:where|of|that)\b)|cut to the chase"
    r"|put it (?:this way|another way|simply|bluntly|plainly)"
    r"|give you (?:an|one|a few|some) examples?(?: [.,!]|\s*$)|tell you what(?: [.,!]|\s*$)"
    r"|have you know\b"
)
# Each verb with the words that may follow it in those phrases (a cheap look before the scan).
SAID_AS_WRITTEN_NEXT = {
    "start": words("with"),
    "begin": words("with"),
    "end": words("with"),
    "close": words("with"),
    "get": words("straight right to"),
    "cut": words("to"),
    "put": words("it"),
    "give": words("you"),
    "tell": words("you"),
    "have": words("you"),
}

# After "will", verbs that take a stance, abstain, defer or cope, with the words that make them
# so: no deed is promised. "I'll go with your recommendation" and "I'll stick with the plan"
# choose (a stance); "I'll stay out of it", "I'll sit this one out" abstain ("I'll hold off until
# Monday" is left a promise, to refrain);
# "I'll defer to Legal", "I'll follow your lead", "I'll leave the decision to you" defer;
# "I'll manage", "I'll live", "we'll get through this", "we'll make do" cope; "I'll take my
# chances" accepts an outcome; "I'll give it some thought", "I'll mull it over" think.
# Each verb with the words that may follow it in those phrases (empty: any word); a cheap look
# before the scan.
NO_DEED_NEXT = {
    "go": words("with along either"),
    "stick": words("with"),
    "stand": words("by"),
    "stay": words("out"),
    "sit": words("this it that"),
    "defer": words("to"),
    "follow": words("your his her their"),
    "leave": words("the"),
    "live": frozenset(),
    "manage": frozenset(),
    "cope": frozenset(),
    "get": words("over through by"),
    "make": words("do"),
    "take": words("my our the that a it"),
    "give": words("it this that"),
    "mull": words("it this that"),
    "ponder": words("it this that"),
    "play": words("it"),
    "let": words("it this that"),
    "do": words("either without"),
    "work": words("with around"),
    "call": words("it"),
    "speak": words("from"),
}
# The end of a phrase: nothing more of the clause follows ("I'll work with that", not "I'll work
# with that team"; "we'll get through this", not "I'll get through this list tonight").
_PHRASE_END = r"(?: [.,!]| and\b| this time| for now|\s*$)"
NO_DEED = re.compile(
    r"(?:go (?:along )?with (?!you\b|him\b|her\b|them\b|us\b|me\b)|stick with |stand by (?!you\b)"
    r"|stay out of\b|sit (?:this|it|that)(?: one)? out\b|defer to\b"
    r"|follow (?:your|his|her|their) lead\b|leave the (?:decision|call|choice) (?:to|up to) "
    r"|(?:live|manage|cope)"
    + _PHRASE_END
    + r"|get (?:over|through) (?:it|this|that)(?: (?:day|week|month|year))?"
    + _PHRASE_END
    + r"|make do\b|take (?:my|our) chances\b|take (?:the|that|a) (?:risk|hit|gamble)\b"
    r"|take it under advisement\b|take a pass\b"
    r"|give (?:it|this|that) (?:some |a little |more |serious )?thought\b"
    r"|(?:mull|ponder) (?:it|this|that) over\b|play it by ear\b"
    r"|let (?:it|this|that) (?:slide|go|pass|ride)" + _PHRASE_END + r"|go either way\b|do either\b"
    r"|work (?:with|around) (?:that|this|it)"
    + _PHRASE_END
    + r"|(?:manage|get by|do|make do) without\b|get by"
    + _PHRASE_END
    + r"|call it a day\b|take a hint\b|speak from experience\b)"
)

# A wish to keep a relationship, said as a closing courtesy: "I hope to work with you again",
# "we hope to continue our relationship", "we'd like to earn your business", "I'd like to stay in
# touch", "I hope to be of service". ("I hope to work with you on the pricing" stays a wish to act.)
KEPT_UP = re.compile(
    r"(?:continue (?:to )?(?:work|working|do business|doing business) with (?:you|your \w+)"
    r"|(?:work|do business) with (?:you|your \w+) (?:again|in the future|going forward|more)"
    r"|continue (?:our|the|this|my) (?:relationship|partnership|association|business)"
    r"|continue to be|earn your (?:business|trust|confidence|loyalty)|(?:keep|stay) in touch"
    r"|be of (?:some |any |further )?(?:service|help|assistance))\b"
)
KEPT_UP_NEXT = {
    "continue": words("to working doing our the this my"),
    "work": words("with"),
    "do": words("business"),
    "earn": words("your"),
    "keep": words("in"),
    "stay": words("in"),
    "be": words("of"),
}

# Declining, said as a future or a duty ("I'll have to pass", "I'm going to have to decline",
# "I'll have to miss the meeting"): no action promised, a refusal or an absence.
DECLINING = words("pass decline skip miss")

# After "can": using something for oneself ("I can open the file now", "I can log in from
# home") is an ability, not an offer, unless someone is served ("I can print it for you").
ACCESS_VERBS = words("open access read view log login print download")

# Being reachable while away ("I will have my cell phone with me", "I'll have limited access to
# email", "I will be checking voicemail periodically"): availability, which the guide counts
# with schedules (none), not an action promised to anyone.
DEVICES = words(
    """phone cell cellphone mobile pager laptop blackberry computer email mail voicemail
    voice"""
)
MAILBOXES = words("email e-mail mail voicemail voice messages inbox")
# Words that make checking the mailbox a habit of an absence rather than one action owed.
NOW_AND_THEN = re.compile(
    r"\b(?:periodically|regularly|occasionally|intermittently|sporadically|remotely|daily"
    r"|from time to time|while|during|each day|every day)\b"
)

# The message describing itself ("In this note I will explain the changes", "Below I will
# outline three options"): the writing is done by the message, nothing is owed later.
WRITING_VERBS = words(
    """explain outline summarize summarise describe list detail recap highlight cover
    address"""
)
THIS_MESSAGE = re.compile(
    r"\b(?:below|the following|(?:in )?this (?:e-?mail|e-mail|note|message|memo|letter|update))\b"
)

# A call to action that opens an advertisement's offer: "Act now and we will waive the fee",
# "Order today and we'll include a gift", "Reply STOP and we will remove you". The offer is made
# to all comers (spam and ads are none by the guide); "Send me the file and I'll review it"
# has no such call and stays the writer's promise.
CALL_TO_ACTION = re.compile(
    r"\s*(?:act|order|sign up|click|call|join|subscribe|register|reply|shop|enrol+|apply|book"
    r"|buy|visit)\b(?! (?:me|us|him|her|them)\b)[^,;.]{0,24}?\b(?:now|today|here|online|stop)\b"
    r"[^,;.]{0,12}\band\s*$"
)

# An announcement's opener: "Effective Monday, we will …", "Beginning next week, we will …".
ANNOUNCED = re.compile(r"\s*(?:effective|beginning|starting|commencing|as of)\b[^,;]{0,40},\s*$")

# After "we will": changes an organisation makes to its own systems, places and rules ("we will
# upgrade the servers this weekend", "we will roll out the new intranet"): an announcement, which
# the guide counts as none, unless done for the reader ("we will upgrade your account").
ORG_CHANGE_VERBS = words(
    """implement launch migrate upgrade install relocate introduce discontinue convert
    transition restructure reorganize reorganise consolidate decommission announce"""
)
ORG_CHANGE_PHRASES = frozenset(
    {
        ("roll", "out"),
        ("shut", "down"),
        ("switch", "over"),
        ("phase", "out"),
        ("phase", "in"),
        ("go", "live"),
    }
)

# After "we will", what a meeting will cover ("At tomorrow's meeting we will review the budget",
# "we will discuss the following items"): an agenda, which the guide counts as none.
AGENDA_TALK_VERBS = words("discuss review cover present address hear go talk consider")
AT_MEETING = re.compile(
    r"\b(?:agenda|the following (?:items|topics|issues)|(?:at|during|in) (?:the|our|this|today's"
    r"|tomorrow's|next week's|monday's|tuesday's|wednesday's|thursday's|friday's|each)"
    r"(?: \w+)? (?:meeting|call|session|conference|offsite|workshop|seminar))\b"
)

# After "have": free time ("I'll have time on Friday", "I should have a minute after lunch"):
# when the writer is free, which the guide counts with availability (none).
FREE_TIME = words("time minute minutes moment moments hour hours window opening availability")

# Words after a hedge that show it hedges a time, not the action ("maybe around ten", "probably
# on Monday", "possibly tomorrow").
# Words just before a hedge that put it inside a clause or phrase of its own after the writer's
# verb: a purpose ("to hopefully resolve it"), a result ("so hopefully everyone knows"), a time
# clause ("when I probably have news"), a preposition's object ("look into possibly moving it",
# "the maybe list"). The hedge is on that clause or thing, not on the promise.
HEDGE_INSIDE = re.compile(
    r"(?:\b(?:to|so|so that|into|about|on|of|for|with|the|a|when|once|after|before|until)"
    r"|\b(?:when|once|after|before|until) (?:i|we)(?: \w+)?)\s+$"
)

WHEN_NEXT = re.compile(
    r",?\s*(?:around|about|at|on|by|before|after|early|late|later|sometime|tomorrow|today"
    r"|tonight|next|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mid"
    r"|sooner|earlier"
    r"|in the (?:morning|afternoon|evening)|\d)\b"
)
