"""Content packs: missions, tracks and ranks read from TOML files in ``modules/`` (DESIGN §3)."""
from .loader import load_content
from .model import ContentPack, Course, GlossaryEntry, Lesson, Mission, Problem, Rank, Step, Text, Track

__all__ = ["load_content", "ContentPack", "Course", "GlossaryEntry", "Lesson", "Mission", "Problem", "Rank", "Step", "Text", "Track"]
