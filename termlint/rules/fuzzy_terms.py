"""Misspelled glossary terms (placeholder)."""

from __future__ import annotations


def check_fuzzy_terms(document, context):
    """Yield nothing yet."""
    return iter(())
