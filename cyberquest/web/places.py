"""Adding schools and libraries: admins for the whole region, coordinators for their own municipality."""
from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import Library, Municipality, School
from ..services.organisation import create_place, rename_place
from .forms import PlaceForm, SchoolForm, options

PLACE_KINDS = {
    "scholen": (School, _l("Schools"), _l("Add a school")),
    "bibliotheken": (Library, _l("Libraries"), _l("Add a library")),
}


def places_page(kind: str, municipalities: list[Municipality], back: str, edit_url: Callable[[object], str]):
    """The list of schools or libraries in ``municipalities``, with a form to add one there."""
    if kind not in PLACE_KINDS:
        abort(404)
    model, title, add_title = PLACE_KINDS[kind]
    form = SchoolForm()
    form.municipality_id.choices = options([(m.id, m.name) for m in municipalities])
    status = 200
    if form.validate_on_submit():
        try:
            item = create_place(db.session, model, name=form.name.data, place=form.place.data,
                                municipality_id=form.municipality_id.data)
        except ValueError:
            db.session.rollback()
            flash(_("That name already exists in this municipality."), "error")
            status = 400
        else:
            db.session.commit()
            flash(_("%(name)s is added.", name=item.name), "success")
            return redirect(back)
    elif form.errors:
        status = 400
    ids = [m.id for m in municipalities]
    items = db.session.scalars(select(model).join(Municipality).where(Municipality.id.in_(ids))
                               .order_by(Municipality.name, model.name))
    return render_template("admin/places.html", form=form, items=list(items), title=title,
                           add_title=add_title, kind=kind, edit_url=edit_url), status


def place_edit_page(kind: str, item_id: int, municipalities: list[Municipality], back: str):
    """Correct the name or place of one school or library in ``municipalities``."""
    if kind not in PLACE_KINDS:
        abort(404)
    model, title, _add = PLACE_KINDS[kind]
    item = db.session.get(model, item_id)
    if item is None or item.municipality_id not in {m.id for m in municipalities}:
        abort(404)
    form = PlaceForm(obj=item)
    if form.validate_on_submit():
        try:
            rename_place(db.session, item, name=form.name.data, place=form.place.data)
        except ValueError:
            db.session.rollback()
            form.name.errors = [_("That name already exists in this municipality.")]
        else:
            db.session.commit()
            flash(_("%(name)s is saved.", name=item.name), "success")
            return redirect(back)
    return render_template("admin/place_edit.html", form=form, item=item, title=title, back=back), \
        400 if form.errors else 200
