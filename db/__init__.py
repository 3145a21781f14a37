"""The relational store: settings, engine, models, migrations and idempotent store functions."""
