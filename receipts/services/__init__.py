"""The use cases, one module per area; plain values (and the clock) in, domain objects out.

`receipts` issues, corrects and revokes; `verification` checks QR tokens and prints PDFs;
`dossiers` records status changes and shows the redacted status; `lookup` unlocks a dossier by
the applicant's phone; `catalogue` searches and loads agencies, procedures and the calendar.
No presentation here and no `current_app`: adapters pass the clock, the signer and the renderer.
"""
