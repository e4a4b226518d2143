"""Teachers and the children's data: ceremony consent, letters for parents, export and erasure (DESIGN §7)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..models import SchoolClass
from ..services import ceremony_pack, class_progress, consent, erasure, exports
from ..services.report_pdf import LetterTexts, consent_letters
from .access import authorize
from .commits import audited
from .content_access import content
from .data_rights import erase_person, export_person
from .downloads import download
from .forms import ConsentForm
from .teacher import OWN_CLASS, bp, class_agent


@bp.get("/klassen/<int:class_id>/ceremonie")
@authorize("teacher", "admin", owns=OWN_CLASS)
def ceremony(school_class: SchoolClass):
    """Who qualifies, what the others still miss, and whose parents consented (names: audited)."""
    matrix = class_progress.load(db.session, content(), school_class.season, school_class.agents)
    consents = consent.for_agents(db.session, [agent.id for agent in school_class.agents])
    ids = {agent.id for agent in school_class.agents}
    invited = [(item, ceremony_pack.seats(ceremony_pack.plan(db.session, content(), item), ids))
               for item in ceremony_pack.taking_part(db.session, school_class.season_id,
                                                     school_class.school.municipality_id)]
    audited("read_names", f"class:{school_class.id}")
    return render_template("teacher/ceremony.html", school_class=school_class, matrix=matrix, consents=consents,
                           pack=content(), invited=invited)


def _agent_page(school_class: SchoolClass, agent_id: int):
    return redirect(url_for("teacher.agent_detail", class_id=school_class.id, agent_id=agent_id))


@bp.post("/klassen/<int:class_id>/agenten/<int:agent_id>/toestemming")
@authorize("teacher", "admin", owns=OWN_CLASS)
def record_consent(school_class: SchoolClass, agent_id: int):
    agent = class_agent(school_class, agent_id)
    form = ConsentForm()
    try:
        if not form.validate_on_submit():
            raise ValueError("bad_name")
        consent.record(db.session, agent, school_class.season_id, form.display_name.data, current_user.id)
    except ValueError:
        db.session.rollback()
        flash(_("Write a first name and one initial with a full stop, for example: Sanne V."), "error")
        return _agent_page(school_class, agent.id)
    db.session.commit()
    flash(_("Consent recorded for %(agent)s.", agent=agent.agent_name), "success")
    return _agent_page(school_class, agent.id)


@bp.post("/klassen/<int:class_id>/agenten/<int:agent_id>/toestemming/intrekken")
@authorize("teacher", "admin", owns=OWN_CLASS)
def withdraw_consent(school_class: SchoolClass, agent_id: int):
    agent = class_agent(school_class, agent_id)
    if consent.withdraw(db.session, agent.id, current_user.id):
        db.session.commit()
        flash(_("Consent withdrawn; the name is removed."), "success")
    return _agent_page(school_class, agent.id)


@bp.get("/klassen/<int:class_id>/toestemmingsbrieven.pdf")
@authorize("teacher", "admin", owns=OWN_CLASS)
def consent_letters_pdf(school_class: SchoolClass):
    texts = LetterTexts(
        title=_("Letter for parents: the CyberQuest award ceremony"),
        body=[
            _("Dear parent or carer,"),
            _("In class, your child plays CyberQuest: missions about safe internet use. Your child plays as "
              "agent “{agent}”, a name made up by the computer; we do not store your child's real name, e-mail "
              "address or date of birth."),
            _("Children who finish the basic training become Cyber Agents. Every year the municipalities of "
              "Limburg honour them at a ceremony with the mayor, where each child is called to the stage by name "
              "and receives a certificate."),
            _("Your child can only be invited and named if you agree. We then store only the first name and the "
              "initial of the surname, for the certificate, the programme and the slides. These names are erased "
              "60 days after the ceremony. You can withdraw your consent at any time through the teacher."),
            _("Do you agree? Fill in the slip below and give it to the teacher."),
        ],
        slip_title=_("Consent for the CyberQuest ceremony"),
        slip_lines=[
            _("Agent name: {agent}"),
            _("My child may be invited to the ceremony and named there."),
            _("First name and initial of the surname: ______________________________"),
            _("Name of parent or carer: ______________________________"),
            _("Date: ______________      Signature: ______________________________"),
        ],
    )
    pdf = consent_letters([agent.agent_name for agent in school_class.agents],
                          f"{school_class.school.name} · {school_class.name}", texts)
    return download(pdf, "application/pdf", f"toestemming-{school_class.class_code}.pdf", inline=True)


@bp.get("/klassen/<int:class_id>/agenten/<int:agent_id>/gegevens.json")
@authorize("teacher", "admin", owns=OWN_CLASS)
def export_agent(school_class: SchoolClass, agent_id: int):
    agent = class_agent(school_class, agent_id)
    return export_person(lambda: exports.agent_data(db.session, agent), "export_agent", f"class:{school_class.id}",
                         f"agent-{agent.id}.json")


@bp.route("/klassen/<int:class_id>/agenten/<int:agent_id>/wissen", methods=["GET", "POST"])
@authorize("teacher", "admin", owns=OWN_CLASS)
def erase_agent(school_class: SchoolClass, agent_id: int):
    agent = class_agent(school_class, agent_id)
    return erase_person(lambda: erasure.erase_agent(db.session, agent.id, current_user.id), agent.agent_name,
                        back=url_for("teacher.agent_detail", class_id=school_class.id, agent_id=agent.id),
                        done=url_for("teacher.class_detail", class_id=school_class.id),
                        message=_("All data of this agent is erased. The class totals stay the same."))
