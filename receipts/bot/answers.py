"""What the bot answers to each kind of event a citizen sends, and what it does on the way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .. import links
from ..domain.conversation import Ask, Intent, understand
from ..domain.errors import NotFound
from ..services import catalogue, conversations, dossiers, subscriptions
from ..services.subscriptions import Outcome
from . import replies

BEST_PROCEDURES = 3
MAX_URL = 2000


@dataclass(frozen=True)
class Photo:
    """A photo to read in the worker: its URL and the public base its QR's link must start with."""

    url: str
    base: str


def reply_to(event: dict[str, Any], user_id: str, now: datetime) -> str | Photo | None:
    """Return the answer to a citizen's event (None for none, a Photo for the worker), doing what it asks."""
    name = str(event.get("event_name", ""))
    base = links.public_base()
    if name == "follow":
        conversations.remember(user_id, now)
        return replies.welcome(links.catalogue_url(base), links.scan_url(base))
    if name == "unfollow":
        subscriptions.end(user_id, None)  # a former follower hears nothing more
        return None
    if name == "user_submit_info":
        conversations.remember(user_id, now)
        return _shared_phone(event, user_id, now)
    if name == "user_send_text":
        message = event.get("message")
        text = message.get("text", "") if isinstance(message, dict) else ""
        intent = understand(text if isinstance(text, str) else "")
        conversations.remember(user_id, now, intent.codes)
        return _answer(intent, user_id, base, now)
    if name == "user_send_image" and (url := _image_url(event)):
        conversations.remember(user_id, now)
        # Counted like a typed code, before the worker fetches anything.
        if not conversations.codes_allowed(user_id, 1, now):
            return replies.too_many_codes()
        return Photo(url, base)
    if name.startswith("user_send_"):
        conversations.remember(user_id, now)
        return replies.help_text(links.catalogue_url(base))
    return None  # seen, received, our own echoes (oa_send_*), …


def _answer(intent: Intent, user_id: str, base: str, now: datetime) -> str:
    if intent.ask is Ask.UNSUBSCRIBE:
        return replies.unsubscribed(subscriptions.end(user_id, intent.codes or None))
    if intent.ask is Ask.PROCEDURES:
        return _procedures(intent.query, base)
    if intent.ask is Ask.HELP:
        return replies.help_text(links.catalogue_url(base))
    # Counted before anything is looked up, so that no one walks through codes.
    if not conversations.codes_allowed(user_id, len(intent.codes), now):
        return replies.too_many_codes()
    if intent.ask is Ask.SUBSCRIBE:
        return _subscribe(intent.codes[0], intent.digits, user_id, base, now)
    return lookup(intent.codes, base, now)


def lookup(codes: tuple[str, ...], base: str, now: datetime) -> str:
    """Return the answer to asking about dossier codes: each one's status, then how to subscribe."""
    parts = [_status(code, base, now) for code in codes]
    return "\n\n".join([*parts, replies.subscribe_hint()])


def _image_url(event: dict[str, Any]) -> str:
    message = event.get("message")
    attachments = message.get("attachments") if isinstance(message, dict) else None
    for attachment in attachments if isinstance(attachments, list) else []:
        payload = attachment.get("payload") if isinstance(attachment, dict) else None
        url = payload.get("url") if isinstance(payload, dict) else None
        if isinstance(url, str) and url.startswith(("https://", "http://")) and len(url) <= MAX_URL:
            return url
    return ""


def _status(code: str, base: str, now: datetime) -> str:
    try:
        status = dossiers.status(code, now)
    except NotFound:
        return replies.not_found(code)
    return replies.status_message(status, links.lookup_url(base, status.code))


def _subscribe(code: str, digits: str, user_id: str, base: str, now: datetime) -> str:
    try:
        result = subscriptions.with_digits(code, digits, user_id, now)
    except NotFound:
        return replies.not_found(code)
    if result.outcome is Outcome.WAIT:
        return replies.wait(result.wait)
    if result.outcome is Outcome.WRONG_DIGITS:
        return replies.wrong_digits(result.code)
    return "\n\n".join([_subscribed(result.outcome, result.code), _status(result.code, base, now)])


def _subscribed(outcome: Outcome, code: str) -> str:
    if outcome is Outcome.REVOKED:
        return replies.revoked(code)
    if outcome is Outcome.ALREADY:
        return replies.already_subscribed(code)
    return replies.subscribed(code)


def _shared_phone(event: dict[str, Any], user_id: str, now: datetime) -> str:
    info = event.get("info")
    phone = info.get("phone") if isinstance(info, dict) else None
    if not isinstance(phone, str | int) or isinstance(phone, bool):
        return replies.phone_not_matching()
    results = subscriptions.with_phone(user_id, str(phone)[:30], now)
    if not results:
        return replies.phone_not_matching()
    return "\n".join(_subscribed(result.outcome, result.code) for result in results)


def _procedures(query: str, base: str) -> str:
    found = list(catalogue.search_procedures(query, None, None, 1, BEST_PROCEDURES).items)
    urls = [links.procedure_url(base, procedure.code) for procedure in found]
    return replies.procedures(found, urls, links.catalogue_url(base, query))
