"""Names, titles, places and habits the generator draws from."""

from __future__ import annotations

DEPARTMENTS = (
    "Finance",
    "IT",
    "Marketing",
    "Sales",
    "Operations",
    "Legal",
    "People",
    "Research",
    "Engineering",
    "Customer Service",
    "Procurement",
    "Logistics",
    "Risk",
    "Strategy",
    "Facilities",
    "Communications",
)
TEAMS = (
    "Platform",
    "Accounts",
    "Analytics",
    "Delivery",
    "Support",
    "Planning",
    "Controls",
    "Growth",
    "Service Desk",
    "Reporting",
    "Projects",
    "Quality",
)
GIVEN = (
    "Ada", "Ben", "Cleo", "Dario", "Eva", "Farah", "Gustav", "Hana", "Ivan", "Jana",
    "Kofi", "Lena", "Mateo", "Nora", "Omar", "Petra", "Quentin", "Rosa", "Sami", "Tara",
    "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe", "Aiko", "Bruno", "Chloe", "Dmitri",
    "Elif", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Luca", "Maya", "Nils",
    "Olga", "Pablo", "Priya", "Rahul", "Sofia", "Tomas", "Ulla", "Vera", "Wim", "Yara",
)  # fmt: skip
FAMILY = (
    "Adler", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hoffmann",
    "Ito", "Jensen", "Kowalski", "Lambert", "Moreau", "Nakamura", "Okafor", "Petrov",
    "Quinn", "Rossi", "Schmidt", "Tanaka", "Urban", "Varga", "Weber", "Xu", "Yilmaz",
    "Zimmermann", "Andersson", "Brown", "Chen", "Dimitrov", "Evans", "Ferreira", "Gupta",
    "Horvat", "Iyer", "Jovanovic", "Kim", "Larsen", "Müller", "Novak", "Olsen", "Patel",
    "Romero", "Silva", "Tran", "Ulrich", "Visser", "Wagner", "Young", "Zhang",
)  # fmt: skip
TITLES = (
    "Analyst",
    "Senior Analyst",
    "Engineer",
    "Senior Engineer",
    "Specialist",
    "Coordinator",
    "Consultant",
    "Team Lead",
    "Manager",
    "Director",
)
# Preferred channels, most preferred first.
PREFERENCES = (
    "email,meeting",
    "chat,email",
    "meeting,call",
    "call,email",
    "in_person,meeting",
    "email,chat,call",
)
# Time zone, country, language, share of departments placed there.
ZONES = (
    ("Europe/Berlin", "DE", "de", 0.25),
    ("America/New_York", "US", "en-US", 0.2),
    ("Europe/London", "GB", "en-GB", 0.15),
    ("Asia/Singapore", "SG", "en-SG", 0.1),
    ("America/Los_Angeles", "US", "en-US", 0.1),
    ("Europe/Paris", "FR", "fr", 0.1),
    ("Asia/Tokyo", "JP", "ja", 0.05),
    ("Australia/Sydney", "AU", "en-AU", 0.05),
)


def department_name(i: int) -> str:
    base = DEPARTMENTS[i % len(DEPARTMENTS)]
    return base if i < len(DEPARTMENTS) else f"{base} {i // len(DEPARTMENTS) + 1}"


def team_name(i: int) -> str:
    base = TEAMS[i % len(TEAMS)]
    return base if i < len(TEAMS) else f"{base} {i // len(TEAMS) + 1}"
