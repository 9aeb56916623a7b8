"""Consent and victim-blaming framing applied to a child, and children criminalised for their own images.

Cue kinds `consent` (consent, willingness, "relationship" with a pupil, sex "with" a child,
prostitution as something the child does) and `self-images` (a provision punishing a
minor for producing, possessing or sharing images of themselves — Lanzarote Committee
Rec. II-6, II-8). Each fires only where the same sentence shows a child (child, minor,
pupil words or an age under 18) and no neutral use ("age of sexual consent", "the child
did not consent", parental consent …). Vocabulary: `glossaries/cues/`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from termlint.cues import cue_findings
from termlint.model import Finding

if TYPE_CHECKING:
    from termlint.engine import Context, Document


def check_framing(document: Document, context: Context) -> Iterator[Finding]:
    """Yield consent / victim-blaming framing and self-generated-image criminalisation cues."""
    yield from cue_findings(document, ("consent", "self-images"))
