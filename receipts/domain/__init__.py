"""The pure core, standard library only, no I/O: dossier codes (`codes`), the working-day calendar
(`calendar`) and appointments (`due_dates`), statuses and their transitions (`statuses`), the printed
receipt (`receipt`), commands and corrections (`commands`), the stored dossier with its verdict,
overdue rule and redacted view (`dossiers`), agencies and procedures (`catalogue`), officers
(`officers`), Vietnam's local time (`localtime`), text rules (`text`) and errors with stable codes.
"""
