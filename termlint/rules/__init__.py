"""Rules turn a read document into findings.

Each rule is a callable `check(document, context) -> Iterable[Finding]`, listed here as a
`"module:attr"` string so that a rule's module is imported only when it runs.
"""

RULES: tuple[str, ...] = (
    "termlint.rules.terms:check_terms",
    "termlint.rules.misclassification:check_structure",
    "termlint.rules.misclassification:check_textual",
    "termlint.rules.consent:check_framing",
    "termlint.rules.orthography:check_orthography",
    "termlint.rules.spelling:check_spelling",
    "termlint.rules.fuzzy_terms:check_fuzzy_terms",
)
