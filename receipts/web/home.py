"""/: what the service is and the ways in — look up a dossier, scan a QR, browse procedures."""

from __future__ import annotations

from flask import current_app, render_template

from . import bp


@bp.get("/")
def home() -> str:
    """Show the home page the Official Account's menu opens, with Zalo's domain-verification tag when set."""
    return render_template("home.html", site_verification=current_app.config["ZALO_SITE_VERIFICATION"])
