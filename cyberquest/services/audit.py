"""Writing the audit log: ids only, never names or other personal data (DESIGN §7)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from ..models import AuditEntry, utcnow


def record(session: Session, actor_id: int | None, action: str, subject: str) -> None:
    session.add(AuditEntry(actor_id=actor_id, action=action, subject=subject, at=utcnow()))
