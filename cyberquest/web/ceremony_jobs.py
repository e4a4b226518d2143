"""Running a queued ceremony pack in a background thread of this web process, with its own app context."""
from __future__ import annotations

import threading
from dataclasses import asdict
from pathlib import Path

from flask import Flask

from ..extensions import db
from ..models import Ceremony, CeremonyJob, utcnow
from ..services import ceremony_pack


def run_job(app: Flask, job_id: int, folder: Path) -> None:
    """Generate the pack of a queued job, recording the outcome for the status page."""
    with app.app_context():
        job = db.session.get(CeremonyJob, job_id)
        job.status = "running"
        db.session.commit()
        try:
            ceremony = db.session.get(Ceremony, job.ceremony_id)
            outcome = ceremony_pack.generate(db.session, app.extensions["cyberquest.content"].pack, ceremony,
                                             folder, force=True, language=job.language, save=job.save)
        except ceremony_pack.PackError as error:
            db.session.rollback()
            job.status, job.message = "failed", str(error)[:300]
        else:
            job.status, job.folder = "done", str(folder)
            job.changes = [asdict(change) for change in outcome.changes]
        job.finished_at = utcnow()
        db.session.commit()


def run_in_background(app: Flask, job_id: int, folder: Path) -> threading.Thread:
    thread = threading.Thread(target=run_job, args=(app, job_id, folder), daemon=True)
    thread.start()
    return thread
