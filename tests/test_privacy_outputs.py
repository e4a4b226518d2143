"""Where a consented name may appear (DESIGN §7): the class's own teacher pages and the ceremony documents;
never boards, API, widget, progress exports, other children's pages, error pages or logs. PINs and
passwords never reach a log either."""
from __future__ import annotations

import logging

from cyberquest.extensions import db
from cyberquest.models import Agent, MissionProgress, XpEntry, utcnow
from cyberquest.services import consent

from .factories import STAFF_PASSWORD, make_agent
from .pdf_text import pdf_text

NAME = "Zoë Q."  # as the parent wrote it on the return slip
NOTE = "Zoë uit groep 7"
PIN = "9753"


def _named_child(app, world) -> int:
    """A qualified child with a consented name and a private note, who signs in with her own PIN."""
    with app.app_context():
        agent = make_agent(db.session, world.class_id, "Vlugge Otter", pin=PIN)
        agent.private_note = NOTE
        db.session.add_all([
            MissionProgress(agent_id=agent.id, season_id=world.season_id, mission_id="alle-soorten", position=7,
                            finished_at=utcnow()),
            XpEntry(agent_id=agent.id, season_id=world.season_id, source_type="mission", source_id="alle-soorten",
                    step_key="#done", xp=150, created_at=utcnow())])
        consent.record(db.session, db.session.get(Agent, agent.id), world.season_id, NAME, world.teacher_id)
        db.session.commit()
        return agent.id


def _texts(client, paths: list[str]) -> dict[str, str]:
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        pages[path] = response.get_data(as_text=True)
    return pages


def test_a_consented_name_appears_only_where_it_may(app, client, auth, world, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    agent_id = _named_child(app, world)
    own_pages = [f"/leerkracht/klassen/{world.class_id}/agenten/{agent_id}"]
    never = [
        "/ranglijst", f"/ranglijst/gemeenten/{world.maastricht_id}", f"/ranglijst/scholen/{world.school_id}",
        "/embed/leaderboard", "/api/v1/seasons", "/api/v1/leaderboards/municipalities",
        f"/api/v1/leaderboards/municipalities/{world.maastricht_id}/schools", "/bestaat-niet",
    ]
    seen = _texts(client, never)

    auth.agent(world.class_code, "Vlugge Otter", PIN)
    seen |= _texts(client, ["/agent/", "/agent/klassenbord", "/agent/badges"])
    auth.sign_out()
    auth.agent(world.class_code, "Snelle Vos", "1234")  # a classmate
    seen |= {f"classmate {path}": text for path, text in _texts(client, ["/agent/klassenbord"]).items()}
    auth.sign_out()

    auth.staff("teacher@school.example.nl")
    teacher_pages = _texts(client, own_pages)
    assert all(NAME in text and NOTE in text for text in teacher_pages.values())  # the class's own teacher sees them
    seen |= _texts(client, [f"/leerkracht/klassen/{world.class_id}/voortgang.csv",
                            f"/leerkracht/klassen/{world.class_id}/agenten/{agent_id}/bestaat-niet"])
    auth.sign_out()

    auth.staff("coordinator@maastricht.example.nl")
    seen |= _texts(client, [f"/gemeente/{world.maastricht_id}"])
    summary = client.get(f"/gemeente/{world.maastricht_id}/samenvatting.pdf")
    assert summary.status_code == 200
    seen["summary.pdf"] = pdf_text(summary.data, tmp_path)
    auth.sign_out()

    leaks = [where for where, text in seen.items() if NAME in text or NOTE in text or "Zoë" in text]
    assert leaks == []
    # Every record any logger wrote during the journey, at every level (the gunicorn test greps the access log).
    logged = caplog.text
    assert caplog.records
    for secret in (NAME, NOTE, "Zoë", PIN, STAFF_PASSWORD):
        assert secret not in logged, secret
