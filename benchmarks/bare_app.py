"""The ceiling: a Flask app with one endpoint that does nothing, served by the same gunicorn settings."""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.get("/")
@app.get("/healthz")  # what the harness waits for before it starts
def bare() -> str:
    """Answer at once."""
    return "ok"
