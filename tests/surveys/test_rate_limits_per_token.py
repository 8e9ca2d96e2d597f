"""Survey links are limited per token; guessing is slowed per address without blocking raters."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def respond_url(token: str) -> str:
    return reverse("surveys:respond", args=[token])


def test_bad_tokens_from_one_address_do_not_block_a_valid_rater_behind_it(it_campaign, settings):
    settings.TRUSTLEDGER_SURVEY_IP_INVALID = 3
    office = Client(REMOTE_ADDR="198.51.100.7")  # one proxy in front of everyone
    codes = [office.get(respond_url(f"guess{i:040d}")).status_code for i in range(5)]
    assert codes == [404, 404, 404, 429, 429]
    valid = office.get(respond_url(it_campaign.tokens["fin0@testco.example"]))
    assert valid.status_code in (200, 302)
    # the guesser behind the same address is still slowed
    assert office.get(respond_url("guess" + "9" * 40)).status_code == 429


def test_another_address_can_still_try_tokens(it_campaign, settings):
    settings.TRUSTLEDGER_SURVEY_IP_INVALID = 2
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for i in range(3):
        guesser.get(respond_url(f"guess{i:040d}"))
    assert Client(REMOTE_ADDR="192.0.2.1").get(respond_url("x" * 43)).status_code == 404
