"""Quality review packs for a relationship and organizational trust reports for a unit:
a page, its JSON twin and a PDF, built from what the pages already compute (issue 18)."""
