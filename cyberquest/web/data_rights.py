"""The two data-rights screens teachers and trainers share: export one person, erase one person."""
from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template

from ..extensions import db
from .commits import audited
from .downloads import json_download
from .forms import EraseForm


def export_person(data: Callable[[], dict], action: str, subject: str, filename: str):
    """All data of one person as JSON; the export is written to the audit log (ids only)."""
    audited(action, subject)
    return json_download(data(), filename)


def erase_person(erase: Callable[[], object], who: str, back: str, done: str, message: str):
    """Ask for a ticked box, then erase for good (the service writes the audit entry)."""
    form = EraseForm()
    if form.validate_on_submit():
        erase()
        db.session.commit()
        flash(message, "success")
        return redirect(done)
    return render_template("privacy/erase.html", form=form, who=who, back=back), 400 if form.errors else 200
