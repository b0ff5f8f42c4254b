"""Tokens (itsdangerous), QR codes (segno) and secrets' hashes; nothing else imports those libraries."""
