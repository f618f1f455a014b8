"""The only package that talks SQL: engine, tables, queries, migrations and backup."""
