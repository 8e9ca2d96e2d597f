"""Promises found: commitments proposed from what our side's people wrote in their mail.

The language core (`trustledger.language`) reads each message; this app keeps what it found as
proposals until the writer (or their manager, or an admin) confirms, corrects or dismisses
them. Nothing enters reliability unconfirmed: only a confirmed proposal becomes a commitment.
"""
