"""The write side of the web app: quick entry forms, the commitments register, service levels.

Views validate input with forms, ask `scope_for` who may do what, and call the named actions
in `trustledger.ledger.actions`; they hold no rules of their own.
"""
