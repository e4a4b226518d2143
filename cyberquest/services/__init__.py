"""Domain logic: functions that take a SQLAlchemy session and plain values, never a request."""
