"""Pages for people: the receipt verification page and its PDF."""

from flask import Blueprint

bp = Blueprint("web", __name__)

from . import auth, catalogue, headers, health, lookup, verify  # noqa: E402, F401  (registers the routes)
