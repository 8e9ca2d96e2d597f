"""Read pages: home, trust map, unit, person, relationship, search and explanations.

Each view authorizes through `scope_for`, asks the engine (through `reports.py`, which caches
per object, date and data version) and renders one dict: as HTML, or as its JSON twin.
"""
