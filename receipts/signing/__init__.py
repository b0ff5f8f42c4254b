"""Tokens (itsdangerous) and QR codes (segno); nothing else imports those two."""
