"""Answer a photo of a receipt, in the worker: fetch it, read its QR, answer as for the typed code.

The webhook only records the photo's msg_id and queues this work, so that Zalo gets its 200 at once.
"""

from __future__ import annotations

from .. import links, runtime
from ..clock import now_local
from ..services import conversations, messaging, verification
from ..signing.qr_reader import read_qr_texts
from ..zalo.images import fetch_image
from . import answers, replies


def answer(msg_id: str, user_id: str, url: str, base: str) -> bool:
    """Queue the answer to a photo sent as `msg_id`, once: False if it was answered before."""
    key = f"{msg_id}:image"
    if messaging.answered(key):
        return False  # the task ran before (huey redelivered it): nothing is fetched again
    data = fetch_image(url)
    code = _dossier_code(read_qr_texts(data) if data else [], base)
    now = now_local()
    if code:
        conversations.remember(user_id, now, (code,))  # so that sharing the phone subscribes to it
        text = answers.lookup((code,), base, now)
    else:
        text = replies.unreadable_photo()
    return messaging.queue_reply(key, user_id, text, now)


def _dossier_code(texts: list[str], base: str) -> str:
    """Return the code of the first of our receipts' QR links among `texts`; "" when none is ours."""
    prefix = links.receipt_page_prefix(base)
    for text in texts:
        token = text[len(prefix) :] if text.startswith(prefix) else ""
        found = verification.verify(token, runtime.signer()) if token and "/" not in token else None
        if found is not None:
            return found.receipt.code
    return ""
