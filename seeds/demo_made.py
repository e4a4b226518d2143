"""Demo: missions built by children of class DEMO7B in the Level Maker, one approved, one waiting."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cyberquest.content.kinds import StepKind
from cyberquest.models import Agent, MadeMission, SchoolClass, StaffUser
from cyberquest.services import made_missions

APPROVED = ("Het pakketje dat nooit kwam", "Je wacht op een pakketje. Dan krijg je een sms…",
            "Klik nooit op een link in een sms over een pakketje. Kijk in de app of op de site van de bezorger zelf.", [
                {"kind": "hotspot", "screen": "sms", "sender": "PakketPost",
                 "parts": [{"text": "Uw pakket kon niet bezorgd worden.", "suspicious": False},
                           {"text": "Betaal €1,99 verzendkosten via bit.ly/pakket-nu", "suspicious": True,
                            "why": "Een vreemde link en geld vragen: zo werkt oplichting."},
                           {"text": "Doe dit binnen 2 uur, anders gaat het pakket terug!", "suspicious": True,
                            "why": "Haast maken is een truc, zodat je niet nadenkt."}],
                 "explain": "Een echte bezorger vraagt nooit om via een sms te betalen."},
                {"kind": "truefalse", "statement": "Een bezorger vraagt soms om via een sms-link te betalen.",
                 "answer": False, "explain": "Nee! Dat is altijd nep."},
                {"kind": "choice", "question": "Wat doe je met zo'n sms?",
                 "options": ["Op de link klikken en betalen", "Verwijderen en het aan een volwassene laten zien"],
                 "answer": [1], "explain": "Goed zo: niet klikken, wel vertellen."}])
WAITING = ("Gratis skins?", "In je game krijg je een bericht van een onbekende speler…",
           "Gratis skins via een link bestaan niet. Vertel het aan een volwassene.", [
               {"kind": "info", "text": "Een speler belooft je gratis skins als je je wachtwoord geeft."},
               {"kind": "truefalse", "statement": "Je wachtwoord geven voor gratis skins is veilig.", "answer": False},
               {"kind": "order", "question": "Wat doe je? Zet het in de goede volgorde.",
                "items": ["Niet antwoorden", "Een screenshot maken", "Het aan een volwassene laten zien",
                          "De speler blokkeren"]}])


def _build(session: Session, agent: Agent, title: str, intro: str, tip: str, steps: list[dict],
           kinds: dict[str, StepKind]):
    made = made_missions.start(session, agent)
    made_missions.save_basics(made, title, intro, tip)
    for step in steps:
        made_missions.save_step(made, None, step)
    if made_missions.submit(session, made, kinds, frozenset()):
        raise RuntimeError(f"the demo mission {title!r} does not pass the content checker")
    return made


def seed_made_missions(session: Session, kinds: dict[str, StepKind], class_code: str, teacher_email: str) -> None:
    school_class = session.scalars(select(SchoolClass).where(SchoolClass.class_code == class_code)).one()
    if session.scalar(select(MadeMission.id).where(MadeMission.class_id == school_class.id).limit(1)) is not None:
        return  # seeded before
    makers = list(session.scalars(select(Agent).where(Agent.class_id == school_class.id, Agent.agent_name != "Snelle Vos")
                                  .order_by(Agent.id).limit(2)))
    teacher = session.scalars(select(StaffUser).where(StaffUser.email == teacher_email)).one()
    approved = _build(session, makers[0], *APPROVED, kinds)
    made_missions.review(session, approved, teacher.id, "approve", "well_done", None)
    _build(session, makers[1], *WAITING, kinds)
    session.flush()
