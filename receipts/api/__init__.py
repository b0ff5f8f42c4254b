"""The JSON API blueprint: receipts, dossiers, the catalogue and the OpenAPI document.

Views read the request, call one service and answer the contract's JSON (`presenters`).
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import dossiers, openapi, payments, receipts  # noqa: E402, F401  (registers the routes)
