"""Content packs: missions, courses, tracks, ranks and badges read from TOML files in ``modules/`` (DESIGN §3)."""
from .loader import load_content
from .model import (Badge, ContentPack, Course, GlossaryEntry, Lesson, Mission, Problem, Rank, Rule, Step, Text,
                    Track)

__all__ = ["load_content", "Badge", "ContentPack", "Course", "GlossaryEntry", "Lesson", "Mission", "Problem", "Rank",
           "Rule", "Step", "Text", "Track"]
