"""Persistence: SQLAlchemy models and queries; the only package that imports SQLAlchemy."""
