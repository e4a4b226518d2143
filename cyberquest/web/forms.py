"""WTForms used by the blueprints; every form carries a CSRF token (Flask-WTF)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, EmailField, HiddenField, IntegerField,
                     PasswordField, RadioField, SelectField, SelectMultipleField, StringField, SubmitField)
from wtforms.widgets import CheckboxInput, ListWidget
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (DataRequired, Email, InputRequired, Length, NumberRange,
                                Optional, Regexp)

def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


PIN_RULE = Regexp(r"^\d{4}$", message=_l("The PIN is 4 digits."))


class CardSignInForm(FlaskForm):
    """Agents and learners: code + name + PIN, as printed on the login card."""

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=12)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=60)])
    pin = PasswordField(_l("PIN"), validators=[DataRequired(), PIN_RULE])
    submit = SubmitField(_l("Sign in"))


class QrSignInForm(FlaskForm):
    token = HiddenField(validators=[DataRequired(), Length(max=100)])
    submit = SubmitField(_l("Sign in with this card"))


class StaffSignInForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Sign in"))


class SecondFactorForm(FlaskForm):
    code = StringField(
        _l("6-digit code from your authenticator app"),
        validators=[DataRequired(), Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message=_l("Enter the 6 digits."))],
    )
    submit = SubmitField(_l("Confirm"))


class SignUpForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(
        _l("Password (at least 10 characters; a sentence of a few words works well)"),
        validators=[DataRequired(), Length(max=200)],
    )
    role = RadioField(
        _l("I am"),
        choices=options([("teacher", _l("a teacher at a primary school")),
                         ("trainer", _l("a course guide at a library")),
                         ("coordinator", _l("staff of a municipality"))]),
        validators=[InputRequired()],
    )
    school_id = SelectField(_l("School (teachers)"), coerce=int, validators=[Optional()])
    library_id = SelectField(_l("Library (course guides)"), coerce=int, validators=[Optional()])
    municipality_id = SelectField(_l("Municipality (municipality staff)"), coerce=int, validators=[Optional()])
    submit = SubmitField(_l("Request an account"))


class DisplayForm(FlaskForm):
    text_size = RadioField(
        _l("Text size"),
        choices=options([("normal", _l("Normal")), ("large", _l("Large")), ("xlarge", _l("Extra large"))]),
        validators=[InputRequired()],
    )
    high_contrast = BooleanField(_l("High contrast"))
    submit = SubmitField(_l("Save"))


class LanguageForm(FlaskForm):
    locale = HiddenField(validators=[DataRequired()])


class SchoolForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=80)])
    municipality_id = SelectField(_l("Municipality"), coerce=int, validators=[InputRequired()])
    submit = SubmitField(_l("Save"))


class SeasonForm(FlaskForm):
    start_year = IntegerField(
        _l("First year of the school year (e.g. 2026 for 2026-2027)"),
        validators=[InputRequired(), NumberRange(min=2020, max=2100)],
    )
    cutoff_on = DateField(_l("Cut-off date for qualifying"), validators=[InputRequired()])
    submit = SubmitField(_l("Save"))


class GroupForm(FlaskForm):
    """A new class (teacher) or course group (trainer)."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=60)])
    place_id = SelectField(coerce=int, validators=[InputRequired()])
    submit = SubmitField(_l("Create"))


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes (a plain form, no JavaScript)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CourseGroupForm(GroupForm):
    meeting = StringField(_l("When the group meets (optional)"), validators=[Optional(), Length(max=80)])
    courses = CheckboxesField(_l("Courses the group follows (none chosen: all courses)"), validators=[Optional()])


class AddMembersForm(FlaskForm):
    count = IntegerField(_l("Number of agents to add"), validators=[InputRequired(), NumberRange(min=1, max=40)])
    submit = SubmitField(_l("Add agents"))


class AddLearnerForm(FlaskForm):
    first_name = StringField(_l("First name (if two people share it, add the first letter of the surname)"),
                             validators=[DataRequired(), Length(max=60)])
    submit = SubmitField(_l("Add participant"))


class LearnerEmailForm(FlaskForm):
    email = EmailField(_l("Your e-mail address (not required; leave empty to remove it)"),
                       validators=[Optional(), Email(), Length(max=254)])
    submit = SubmitField(_l("Save"))


class ConsentForm(FlaskForm):
    display_name = StringField(_l("Name to print: first name and initial (for example: Sanne V.)"),
                               validators=[DataRequired(), Length(max=40)])
    submit = SubmitField(_l("Record consent"))


class EraseForm(FlaskForm):
    sure = BooleanField(_l("I understand that this cannot be undone"), validators=[DataRequired()])
    submit = SubmitField(_l("Erase all data"))


class MunicipalityForm(FlaskForm):
    mayor_name = StringField(_l("Mayor"), validators=[Optional(), Length(max=120)])
    children_8_12 = IntegerField(_l("Number of children aged 8–12"), validators=[InputRequired(), NumberRange(min=0, max=200_000)])
    children_source = StringField(_l("Source of that number (for example CBS)"), validators=[Optional(), Length(max=120)])
    children_year = IntegerField(_l("Year of that number"), validators=[Optional(), NumberRange(min=2000, max=2100)])
    joined_on = DateField(_l("Joined the programme on (empty: not yet)"), validators=[Optional()])
    submit = SubmitField(_l("Save"))


class CoordinatorForm(FlaskForm):
    email = EmailField(_l("E-mail address of an existing staff account"), validators=[DataRequired(), Email(), Length(max=254)])
    municipality_id = SelectField(_l("Municipality"), coerce=int, validators=[InputRequired()])
    submit = SubmitField(_l("Make coordinator"))


class PlaceForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=80)])
    submit = SubmitField(_l("Save"))


class CutoffForm(FlaskForm):
    cutoff_on = DateField(_l("Cut-off date for qualifying"), validators=[InputRequired()])
    submit = SubmitField(_l("Change the cut-off date"))
