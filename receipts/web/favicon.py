"""/favicon.ico: a small icon (the star on red), cached long, instead of a 404 page on every visit."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import Response, current_app, request

from . import bp

# A month: the icon changes with a release, seldom; browsers revalidate it by its ETag after that.
MAX_AGE = 30 * 24 * 3600


@cache
def _icon(folder: str) -> bytes:
    return (Path(folder) / "favicon.ico").read_bytes()


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Serve the site's icon (read once; 2 KB)."""
    folder = current_app.static_folder
    assert folder is not None, "create_app sets the static folder"
    response = Response(_icon(folder), mimetype="image/vnd.microsoft.icon")
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    response.add_etag()
    return response.make_conditional(request)
