"""Who is who in the demo. All names are invented for trustledger."""

from __future__ import annotations

import datetime as dt

# The demo's year ends here, so scores computed "as of" this instant are reproducible.
DEMO_END = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
DEMO_START = DEMO_END - dt.timedelta(days=365)
# When the CIO changed how IT works with its internal customers.
TURNAROUND = DEMO_START + dt.timedelta(days=180)

OURS = "Corvid Cloud"
ORGANIZATIONS = [
    (OURS, "ours", "corvidcloud.example"),
    ("Tessellate Integrators", "partner", "tessellate.example"),
    ("Quarry Point Hosting", "supplier", "quarrypoint.example"),
    ("Halvard Logistics", "customer", "halvard.example"),
]

# (unit, parent, kind)
UNITS = [
    ("Executive", None, "department"),
    ("IT", None, "department"),
    ("IT Platform (onshore)", "IT", "team"),
    ("IT Delivery (offshore)", "IT", "team"),
    ("Marketing", None, "department"),
    ("Finance", None, "department"),
]

# key: (display name, organization, unit, title, local context filled?, time zone, country)
PEOPLE: dict[str, tuple[str, str, str | None, str, bool, str, str]] = {
    "ceo": (
        "Ines Okonkwo-Brandt",
        OURS,
        "Executive",
        "Chief Executive Officer",
        True,
        "Europe/Berlin",
        "DE",
    ),
    "cio": (
        "Tobias Reinholt",
        OURS,
        "IT",
        "Chief Information Officer",
        True,
        "Europe/Berlin",
        "DE",
    ),
    "it_lead": (
        "Priya Raghunathan",
        OURS,
        "IT Platform (onshore)",
        "Platform Lead",
        True,
        "Europe/Berlin",
        "DE",
    ),
    "it_sre": (
        "Mats Lindqvist",
        OURS,
        "IT Platform (onshore)",
        "Site Reliability Engineer",
        False,
        "Europe/Stockholm",
        "SE",
    ),
    "it_pm": (
        "Aylin Demirci",
        OURS,
        "IT Platform (onshore)",
        "IT Project Manager",
        True,
        "Europe/Berlin",
        "DE",
    ),
    "it_dev1": (
        "Karthik Venkataraman",
        OURS,
        "IT Delivery (offshore)",
        "Delivery Manager",
        True,
        "Asia/Kolkata",
        "IN",
    ),
    "it_dev2": (
        "Shreya Kulkarni",
        OURS,
        "IT Delivery (offshore)",
        "Software Engineer",
        False,
        "Asia/Kolkata",
        "IN",
    ),
    "it_dev3": (
        "Arjun Bhattacharya",
        OURS,
        "IT Delivery (offshore)",
        "Software Engineer",
        False,
        "Asia/Kolkata",
        "IN",
    ),
    "cmo": (
        "Camille Duverger",
        OURS,
        "Marketing",
        "Chief Marketing Officer",
        True,
        "Europe/Paris",
        "FR",
    ),
    "mkt1": ("Lena Hoffbauer", OURS, "Marketing", "Campaign Manager", False, "Europe/Berlin", "DE"),
    "mkt2": (
        "Rafael Quintero",
        OURS,
        "Marketing",
        "Marketing Operations",
        True,
        "Europe/Madrid",
        "ES",
    ),
    "mkt3": ("Noor Al-Sayegh", OURS, "Marketing", "Content Lead", False, "Europe/Berlin", "DE"),
    "mkt4": ("Jonas Feldkamp", OURS, "Marketing", "Web Analyst", False, "Europe/Berlin", "DE"),
    "mkt5": ("Elif Karaman", OURS, "Marketing", "Events Manager", False, "Europe/Istanbul", "TR"),
    "cfo": (
        "Margit Esterházy",
        OURS,
        "Finance",
        "Chief Financial Officer",
        True,
        "Europe/Vienna",
        "AT",
    ),
    "fin1": ("Oskar Wendt", OURS, "Finance", "Controller", True, "Europe/Berlin", "DE"),
    "fin2": ("Beatrix Sommer", OURS, "Finance", "Accounts Lead", False, "Europe/Berlin", "DE"),
    "fin3": ("Daniel Achterberg", OURS, "Finance", "FP&A Analyst", False, "Europe/Amsterdam", "NL"),
    "fin4": ("Yuki Tanabe", OURS, "Finance", "Treasury Analyst", False, "Europe/Berlin", "DE"),
    "fin5": ("Hugo Marchetti", OURS, "Finance", "Procurement Officer", False, "Europe/Rome", "IT"),
    "partner_lead": (
        "Sigrun Halvorsen",
        "Tessellate Integrators",
        None,
        "Engagement Director",
        True,
        "Europe/Oslo",
        "NO",
    ),
    "supplier_am": (
        "Wendell Achebe",
        "Quarry Point Hosting",
        None,
        "Account Manager",
        False,
        "Europe/London",
        "GB",
    ),
    "customer_coo": (
        "Rosalind Kovacs",
        "Halvard Logistics",
        None,
        "Chief Operating Officer",
        True,
        "Europe/Budapest",
        "HU",
    ),
}

IT_PEOPLE = ["cio", "it_lead", "it_sre", "it_pm", "it_dev1", "it_dev2", "it_dev3"]
FINANCE_PEOPLE = ["cfo", "fin1", "fin2", "fin3", "fin4", "fin5"]
MARKETING_PEOPLE = ["cmo", "mkt1", "mkt2", "mkt3", "mkt4", "mkt5"]

# Demo logins: (username, person key, admin?, unit, role)
LOGINS = [
    ("admin", None, True, None, None),
    ("tobias", "cio", False, "IT", "manager"),
    ("priya", "it_lead", False, "IT Platform (onshore)", "member"),
    ("margit", "cfo", False, "Finance", "manager"),
    ("oskar", "fin1", False, "Finance", "member"),
    ("ines", "ceo", False, "Executive", "viewer"),
    ("lena", "mkt1", False, "Marketing", "member"),
]
DEMO_PASSWORD = "trust-the-ledger"
