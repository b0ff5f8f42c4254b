"""Pages for people: the QR's receipt page and PDF (`verify`), the redacted look-up (`lookup`), the
procedure catalogue (`catalogue`), `/healthz`, security headers, officers' sessions (`auth`) and the
counter (`counter/`, its own blueprint).
"""

from flask import Blueprint

bp = Blueprint("web", __name__)

from . import auth, catalogue, headers, health, lookup, verify  # noqa: E402, F401  (registers the routes)
