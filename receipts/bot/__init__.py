"""The Zalo Official Account bot: the signed webhook, what it answers (`replies`), Zalo's API (`zalo`)."""

from flask import Blueprint

bp = Blueprint("bot", __name__)

from . import webhook  # noqa: E402, F401  (registers the routes)
