"""HTML and PDF of the forms; the only package that imports WeasyPrint."""
