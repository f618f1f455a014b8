"""Alembic migrations, shipped inside the package and driven from code (see `storage/migrate.py`)."""
