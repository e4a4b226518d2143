"""Every read of real names and every export of personal data is in the audit log, with ids only (DESIGN §7)."""
from __future__ import annotations

from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import Agent, AuditEntry, Ceremony, CeremonyJob

from .test_ceremony_pack import _setup


def _log(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [tuple(row) for row in db.session.execute(select(AuditEntry.action, AuditEntry.subject)
                                                         .order_by(AuditEntry.id))]


def test_name_reads_and_exports_are_audited_with_ids_only(app, client, auth, world, tmp_path):
    _setup(app, world)  # qualified children, two with consented names, a ceremony
    with app.app_context():
        db.session.get(Agent, world.agent_id).private_note = "Sanne"
        db.session.commit()
    klass, agent, group, learner = world.class_id, world.agent_id, world.group_id, world.learner_id

    auth.staff("teacher@school.example.nl")
    assert client.get(f"/leerkracht/klassen/{klass}/ceremonie").status_code == 200
    assert client.get(f"/leerkracht/klassen/{klass}/agenten/{agent}").status_code == 200
    for export in ("voortgang.csv", "rapport.pdf", f"agenten/{agent}/gegevens.json"):
        assert client.get(f"/leerkracht/klassen/{klass}/{export}").status_code == 200, export
    auth.sign_out()
    auth.staff("trainer@library.example.nl")
    for export in ("voortgang.csv", "rapport.pdf", f"deelnemers/{learner}/gegevens.json"):
        assert client.get(f"/begeleider/groepen/{group}/{export}").status_code == 200, export
    auth.sign_out()
    auth.staff("coordinator@maastricht.example.nl")
    assert client.get(f"/gemeente/{world.maastricht_id}/ceremonie").status_code == 200
    auth.sign_out()
    with app.app_context():
        ceremony_id = db.session.scalar(select(Ceremony.id))
        folder = tmp_path / "pack"
        folder.mkdir()
        (folder / "attendees.csv").write_text("Sanne V.\n")
        job = CeremonyJob(ceremony_id=ceremony_id, status="done", folder=str(folder))
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    auth.staff("admin@region.example.nl")
    assert client.get(f"/beheer/ceremonies/taken/{job_id}/pakket.zip").status_code == 200

    assert _log(app) == [
        ("read_names", f"class:{klass}"), ("read_names", f"class:{klass}:agent:{agent}"),
        ("export_class_csv", f"class:{klass}"), ("export_class_pdf", f"class:{klass}"),
        ("export_agent", f"class:{klass}"),
        ("export_group_csv", f"group:{group}"), ("export_group_pdf", f"group:{group}"),
        ("export_learner", f"group:{group}"),
        ("read_names", f"municipality:{world.maastricht_id}"),
        ("export_ceremony_pack", f"ceremony:{ceremony_id}:job:{job_id}"),
    ]


def test_a_private_note_is_a_name_read_only_for_those_shown_it(app, client, auth, world):
    """The note is for the class's own teachers: their class page and child's page show it, an admin's not."""
    with app.app_context():
        db.session.get(Agent, world.agent_id).private_note = "Wietske"
        db.session.commit()
    class_page = f"/leerkracht/klassen/{world.class_id}"
    child_page = f"{class_page}/agenten/{world.agent_id}"
    auth.staff("admin@region.example.nl")
    for page in (class_page, child_page):
        shown = client.get(page)
        assert shown.status_code == 200 and "Wietske" not in shown.get_data(as_text=True), page
    assert _log(app) == []
    auth.sign_out()
    auth.staff("teacher@school.example.nl")
    for page in (class_page, child_page):
        assert "Wietske" in client.get(page).get_data(as_text=True), page
    assert _log(app) == [("read_names", f"class:{world.class_id}"),
                         ("read_names", f"class:{world.class_id}:agent:{world.agent_id}")]
