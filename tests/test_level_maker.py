"""The Agent Level Maker (issue 9): build, filter, review, play, share and export, with DESIGN §7 intact."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from cyberquest.extensions import db
from cyberquest.models import BadgeAward, MadeMission, SchoolClass, XpEntry
from cyberquest.services import word_filter
from cyberquest.services.seasons import create_season, start_year_of

from .conftest import csrf_from
from .factories import PIN, make_agent

PROJECT = Path(__file__).resolve().parents[1]
HOTSPOT = {"screen": "whatsapp", "sender": "Onbekend nummer", "explain": "Bel je moeder op haar oude nummer.",
           "parts-0-text": "Hoi mam, dit is mijn nieuwe nummer", "parts-0-suspicious": "y",
           "parts-0-why": "Een nieuw nummer is een bekende truc.",
           "parts-1-text": "Kun je snel 300 euro overmaken?", "parts-1-suspicious": "y",
           "parts-1-why": "Haast en geld vragen: oplichting.", "parts-2-text": "Liefs"}
CHOICE = {"question": "Wat doe je?", "options-0-text": "Meteen betalen", "options-1-text": "Mama bellen op haar oude nummer",
          "options-1-right": "y", "explain": "Bellen is veilig."}
TRUEFALSE = {"statement": "Een bank vraagt nooit om je pincode.", "answer": "true"}


def _post(client, path: str, data: dict, token_page: str | None = None):
    """Post like the page does: with the CSRF token of ``token_page`` (default: the page itself)."""
    token = csrf_from(client.get(token_page or path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data})


def _build(client, title: str = "Hoi mam!") -> int:
    """A whole mission through the pages: returns its id."""
    token = csrf_from(client.get("/agent/maker").get_data(as_text=True))
    made_id = int(client.post("/agent/maker/nieuw", data={"csrf_token": token}).location.rstrip("/").split("/")[-1])
    assert _post(client, f"/agent/maker/{made_id}", {"title": title, "intro": "Je krijgt een appje.",
                                                      "tip": "Bel altijd even terug."}).status_code == 302
    for kind, data in (("hotspot", HOTSPOT), ("choice", CHOICE), ("truefalse", TRUEFALSE)):
        saved = _post(client, f"/agent/maker/{made_id}/stap/nieuw/{kind}", data)
        assert saved.status_code == 302, saved.get_data(as_text=True)
    return made_id


def _submit(client, made_id: int):
    token = csrf_from(client.get(f"/agent/maker/{made_id}").get_data(as_text=True))
    return client.post(f"/agent/maker/{made_id}/insturen", data={"csrf_token": token})


def _review(client, class_id: int, made_id: int, decision: str, **extra):
    return _post(client, f"/leerkracht/klassen/{class_id}/gemaakt/{made_id}", {"decision": decision, **extra})


def _approved(client, auth, world) -> int:
    """Snelle Vos builds and sends a mission, the teacher approves it; nobody stays signed in."""
    auth.agent(world.class_code, "Snelle Vos", PIN)
    made_id = _build(client)
    _submit(client, made_id)
    auth.sign_out()
    auth.staff("teacher@school.example.nl")
    _review(client, world.class_id, made_id, "approve")
    auth.sign_out()
    return made_id


def _play_all(client, mission_id: str) -> str:
    """Play a made mission to the end with the right answers; returns the closing page."""
    token = csrf_from(client.get("/agent/").get_data(as_text=True))
    client.post(f"/agent/missie/{mission_id}/start", data={"csrf_token": token})
    answers = {"stap-1": {"part": ["0", "1"]}, "stap-2": {"option": "1"}, "stap-3": {"answer": "true"}}
    for key, answer in answers.items():
        assert client.post(f"/agent/missie/{mission_id}/stap/{key}", data={"csrf_token": token, **answer}).status_code \
            == 200
    return client.get(f"/agent/missie/{mission_id}").get_data(as_text=True)


def _xp(app, agent_id: int, source_type: str) -> int:
    with app.app_context():
        return db.session.scalar(select(func.coalesce(func.sum(XpEntry.xp), 0)).where(
            XpEntry.agent_id == agent_id, XpEntry.source_type == source_type))


def test_a_child_builds_the_teacher_approves_and_the_class_plays(app, client, auth, world):
    with app.app_context():
        classmate = make_agent(db.session, world.class_id, "Vlugge Vink").id
        db.session.commit()
    auth.agent(world.class_code, "Snelle Vos", PIN)
    made_id = _build(client)
    overview = client.get(f"/agent/maker/{made_id}").get_data(as_text=True)
    assert "Stap 1: Nepbericht: vind wat verdacht is" in overview and "Hoi mam, dit is mijn nieuwe nummer" in overview
    preview = client.get(f"/agent/maker/{made_id}/voorbeeld?stap=1").get_data(as_text=True)
    assert 'name="part"' in preview and "Onbekend nummer" in preview  # the player's own screen
    tried = _post(client, f"/agent/maker/{made_id}/voorbeeld/stap/1", {"part": ["0", "1"]},
                  token_page=f"/agent/maker/{made_id}/voorbeeld?stap=1").get_data(as_text=True)
    assert "Goed!" in tried
    assert _submit(client, made_id).status_code == 302
    mission_id = f"gemaakt-{made_id}"
    auth.sign_out()

    auth.agent(world.class_code, "Vlugge Vink", PIN)  # not approved yet: nothing of it anywhere for a classmate
    assert "Hoi mam!" not in client.get("/agent/").get_data(as_text=True)
    assert client.get(f"/agent/missie/{mission_id}").status_code == 404
    auth.sign_out()

    auth.staff("teacher@school.example.nl")
    queue = client.get(f"/leerkracht/klassen/{world.class_id}/gemaakt").get_data(as_text=True)
    assert "Hoi mam!" in queue
    assert _review(client, world.class_id, made_id, "approve").status_code == 302
    auth.sign_out()
    assert _xp(app, world.agent_id, "made_mission") == 50  # the maker's reward for an approved mission
    with app.app_context():
        assert db.session.scalar(select(BadgeAward.badge_id).where(BadgeAward.agent_id == world.agent_id,
                                                                   BadgeAward.badge_id == "t-maker")) == "t-maker"

    auth.agent(world.class_code, "Vlugge Vink", PIN)
    home = client.get("/agent/").get_data(as_text=True)
    assert "Hoi mam!" in home and "gemaakt door een agent uit je klas" in home and "Snelle Vos" not in home
    done = _play_all(client, mission_id)
    assert "Missie geslaagd!" in done and "Je verdiende 50 XP in deze missie." in done
    assert _xp(app, classmate, "made_mission") == 3 * 10 + 20  # steps as usual, a small finishing bonus
    auth.sign_out()

    auth.agent(world.class_code, "Snelle Vos", PIN)  # the maker plays their own mission: no XP
    token = csrf_from(client.get(f"/agent/maker/{made_id}").get_data(as_text=True))
    client.post(f"/agent/maker/{made_id}/uitproberen", data={"csrf_token": token})
    assert "Je verdiende 0 XP in deze missie." in _play_all(client, mission_id)
    assert _xp(app, world.agent_id, "made_mission") == 50
    auth.sign_out()

    auth.agent(world.other_class_code, "Slimme Uil", PIN)  # another class cannot see it
    assert "Hoi mam!" not in client.get("/agent/").get_data(as_text=True)
    assert client.get(f"/agent/missie/{mission_id}").status_code == 404


def test_sent_back_with_a_remark_then_changed_and_sent_again(app, client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    made_id = _build(client)
    _submit(client, made_id)
    assert client.get(f"/agent/maker/{made_id}/stap/1").status_code == 302  # not editable while with the teacher
    auth.sign_out()
    auth.staff("teacher@school.example.nl")
    _review(client, world.class_id, made_id, "return", remark="unclear", remark_text="Maak vraag 2 duidelijker.")
    auth.sign_out()
    auth.agent(world.class_code, "Snelle Vos", PIN)
    listing = client.get("/agent/maker").get_data(as_text=True)
    assert "Maak vraag 2 duidelijker." in listing and "Lees ze hardop" in listing
    assert _post(client, f"/agent/maker/{made_id}/stap/2", {**CHOICE, "question": "Wat doe je nu?"}).status_code == 302
    assert _submit(client, made_id).status_code == 302
    with app.app_context():
        made = db.session.get(MadeMission, made_id)
        assert made.status == "submitted" and made.content["steps"][1]["question"] == "Wat doe je nu?"
        assert made.content["steps"][1]["id"] == "stap-2"  # step ids stay when a step changes


def test_what_is_not_finished_is_said_in_a_childs_words(app, client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    token = csrf_from(client.get("/agent/maker").get_data(as_text=True))
    made_id = int(client.post("/agent/maker/nieuw", data={"csrf_token": token}).location.rstrip("/").split("/")[-1])
    refused = _submit(client, made_id)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Geef je missie een titel." in page and "Een missie heeft 3 tot 6 stappen." in page
    too_long = _post(client, f"/agent/maker/{made_id}", {"title": "x" * 61, "intro": "a", "tip": "b"})
    assert too_long.status_code == 400 and "Iets korter graag: hoogstens 60 letters." in too_long.get_data(as_text=True)
    no_right = _post(client, f"/agent/maker/{made_id}/stap/nieuw/choice", {**CHOICE, "options-1-right": ""})
    assert no_right.status_code == 400 and "Vink het goede antwoord aan." in no_right.get_data(as_text=True)
    nothing_suspicious = _post(client, f"/agent/maker/{made_id}/stap/nieuw/hotspot",
                               {**HOTSPOT, "parts-0-suspicious": "", "parts-1-suspicious": ""})
    assert "Markeer minstens één deel als verdacht." in nothing_suspicious.get_data(as_text=True)


def test_the_filter_flags_each_category_and_lets_clean_text_through(app):
    words = word_filter.load_words(PROJECT / "modules" / "word_filter.toml")
    names = word_filter.first_names(["Sanne V.", "Daan K."])
    examples = {
        "insult": "Jij bent een 1d10ot", "phone": "Bel me op 06-12345678", "email": "Mail naar piet@voorbeeld.nl",
        "address": "Ik woon op de Kerkstraat 12", "name": "Sanne zit naast mij", "link": "Klik op www.bank-veilig.nl",
    }
    for category, text in examples.items():
        assert [c for c, _found in word_filter.scan_text(text, words, names)] == [category], text
    assert word_filter.scan_text("You are so stupid", words, names) == [("insult", "stupid")]
    assert word_filter.scan_text("Call +31 6 1234 5678 now", words, names)[0][0] == "phone"
    assert word_filter.scan_text("I live at 12 Baker Street", words, names)[0][0] == "address"
    for clean in ("Hoi mam, dit is mijn nieuwe nummer", "Je wint een prijs! Kost maar 12,50 euro.",
                  "Om 10.30 uur belt de bank nooit", "Oma woont in Maastricht", "Daantje heeft een nieuwe fiets"):
        assert word_filter.scan_text(clean, words, names) == [], clean


def test_flags_are_shown_to_the_child_and_to_the_teacher(app, client, auth, world):
    from cyberquest.models import Agent
    from cyberquest.services import consent
    with app.app_context():
        consent.record(db.session, db.session.get(Agent, world.agent_id), world.season_id, "Sanne V.",
                       world.teacher_id)
        db.session.commit()
    auth.agent(world.class_code, "Snelle Vos", PIN)
    made_id = _build(client, title="Sanne zegt: bel 06-12345678")
    overview = client.get(f"/agent/maker/{made_id}").get_data(as_text=True)
    assert "naam van iemand uit je klas: sanne" in overview and "telefoonnummer: 06-12345678" in overview
    _submit(client, made_id)
    auth.sign_out()
    auth.staff("teacher@school.example.nl")
    review = client.get(f"/leerkracht/klassen/{world.class_id}/gemaakt/{made_id}").get_data(as_text=True)
    assert "naam uit de klas" in review and "telefoonnummer" in review and "06-12345678" in review


def test_typed_html_is_shown_as_text_everywhere(app, client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    made_id = _build(client, title="<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in client.get(f"/agent/maker/{made_id}").get_data(as_text=True)
    _submit(client, made_id)
    auth.sign_out()
    auth.staff("teacher@school.example.nl")
    page = client.get(f"/leerkracht/klassen/{world.class_id}/gemaakt/{made_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)</script>" not in page


def test_a_coordinator_shares_it_with_the_municipality_without_names(app, client, auth, world):
    with app.app_context():
        neighbours = SchoolClass(school_id=world.other_school_id, season_id=world.season_id, name="Groep 8b",
                                 class_code="BUREN8")
        maastricht_class = SchoolClass(school_id=world.school_id, season_id=world.season_id, name="Groep 6",
                                       class_code="ZESMAA")
        db.session.add_all([neighbours, maastricht_class])
        db.session.flush()
        make_agent(db.session, maastricht_class.id, "Rappe Ree")
        db.session.commit()
    made_id = _approved(client, auth, world)
    auth.agent("ZESMAA", "Rappe Ree", PIN)
    assert "Hoi mam!" not in client.get("/agent/").get_data(as_text=True)  # another class: not before sharing
    auth.sign_out()
    auth.staff("coordinator@heerlen.example.nl")  # not their municipality
    assert _post(client, f"/gemeente/{world.heerlen_id}/gemaakte-missies/{made_id}/delen", {},
                 token_page=f"/gemeente/{world.heerlen_id}/gemaakte-missies").status_code == 404
    auth.sign_out()
    auth.staff("coordinator@maastricht.example.nl")
    page = client.get(f"/gemeente/{world.maastricht_id}/gemaakte-missies").get_data(as_text=True)
    assert "Hoi mam!" in page and "Snelle Vos" not in page
    assert _post(client, f"/gemeente/{world.maastricht_id}/gemaakte-missies/{made_id}/delen", {},
                 token_page=f"/gemeente/{world.maastricht_id}/gemaakte-missies").status_code == 302
    auth.sign_out()
    auth.agent("ZESMAA", "Rappe Ree", PIN)
    home = client.get("/agent/").get_data(as_text=True)
    assert "Hoi mam!" in home and "gemaakt door een Cyber Agent uit Maastricht" in home
    assert "Snelle Vos" not in home and "Regenboog" not in home
    mission_page = f"/agent/missie/gemaakt-{made_id}"
    assert client.get(mission_page).status_code == 200
    auth.sign_out()
    auth.agent(world.other_class_code, "Slimme Uil", PIN)  # Heerlen: still not
    assert "Hoi mam!" not in client.get("/agent/").get_data(as_text=True)
    assert client.get(mission_page).status_code == 404
    auth.sign_out()
    with app.app_context():  # a mission shared in an earlier season stays out of this season's mission maps
        made = db.session.get(MadeMission, made_id)
        made.season_id = create_season(db.session, start_year_of(date.today()) - 1).id
        db.session.commit()
    auth.agent("ZESMAA", "Rappe Ree", PIN)
    assert "Hoi mam!" not in client.get("/agent/").get_data(as_text=True)
    assert client.get(mission_page).status_code == 404


def test_the_export_passes_the_content_check_unchanged(app, client, auth, runner, world, tmp_path):
    made_id = _approved(client, auth, world)
    auth.staff("admin@region.example.nl")
    assert "Hoi mam!" in client.get("/beheer/gemaakte-missies").get_data(as_text=True)
    exported = client.get(f"/beheer/gemaakte-missies/{made_id}.toml")
    assert exported.status_code == 200 and exported.headers["Content-Disposition"].endswith(f'gemaakt-{made_id}.toml"')
    root = tmp_path / "modules"
    shutil.copytree(PROJECT / "modules", root)
    (root / "missions" / f"gemaakt-{made_id}.toml").write_bytes(exported.data)
    result = runner.invoke(args=["content", "check", str(root)])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output
    assert [line for line in result.output.splitlines() if f"gemaakt-{made_id}.toml" in line and "warning" not in line] \
        == []  # only the warnings that English is missing


def test_erasing_the_maker_removes_their_missions(app, client, auth, world):
    from cyberquest.services import erasure
    auth.agent(world.class_code, "Snelle Vos", PIN)
    _build(client)
    with app.app_context():
        erasure.erase_agent(db.session, world.agent_id, world.teacher_id)
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(MadeMission)) == 0


def test_at_most_five_unfinished_missions(app, client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    token = csrf_from(client.get("/agent/maker").get_data(as_text=True))
    for _ in range(5):
        assert "/agent/maker/" in client.post("/agent/maker/nieuw", data={"csrf_token": token}).location
    refused = client.post("/agent/maker/nieuw", data={"csrf_token": token}, follow_redirects=True)
    assert "5 onafgemaakte missies" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MadeMission)) == 5
