"""HTML and PDF of the forms, the only WeasyPrint importer: `forms` (the receipt's page and PDF
sources from one template), `pdf` (PdfRenderer: shared CSS and fonts, a cache of finished PDFs, a
fetcher that reads only `fonts/`), `weasy` (every use of WeasyPrint's internals, version-checked).
"""
