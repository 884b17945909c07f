"""Persistence: tables, the engine, migrations and the repository."""
