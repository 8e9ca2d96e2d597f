"""The language of commitments: a pure core that reads what people write.

No Django and no I/O here (like `trustledger.domain`). It zones a message (drops quoted
replies, signatures, disclaimers), splits what is left into sentences, reads each sentence's
promise strength with the words that decided it, finds the due date a sentence names, and
measures how a body of writing is oriented (about us or about them).
"""

from trustledger.language.due import DueDate, due_date
from trustledger.language.messages import (
    DraftCheck,
    FoundPromise,
    Message,
    MessageReading,
    check_draft,
    read_message,
    read_promises,
)
from trustledger.language.orientation import Orientation, orientation
from trustledger.language.sentences import Sentence, split_sentences
from trustledger.language.strength import Cue, Reading, Strength, classify, suggestion_for
from trustledger.language.zoning import Zone, Zoned, zone

__all__ = [
    "Cue",
    "DraftCheck",
    "DueDate",
    "FoundPromise",
    "Message",
    "MessageReading",
    "Orientation",
    "Reading",
    "Sentence",
    "Strength",
    "Zone",
    "Zoned",
    "check_draft",
    "classify",
    "due_date",
    "orientation",
    "read_message",
    "read_promises",
    "split_sentences",
    "suggestion_for",
    "zone",
]
