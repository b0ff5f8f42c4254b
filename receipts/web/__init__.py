"""Pages for people: the home page the Official Account's menu opens (`home`), the QR's receipt page
and PDF (`verify`), the code form and the redacted look-up (`lookup`), the camera scanner (`scan`),
the procedure catalogue (`catalogue`), `/healthz`, security headers, officers' sessions (`auth`) and
the counter (`counter/`, its own blueprint).
"""

from flask import Blueprint

bp = Blueprint("web", __name__)

from . import (  # noqa: E402, F401  (registers the routes)
    auth,
    catalogue,
    favicon,
    headers,
    health,
    home,
    lookup,
    metrics,
    notices,
    payments,
    scan,
    verify,
)
