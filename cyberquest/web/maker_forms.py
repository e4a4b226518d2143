"""The Level Maker's forms: one per step kind, with fixed rows (empty rows are left out) and
messages a child understands. ``to_step`` gives the step in the structure of a modules/ file."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, FieldList, Form, FormField, RadioField, SelectField, StringField, SubmitField,
                     TextAreaField)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..services.made_mission_content import LIMITS
from .forms import options

FILL_IN = _l("Fill this in.")


def _length(key: str) -> Length:
    return Length(max=LIMITS[key], message=_l("A bit shorter please: at most %(max)d letters."))


def _text(label, key: str, required: bool = True, area: bool = False):
    field = TextAreaField if area else StringField
    return field(label, default="", validators=[DataRequired(message=FILL_IN) if required else Optional(), _length(key)])


class BasicsForm(FlaskForm):
    title = _text(_l("Title of your mission"), "title")
    intro = _text(_l("The story at the start"), "intro", area=True)
    tip = _text(_l("Your tip at the end"), "tip", area=True)
    submit = SubmitField(_l("Save"))


class StepForm(FlaskForm):
    kind = ""
    explain = _text(_l("What players read after answering (optional)"), "explain", required=False, area=True)
    submit = SubmitField(_l("Save this step"))

    def to_step(self) -> dict:
        raise NotImplementedError

    @classmethod
    def data_from(cls, step: dict) -> dict:
        """Form data for a saved step (the reverse of ``to_step``)."""
        return dict(step)


class InfoStepForm(StepForm):
    kind = "info"
    explain = None
    text = _text(_l("Your text"), "text", area=True)

    def to_step(self) -> dict:
        return {"kind": "info", "text": self.text.data.strip()}


class OptionRow(Form):
    text = StringField(_l("Answer"), default="", validators=[Optional(), _length("option")])
    right = BooleanField(_l("This answer is right"))


class ChoiceStepForm(StepForm):
    kind = "choice"
    question = _text(_l("Your question"), "question")
    options = FieldList(FormField(OptionRow), min_entries=4, max_entries=4)

    def validate_options(self, field) -> None:
        filled = [row for row in field.data if row["text"].strip()]
        if len(filled) < 2:
            raise ValidationError(_("Write at least two answers."))
        if not any(row["right"] for row in filled):
            raise ValidationError(_("Tick the answer that is right."))

    def to_step(self) -> dict:
        filled = [row for row in self.options.data if row["text"].strip()]
        return {"kind": "choice", "question": self.question.data.strip(),
                "options": [row["text"].strip() for row in filled],
                "answer": [i for i, row in enumerate(filled) if row["right"]], "explain": self.explain.data.strip()}

    @classmethod
    def data_from(cls, step: dict) -> dict:
        return {**step, "options": [{"text": text, "right": i in step["answer"]}
                                    for i, text in enumerate(step["options"])]}


class TrueFalseStepForm(StepForm):
    kind = "truefalse"
    statement = _text(_l("Your statement"), "statement")
    answer = RadioField(_l("Is it true?"), choices=options([("true", _l("True")), ("false", _l("Not true"))]),
                        validators=[DataRequired(message=_l("Choose true or not true."))])

    def to_step(self) -> dict:
        return {"kind": "truefalse", "statement": self.statement.data.strip(), "answer": self.answer.data == "true",
                "explain": self.explain.data.strip()}

    @classmethod
    def data_from(cls, step: dict) -> dict:
        return {**step, "answer": "true" if step["answer"] else "false"}


class PartRow(Form):
    text = StringField(_l("Part of the message"), default="", validators=[Optional(), _length("part")])
    suspicious = BooleanField(_l("This part is suspicious"))
    why = StringField(_l("Why is it suspicious?"), default="", validators=[Optional(), _length("why")])


class HotspotStepForm(StepForm):
    kind = "hotspot"
    screen = SelectField(_l("What kind of message?"), choices=options([
        ("whatsapp", "WhatsApp"), ("sms", _l("Text message (SMS)")), ("email", _l("E-mail"))]))
    sender = _text(_l("Who sends it (make one up)"), "sender")
    subject = _text(_l("Subject (only for an e-mail)"), "subject", required=False)
    parts = FieldList(FormField(PartRow), min_entries=6, max_entries=6)

    def validate_parts(self, field) -> None:
        filled = [row for row in field.data if row["text"].strip()]
        if len(filled) < 2:
            raise ValidationError(_("Write at least two parts of the message."))
        if not any(row["suspicious"] for row in filled):
            raise ValidationError(_("Mark at least one part as suspicious."))
        if any(row["suspicious"] and not row["why"].strip() for row in filled):
            raise ValidationError(_("Say why each suspicious part is suspicious."))

    def to_step(self) -> dict:
        filled = [row for row in self.parts.data if row["text"].strip()]
        step = {"kind": "hotspot", "screen": self.screen.data, "sender": self.sender.data.strip(),
                "parts": [{"text": row["text"].strip(), "suspicious": bool(row["suspicious"]),
                           **({"why": row["why"].strip()} if row["suspicious"] else {})} for row in filled],
                "explain": self.explain.data.strip()}
        if self.screen.data == "email" and self.subject.data.strip():
            step["subject"] = self.subject.data.strip()
        return step


class SortRow(Form):
    text = StringField(_l("Thing to sort"), default="", validators=[Optional(), _length("item")])
    category = SelectField(_l("Belongs in"), choices=options([("0", _l("group 1")), ("1", _l("group 2"))]))


class SortStepForm(StepForm):
    kind = "sort"
    question = _text(_l("Your question"), "question")
    first = _text(_l("Name of group 1 (e.g. safe)"), "category")
    second = _text(_l("Name of group 2 (e.g. not safe)"), "category")
    items = FieldList(FormField(SortRow), min_entries=6, max_entries=6)

    def validate_items(self, field) -> None:
        if len([row for row in field.data if row["text"].strip()]) < 2:
            raise ValidationError(_("Write at least two things to sort."))

    def to_step(self) -> dict:
        return {"kind": "sort", "question": self.question.data.strip(),
                "categories": [self.first.data.strip(), self.second.data.strip()],
                "items": [{"text": row["text"].strip(), "category": int(row["category"])}
                          for row in self.items.data if row["text"].strip()], "explain": self.explain.data.strip()}

    @classmethod
    def data_from(cls, step: dict) -> dict:
        return {**step, "first": step["categories"][0], "second": step["categories"][1],
                "items": [{"text": item["text"], "category": str(item["category"])} for item in step["items"]]}


class OrderStepForm(StepForm):
    kind = "order"
    question = _text(_l("Your question"), "question")
    items = FieldList(StringField(_l("Step in the right order"), default="", validators=[Optional(), _length("item")]),
                      min_entries=6, max_entries=6)

    def validate_items(self, field) -> None:
        if len([text for text in field.data if text.strip()]) < 3:
            raise ValidationError(_("Write at least three things to put in order."))

    def to_step(self) -> dict:
        return {"kind": "order", "question": self.question.data.strip(),
                "items": [text.strip() for text in self.items.data if text.strip()], "explain": self.explain.data.strip()}


STEP_FORMS: dict[str, type[StepForm]] = {form.kind: form for form in (
    InfoStepForm, ChoiceStepForm, TrueFalseStepForm, HotspotStepForm, SortStepForm, OrderStepForm)}
KIND_NAMES = {"info": _l("Tell something"), "choice": _l("Multiple choice"), "truefalse": _l("True or not true"),
              "hotspot": _l("Fake message: find what is suspicious"), "sort": _l("Sort into two groups"),
              "order": _l("Put in order")}


def step_form(kind: str, step: dict | None = None) -> StepForm:
    form_class = STEP_FORMS[kind]
    return form_class(data=form_class.data_from(step)) if step else form_class()


class SubmitMissionForm(FlaskForm):
    submit = SubmitField(_l("Send to my teacher"))


REMARKS = {  # the teacher's standard remarks, as the child reads them
    "too_short": _l("Make your steps a bit longer: say more about what players must look out for."),
    "unclear": _l("Some questions are not clear yet. Read them out loud and improve them."),
    "personal_data": _l("Take out real names, numbers or addresses: make them up."),
    "unkind": _l("Some words can hurt someone. Choose friendly words."),
    "wrong_answer": _l("Check your answers: one of them is not right."),
    "well_done": _l("Well done!"),
}


class ReviewForm(FlaskForm):
    decision = RadioField(_l("Your decision"), choices=options([
        ("approve", _l("Approve: the class can play it")), ("return", _l("Send back with a remark")),
        ("reject", _l("Reject"))]), validators=[DataRequired()])
    remark = SelectField(_l("Remark for the agent"), choices=[], validators=[Optional()])
    remark_text = TextAreaField(_l("Your own words (optional)"), validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("Save the decision"))
