"""Region administration: municipalities' own figures (with source), joined dates, coordinators."""
from __future__ import annotations

from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import Municipality, Season, StaffUser

from .factories import make_staff


def _post(auth, path, data):
    return auth.client.post(path, data={"csrf_token": auth.token(path), **data}, follow_redirects=True)


def test_a_coordinator_keeps_the_figures_of_their_own_municipality(app, client, auth, world):
    auth.staff("coordinator@maastricht.example.nl")
    path = f"/gemeente/{world.maastricht_id}/gegevens"
    assert "Doet mee aan het programma" not in client.get(path).get_data(as_text=True)  # admins only
    refused = _post(auth, path, {"mayor_name": "A. Burgemeester", "children_8_12": "6100", "children_source": ""})
    assert "Geef aan waar het aantal kinderen vandaan komt" in refused.get_data(as_text=True)
    _post(auth, path, {"mayor_name": "A. Burgemeester", "children_8_12": "6100", "children_source": "CBS",
                       "children_year": "2026", "joined_on": "2020-01-01"})
    with app.app_context():
        maastricht = db.session.get(Municipality, world.maastricht_id)
        assert (maastricht.children_8_12, maastricht.children_source, maastricht.children_year) == (6100, "CBS", 2026)
        assert maastricht.mayor_name == "A. Burgemeester" and str(maastricht.joined_on) != "2020-01-01"
    assert client.get(f"/gemeente/{world.heerlen_id}/gegevens").status_code == 403


def test_an_admin_records_joining_and_assigns_a_coordinator(app, client, auth, world):
    with app.app_context():
        make_staff(db.session, "nieuw@gemeente.example.nl", "teacher", school_id=world.school_id)
        db.session.commit()
    auth.staff("admin@region.example.nl")
    edit = f"/gemeente/{world.heerlen_id}/gegevens"
    _post(auth, edit, {"children_8_12": "4400", "children_source": "CBS", "children_year": "2025",
                       "joined_on": "2026-09-14"})
    page = _post(auth, "/beheer/gemeenten", {"email": "NIEUW@gemeente.example.nl",
                                             "municipality_id": str(world.heerlen_id)}).get_data(as_text=True)
    assert "is nu coördinator van Heerlen" in page
    unknown = _post(auth, "/beheer/gemeenten", {"email": "niemand@example.nl", "municipality_id": str(world.heerlen_id)})
    assert "Er is geen goedgekeurd medewerkersaccount" in unknown.get_data(as_text=True)
    with app.app_context():
        person = db.session.scalar(select(StaffUser).where(StaffUser.email == "nieuw@gemeente.example.nl"))
        assert (person.role, person.municipality_id, person.school_id) == ("coordinator", world.heerlen_id, None)
        assert person.needs_second_factor  # a coordinator always uses a second factor
        heerlen = db.session.get(Municipality, world.heerlen_id)
        assert str(heerlen.joined_on) == "2026-09-14" and heerlen.children_year == 2025


def test_only_admins_manage_the_region(client, auth, world):
    auth.staff("coordinator@maastricht.example.nl")
    assert client.get("/beheer/gemeenten").status_code == 403


def test_a_coordinator_adds_schools_and_libraries_of_their_own_municipality_only(app, client, auth, world):
    auth.staff("coordinator@maastricht.example.nl")
    path = f"/gemeente/{world.maastricht_id}/scholen"
    page = client.get(path).get_data(as_text=True)
    assert "Basisschool De Regenboog" in page and "OBS Het Kompas" not in page  # Heerlen's school is not listed
    added = _post(auth, path, {"name": "IKC De Sterrenwacht", "place": "Maastricht",
                               "municipality_id": str(world.maastricht_id)})
    assert "IKC De Sterrenwacht is toegevoegd" in added.get_data(as_text=True)
    elsewhere = _post(auth, path, {"name": "Stiekeme School", "municipality_id": str(world.heerlen_id)})
    assert elsewhere.status_code == 400  # not a choice on this page
    assert client.get(f"/gemeente/{world.heerlen_id}/bibliotheken").status_code == 403
    assert client.get(f"/gemeente/{world.maastricht_id}/zwembaden").status_code == 404


def test_schools_are_corrected_and_a_seasons_cut_off_moved_within_the_year(app, client, auth, world):
    auth.staff("coordinator@maastricht.example.nl")
    path = f"/gemeente/{world.maastricht_id}/scholen/{world.school_id}"
    _post(auth, path, {"name": "Basisschool De Regenboog (locatie Noord)", "place": "Maastricht"})
    assert "locatie Noord" in client.get(f"/gemeente/{world.maastricht_id}/scholen").get_data(as_text=True)
    assert client.get(f"/gemeente/{world.maastricht_id}/scholen/{world.other_school_id}").status_code == 404
    auth.sign_out()
    auth.staff("admin@region.example.nl")
    with app.app_context():
        season = db.session.get(Season, world.season_id)
        inside, outside = season.ends_on.replace(month=5, day=15), season.ends_on.replace(month=12, day=1)
    seasons = "/beheer/seizoenen"
    moved = auth.client.post(f"{seasons}/{world.season_id}/peildatum", data={
        "csrf_token": auth.token(seasons), "cutoff_on": inside.isoformat()}, follow_redirects=True)
    assert "De peildatum van" in moved.get_data(as_text=True)
    refused = auth.client.post(f"{seasons}/{world.season_id}/peildatum", data={
        "csrf_token": auth.token(seasons), "cutoff_on": outside.isoformat()}, follow_redirects=True)
    assert "De peildatum moet in het schooljaar vallen" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Season, world.season_id).cutoff_on == inside
