"""Signing in through the real pages, as a person would."""
from __future__ import annotations

from ..factories import PIN, STAFF_PASSWORD


def sign_in_staff(page, email: str, password: str = STAFF_PASSWORD) -> None:
    page.goto("/inloggen/medewerker")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_label("Wachtwoord").press("Enter")
    page.wait_for_load_state()


def sign_in_card(page, path: str, code: str, name: str, pin: str = PIN) -> None:
    page.goto(path)
    page.get_by_label("Code", exact=True).fill(code)
    page.get_by_label("Naam", exact=True).fill(name)
    page.get_by_label("Pincode", exact=True).fill(pin)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
