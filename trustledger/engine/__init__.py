"""The service layer between the database and the trust engine core.

It gathers records for a person, unit, relationship or the whole organization, turns them
into the core's plain dataclasses (`gather.py`) and calls the core (`reports.py`). No formula
lives here: pages, the API and the whole-organization engine read the core's results.
"""
