"""Settings from RECEIPTS_* environment variables, with safe development defaults."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


class Config:
    """Defaults; every one can be overridden by RECEIPTS_<NAME>."""

    DATABASE_URL: str | None = None
    SECRET_KEYS: str | None = None
    PUBLIC_URL: str | None = None
    REDIS_URL: str | None = None
    RATELIMIT_ENABLED = True
    ZALO_APP_ID: str | None = None
    ZALO_OA_SECRET: str | None = None
    ZALO_ACCESS_TOKEN: str | None = None
    ZALO_API_BASE = "https://openapi.zalo.me"
    ZALO_APP_SECRET: str | None = None
    ZALO_OAUTH_BASE = "https://oauth.zaloapp.com"
    ZALO_ZNS_BASE = "https://business.openapi.zalo.me"
    ZALO_ZNS_TEMPLATE_ID: str | None = None
    # Content of the zalo-platform-site-verification meta tag on / (Zalo's check of the OA's domain).
    ZALO_SITE_VERIFICATION: str | None = None
    ZALO_TIMEOUT = 10.0
    # HMAC-SHA256 secret of POST /payments/webhook; without it the webhook answers 404.
    PAYMENT_WEBHOOK_SECRET: str | None = None
    QUEUE_FILE: str | None = None
    MAX_CONTENT_LENGTH = 64 * 1024
    PDF_CACHE_SIZE = 256
    PAGE_CACHE_SIZE = 1024
    # How long a worker may show a dossier's kept live state without asking the database, when no
    # change on this machine has marked it since (store/marks.py); 0 asks at every view. It bounds
    # how late a change made elsewhere (another machine, a hand edit) shows; at 1 s a worker serving
    # hundreds of different pages a second asked again at nearly every view.
    LIVE_TRUST_SECONDS = 5.0
    WARM_RENDERER = True
    SESSION_LIFETIME_HOURS = 12
    SESSION_IDLE_MINUTES = 30
    # "production" refuses to start without PUBLIC_URL and answers only requests for its host.
    ENV = "development"
    TRUSTED_HOSTS_EXTRA: str | None = None
    # How many proxies (nginx: 1) set X-Forwarded-For/-Proto in front of the app; 0 trusts none.
    PROXIES = 0
    # "json": one object per line for the log collector; "text" reads better while developing.
    # Brotli first (smaller, and faster than gzip at these levels), gzip for older clients; a 16 MB
    # window would only cost memory on pages of 10 KB.
    COMPRESS_ALGORITHM = "br, gzip"
    COMPRESS_BR_WINDOW = 18
    LOG_FORMAT = "json"
    LOG_LEVEL = "INFO"
    # When set, GET /metrics wants "Authorization: Bearer <token>" (else restrict it in nginx).
    METRICS_TOKEN: str | None = None


def load(app: Flask, overrides: dict | None) -> None:
    """Fill app.config from defaults, the environment and `overrides`, then derive the rest."""
    app.config.from_object(Config)
    app.config.from_prefixed_env("RECEIPTS")
    if overrides:
        app.config.update(overrides)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    url = app.config["DATABASE_URL"] or f"sqlite:///{Path(app.instance_path) / 'receipts.sqlite3'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = str(url)
    app.config["SECRET_KEY_LIST"] = _secret_keys(app)
    app.config["SECRET_KEY"] = app.config["SECRET_KEY_LIST"][-1]
    app.config["SECRET_KEY_FALLBACKS"] = app.config["SECRET_KEY_LIST"][:-1][::-1]
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["RATELIMIT_ENABLED"] = _as_bool(app.config["RATELIMIT_ENABLED"])
    app.config["WARM_RENDERER"] = _as_bool(app.config["WARM_RENDERER"])
    app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"] or "memory://"
    app.config["RATELIMIT_HEADERS_ENABLED"] = True
    app.config["ZALO_TIMEOUT"] = float(app.config["ZALO_TIMEOUT"])
    app.config["QUEUE_FILE"] = str(app.config["QUEUE_FILE"] or Path(app.instance_path) / "queue.sqlite3")
    for base in ("ZALO_API_BASE", "ZALO_OAUTH_BASE", "ZALO_ZNS_BASE"):
        app.config[base] = str(app.config[base]).rstrip("/")
    if app.config["PUBLIC_URL"]:
        app.config["PUBLIC_URL"] = str(app.config["PUBLIC_URL"]).rstrip("/")
    # Served over https, the officers' session cookie never travels in clear.
    app.config["SESSION_COOKIE_SECURE"] = str(app.config["PUBLIC_URL"] or "").lower().startswith("https://")
    _check_range(app, "SESSION_LIFETIME_HOURS", 1, 24 * 30)
    _check_range(app, "SESSION_IDLE_MINUTES", 1, 24 * 60)
    _check_range(app, "PROXIES", 0, 5)
    _check_range(app, "LIVE_TRUST_SECONDS", 0, 60)
    if str(app.config["ENV"]).strip().lower() == "production":
        _production(app)


def _production(app: Flask) -> None:
    """Build every link from the configured public URL and trust no other Host header."""
    public = app.config["PUBLIC_URL"]
    parts = urlsplit(public or "")
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise RuntimeError(
            "RECEIPTS_ENV=production needs RECEIPTS_PUBLIC_URL (e.g. https://dvc.example.gov.vn/bien-nhan): "
            "QR codes and links must never follow the request's Host header"
        )
    extra = [h.strip() for h in str(app.config["TRUSTED_HOSTS_EXTRA"] or "").split(",") if h.strip()]
    app.config["TRUSTED_HOSTS"] = [parts.hostname, *extra]


def _secret_keys(app: Flask) -> list[str]:
    raw = app.config["SECRET_KEYS"]
    if isinstance(raw, list | tuple):
        keys = [str(k).strip() for k in raw]
    elif raw:
        keys = [k.strip() for k in str(raw).split(",")]
    else:
        path = Path(app.instance_path) / "secret_keys"
        if not path.exists():
            # Written aside, then linked into place (atomic, and refused if it exists): workers
            # starting together all read the first one's complete key.
            aside = path.with_name(f".secret_keys.{os.getpid()}.{secrets.token_hex(4)}")
            with os.fdopen(os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
                file.write(secrets.token_urlsafe(32) + "\n")
            try:
                os.link(aside, path)
            except FileExistsError:
                pass
            finally:
                aside.unlink()
        keys = [k.strip() for k in path.read_text(encoding="utf-8").split(",")]
    keys = [k for k in keys if k]
    if not keys:
        raise RuntimeError("RECEIPTS_SECRET_KEYS holds no key")
    return keys


def _check_range(app: Flask, name: str, low: int, high: int) -> None:
    value = app.config[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise RuntimeError(f"RECEIPTS_{name} must be a number from {low} to {high}, not {value!r}")


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in {"0", "false", "no", "off", ""}
    return bool(value)
