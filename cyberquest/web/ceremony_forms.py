"""The admin's ceremony forms: set-up, each mayor's name, and the button that makes the pack."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, FloatField, IntegerField, SelectField, StringField, SubmitField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..models import Ceremony, Municipality
from .forms import CheckboxesField, options

PACK_LANGUAGES = (("nl", "Nederlands"), ("en", "English"))


class DecimalCommaField(FloatField):
    """A number typed with a decimal comma or point: Dutch users type 0,5."""

    def process_formdata(self, valuelist: list) -> None:
        super().process_formdata([value.replace(",", ".") for value in valuelist])


class CeremonyForm(FlaskForm):
    season_id = SelectField(_l("Season"), coerce=int, validators=[InputRequired()])
    name = StringField(_l("Name of the ceremony"), validators=[DataRequired(), Length(max=120)])
    held_on = DateField(_l("Date"), validators=[InputRequired()])
    starts_at = TimeField(_l("Start time"), validators=[InputRequired()])
    venue_name = StringField(_l("Venue"), validators=[DataRequired(), Length(max=120)])
    venue_address = StringField(_l("Address of the venue"), validators=[DataRequired(), Length(max=200)])
    capacity = IntegerField(_l("Children per session"), validators=[InputRequired(), NumberRange(min=1, max=2000)])
    minutes_per_child = DecimalCommaField(_l("Minutes per child on stage"), default=1,
                                          description=_l("A fraction is fine: 0.5 is half a minute."),
                                          validators=[InputRequired(), NumberRange(min=0.1, max=30)])
    minutes_per_mayor = IntegerField(_l("Minutes for each mayor's word"), default=5,
                                     validators=[InputRequired(), NumberRange(min=0, max=60)])
    break_minutes = IntegerField(_l("Break between sessions (minutes)"), default=20,
                                 validators=[InputRequired(), NumberRange(min=0, max=180)])
    municipality_ids = CheckboxesField(_l("Municipalities taking part"), coerce=int,
                                           validators=[DataRequired()])
    submit = SubmitField(_l("Create the ceremony"))


class GenerateForm(FlaskForm):
    language = SelectField(_l("Language of the pack"), choices=options(PACK_LANGUAGES), default="nl")
    save = BooleanField(_l("Keep this running order: a later pack keeps its times where there is room"))
    submit = SubmitField(_l("Generate the ceremony pack"))


def mayor_field(municipality_id: int) -> str:
    return f"mayor_{municipality_id}"


def mayors_form(ceremony: Ceremony, municipalities: list[Municipality]) -> FlaskForm:
    """One field per taking part municipality; empty means the municipality's own mayor."""

    class MayorsForm(FlaskForm):
        submit = SubmitField(_l("Save the mayors"))

    for municipality in municipalities:
        setattr(MayorsForm, mayor_field(municipality.id), StringField(
            _l("Mayor or stand-in for %(name)s", name=municipality.name),
            default=ceremony.mayors.get(str(municipality.id)) or municipality.mayor_name or "",
            validators=[Optional(), Length(max=80)]))
    return MayorsForm()
