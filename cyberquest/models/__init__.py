"""All models, imported so Alembic and the app see one metadata."""
from .audit import AuditEntry
from .badges import ActiveWeek, BadgeAssertion, BadgeAward
from .boards import BoardSnapshot, BoardVersion
from .ceremony import CeremonyConsent
from .ceremony_event import Ceremony, CeremonyJob
from .base import TEXT_SIZES, utcnow
from .bridge import HelperCode, HelperConfirmation
from .courses import LessonProgress
from .made_mission import MADE_STATUSES, MadeMission
from .groups import CourseGroup, SchoolClass, class_teachers, group_trainers
from .organisation import REGION_PARTS, Library, Municipality, Region, School
from .people import SECOND_FACTOR_ROLES, STAFF_ROLES, Agent, Learner, Person, StaffUser
from .quests import ClassQuestCode
from .progress import DONE_IN_CLASS, MISSION_DONE, SOURCE_TYPES, MissionProgress, StepResult, XpEntry
from .season import Season
from .security import SignInThrottle

__all__ = [
    "Ceremony", "CeremonyJob",
    "MADE_STATUSES", "MadeMission",
    "BoardSnapshot", "BoardVersion",
    "ClassQuestCode",
    "AuditEntry", "CeremonyConsent",
    "ActiveWeek", "BadgeAssertion", "BadgeAward",
    "TEXT_SIZES", "utcnow", "CourseGroup", "SchoolClass", "class_teachers", "group_trainers",
    "REGION_PARTS", "Library", "Municipality", "Region", "School", "SECOND_FACTOR_ROLES",
    "STAFF_ROLES", "Agent", "Learner", "Person", "StaffUser", "Season", "SignInThrottle",
    "DONE_IN_CLASS", "MISSION_DONE", "SOURCE_TYPES", "LessonProgress", "HelperCode", "HelperConfirmation",
    "MissionProgress", "StepResult", "XpEntry",
]
