"""The login-card PDF: one page per child, a decodable QR code that signs that child in."""
from __future__ import annotations

import shutil
import subprocess

import zxingcpp
from PIL import Image

from .conftest import Auth, missing_requirement
from .factories import PIN


def _pdf_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing_requirement("poppler-utils (pdfinfo, pdftoppm, pdftotext)")
    return path


def test_teacher_prints_cards_for_the_class(app, client, auth, world, tmp_path):
    auth.staff("teacher@school.example.nl")
    path = f"/leerkracht/klassen/{world.class_id}"
    client.post(f"{path}/agenten", data={"csrf_token": auth.token(path), "count": "2"})
    response = client.post(f"{path}/inlogkaarten", data={"csrf_token": auth.token(path)})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    pdf = tmp_path / "cards.pdf"
    pdf.write_bytes(response.data)

    info = subprocess.run([_pdf_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           3" in info  # Snelle Vos and the two new agents
    text = subprocess.run([_pdf_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count(world.class_code) == 3 and "Snelle Vos" in text

    subprocess.run([_pdf_tool("pdftoppm"), "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 3
    urls = [zxingcpp.read_barcodes(Image.open(page))[0].text for page in pages]
    assert all("/inloggen/kaart#" in url for url in urls)

    # Snelle Vos's card: its QR code signs Snelle Vos in; the old PIN 1234 is revoked.
    page_texts = [subprocess.run([_pdf_tool("pdftotext"), "-f", str(n), "-l", str(n), str(pdf), "-"],
                                 capture_output=True, text=True, check=True).stdout for n in (1, 2, 3)]
    snelle_vos = next(n for n, page_text in enumerate(page_texts) if "Snelle Vos" in page_text)
    child = app.test_client()
    child_auth = Auth(child)
    assert child_auth.agent(world.class_code, "Snelle Vos", PIN).status_code == 401
    token = urls[snelle_vos].split("#", 1)[1]
    assert child_auth.post("/inloggen/kaart", {"token": token}).headers["Location"] == "/agent/"
    assert "Welkom, agent Snelle Vos" in child.get("/agent/").get_data(as_text=True)


def test_another_teacher_cannot_print_the_cards(client, auth, world):
    auth.staff("other.teacher@school.example.nl")
    path = f"/leerkracht/klassen/{world.other_class_id}"
    response = client.post(f"/leerkracht/klassen/{world.class_id}/inlogkaarten", data={"csrf_token": auth.token(path)})
    assert response.status_code == 403


def test_trainer_prints_cards_for_the_group(client, auth, world, tmp_path):
    auth.staff("trainer@library.example.nl")
    path = f"/begeleider/groepen/{world.group_id}"
    response = client.post(f"{path}/inlogkaarten", data={"csrf_token": auth.token(path)})
    pdf = tmp_path / "group.pdf"
    pdf.write_bytes(response.data)
    text = subprocess.run([_pdf_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Annie" in text and world.group_code in text
