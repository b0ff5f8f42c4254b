"""The Zalo Official Account bot: '#<mã hồ sơ>' messages answered with status and a link."""

from flask import Blueprint

bp = Blueprint("bot", __name__)

from . import webhook  # noqa: E402, F401  (registers the routes)
