"""The Agent Level Maker (issue 9): a child builds a mission, the teacher reviews it, the class plays it.

Lifecycle: draft -> submitted -> approved | returned (back to the child, with a remark) | rejected.
Only an approved mission's text is shown to other children: in the maker's class, and in the whole
municipality once its coordinator promoted it (never with the maker's name or school).
"""
from __future__ import annotations

import copy
from dataclasses import asdict

from sqlalchemy import bindparam, func, select, union
from sqlalchemy.orm import Session

from ..content import Mission
from ..content.kinds import StepKind
from ..models import Agent, CeremonyConsent, MadeMission, School, SchoolClass, utcnow
from . import made_mission_content as made_content
from .play import award
from .word_filter import Flag, first_names, scan

MAKER_XP = 50  # for the maker, once, when the teacher approves
APPROVED_KEY = "#approved"
EDITABLE = ("draft", "returned")
MAX_DRAFTS = 5
REMARKS = ("too_short", "unclear", "personal_data", "unkind", "wrong_answer", "well_done")
DECISIONS = ("approve", "return", "reject")


class MakerError(ValueError):
    """Something a child or teacher cannot do now; the message is a short code."""


def start(session: Session, agent: Agent) -> MadeMission:
    """A new, empty draft; at most MAX_DRAFTS unfinished ones at a time."""
    drafts = session.scalar(select(func.count()).select_from(MadeMission).where(
        MadeMission.agent_id == agent.id, MadeMission.status.in_(EDITABLE)))
    if drafts >= MAX_DRAFTS:
        raise MakerError("too_many_drafts")
    made = MadeMission(agent_id=agent.id, class_id=agent.class_id, season_id=agent.school_class.season_id,
                       status="draft", content=made_content.empty())
    session.add(made)
    session.flush()
    return made


def own(session: Session, agent: Agent) -> list[MadeMission]:
    return list(session.scalars(select(MadeMission).where(MadeMission.agent_id == agent.id)
                                .order_by(MadeMission.id.desc())))


def _edit(made: MadeMission) -> dict:
    if made.status not in EDITABLE:
        raise MakerError("not_editable")
    return copy.deepcopy(made.content)  # a new object, so the JSON column sees the change


def _saved(made: MadeMission, content: dict) -> None:
    made.content, made.updated_at = content, utcnow()


def save_basics(made: MadeMission, title: str, intro: str, tip: str) -> None:
    content = _edit(made)
    content.update(title=title.strip(), intro=intro.strip(), tip=tip.strip())
    _saved(made, content)


def save_step(made: MadeMission, position: int | None, step: dict) -> int:
    """Store a step (a new one at the end when ``position`` is None); returns its 0-based position."""
    content = _edit(made)
    steps = content["steps"]
    if step.get("kind") not in made_content.KINDS:
        raise MakerError("bad_kind")
    if position is None:
        if len(steps) >= made_content.MAX_STEPS:
            raise MakerError("too_many_steps")
        used = [int(s["id"].split("-")[1]) for s in steps if s.get("id", "").startswith("stap-")]
        steps.append({**step, "id": f"stap-{max(used, default=0) + 1}"})
        position = len(steps) - 1
    elif 0 <= position < len(steps):
        steps[position] = {**step, "id": steps[position]["id"]}  # the id stays: progress keeps pointing at it
    else:
        raise MakerError("no_such_step")
    _saved(made, content)
    return position


def delete_step(made: MadeMission, position: int) -> None:
    content = _edit(made)
    if 0 <= position < len(content["steps"]):
        del content["steps"][position]
        _saved(made, content)


def move_step(made: MadeMission, position: int, offset: int) -> None:
    content = _edit(made)
    steps, target = content["steps"], position + offset
    if 0 <= position < len(steps) and 0 <= target < len(steps):
        steps[position], steps[target] = steps[target], steps[position]
        _saved(made, content)


def class_names(session: Session, class_id: int) -> frozenset[str]:
    """First names the filter looks for: the class's consent list and the teacher's private notes."""
    consented = session.scalars(select(CeremonyConsent.display_name).join(Agent, Agent.id == CeremonyConsent.agent_id)
                                .where(Agent.class_id == class_id, CeremonyConsent.display_name.is_not(None)))
    notes = session.scalars(select(Agent.private_note).where(Agent.class_id == class_id,
                                                             Agent.private_note.is_not(None)))
    return first_names([*consented, *notes])


def flags(session: Session, made: MadeMission, words: frozenset[str]) -> list[Flag]:
    return scan(made.content, words, class_names(session, made.class_id))


def submit(session: Session, made: MadeMission, kinds: dict[str, StepKind],
           words: frozenset[str]) -> list[made_content.Finding]:
    """Send to the teacher; returns what is still missing instead when the checker does not accept it."""
    if made.status not in EDITABLE:
        raise MakerError("not_editable")
    findings = made_content.check(made.mission_id, made.content, kinds)
    if findings:
        return findings
    made.flags = [asdict(flag) for flag in flags(session, made, words)]
    made.status, made.submitted_at = "submitted", utcnow()
    made.remark = made.remark_text = None
    return []


def review_queue(session: Session, class_ids: list[int]) -> list[MadeMission]:
    return list(session.scalars(select(MadeMission).where(MadeMission.class_id.in_(class_ids),
                                                          MadeMission.status == "submitted")
                                .order_by(MadeMission.submitted_at)))


def review(session: Session, made: MadeMission, teacher_id: int, decision: str, remark: str | None,
           remark_text: str | None) -> int:
    """The teacher's decision; returns the maker's XP when approved just now (0 otherwise)."""
    if made.status != "submitted":
        raise MakerError("not_submitted")
    if decision not in DECISIONS or (remark is not None and remark not in REMARKS):
        raise MakerError("bad_decision")
    made.status = {"approve": "approved", "return": "returned", "reject": "rejected"}[decision]
    made.remark, made.remark_text = remark, (remark_text or "").strip()[:300] or None
    made.reviewed_by_id, made.reviewed_at = teacher_id, utcnow()
    if made.status != "approved":
        return 0
    return award(session, made.agent_id, made.season_id, "made_mission", made.mission_id, APPROVED_KEY, MAKER_XP)


def promote(made: MadeMission, coordinator_id: int | None, shared: bool = True) -> None:
    """Share an approved mission with every agent of the municipality (or stop sharing it)."""
    if made.status != "approved":
        raise MakerError("not_approved")
    made.promoted_at, made.promoted_by_id = (utcnow(), coordinator_id) if shared else (None, None)


def municipality_of(session: Session, made: MadeMission) -> int:
    return session.scalar(select(School.municipality_id).join(SchoolClass).where(SchoolClass.id == made.class_id))


def in_municipality(session: Session, municipality_id: int, status: str = "approved") -> list[MadeMission]:
    return list(session.scalars(select(MadeMission).join(SchoolClass).join(School).where(
        School.municipality_id == municipality_id, MadeMission.status == status).order_by(MadeMission.id)))


_OWN_MUNICIPALITY = (select(School.municipality_id).join(SchoolClass, SchoolClass.school_id == School.id)
                     .where(SchoolClass.id == bindparam("class_id")).scalar_subquery())
_SHOWN = union(
    select(MadeMission.id).where(MadeMission.class_id == bindparam("class_id"), MadeMission.status == "approved"),
    select(MadeMission.id).join(SchoolClass).join(School).where(
        School.municipality_id == _OWN_MUNICIPALITY, MadeMission.status == "approved",
        MadeMission.promoted_at.is_not(None), MadeMission.season_id == bindparam("season_id"))).subquery()
_VISIBLE = select(MadeMission).where(MadeMission.id.in_(select(_SHOWN.c.id))).order_by(MadeMission.id)
_IS_SHOWN = select(_SHOWN.c.id).where(_SHOWN.c.id == bindparam("made_id"))


def _shown_to(agent: Agent) -> dict[str, int]:
    return {"class_id": agent.class_id, "season_id": agent.school_class.season_id}


def visible_to(session: Session, agent: Agent) -> list[MadeMission]:
    """Approved missions of the agent's class, and promoted ones of its municipality, of its season.

    The mission map asks for them on every visit: one statement, built once. Its two parts are a union of ids,
    so that each can use its own index."""
    return list(session.scalars(_VISIBLE, _shown_to(agent)))


def is_visible_to(session: Session, agent: Agent, made_id: int) -> bool:
    """Whether ``visible_to`` holds this mission, without reading the others."""
    return session.scalar(_IS_SHOWN, {**_shown_to(agent), "made_id": made_id}) is not None


def by_mission_id(session: Session, mission_id: str) -> MadeMission | None:
    prefix, _, number = mission_id.partition("-")
    if prefix != "gemaakt" or not number.isdigit():
        return None
    return session.get(MadeMission, int(number))


def playable(session: Session, kinds: dict[str, StepKind], agent: Agent, mission_id: str) -> Mission | None:
    """The made mission this agent may play: one shown to them, or their own (to try it out, without XP)."""
    made = by_mission_id(session, mission_id)
    if made is None:
        return None
    if made.agent_id != agent.id and not is_visible_to(session, agent, made.id):
        return None
    return made_content.as_mission(made.mission_id, made.content, kinds, made.agent_id)
