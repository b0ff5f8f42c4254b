"""Flask extensions, created unbound and bound in the app factory."""

from __future__ import annotations

from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Declarative base of every model."""


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
# Behind a proxy, operators wrap the app in ProxyFix so that remote_addr is the client's.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
login = LoginManager()
login.login_view = "counter.login"
login.login_message = "Vui lòng đăng nhập để sử dụng quầy tiếp nhận."
csrf = CSRFProtect()
# Pages and JSON gzip- or brotli-compressed for clients that accept it (PDFs are compressed already).
compress = Compress()
