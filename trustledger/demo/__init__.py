"""The demo organization: a software company whose IT team is trusted person by person but not as a team.

`cast.py` holds who is who, `load.py` writes a year of evidence that tells the story.
"""
