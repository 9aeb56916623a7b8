"""Consent and victim-blaming framing applied to a child; children criminalised for their own images."""

from __future__ import annotations

import pytest

from conftest import run_cli
from termlint.engine import Options, check_text, make_context
from termlint.glossary import load_glossaries


@pytest.fixture(scope="module")
def context():
    return make_context(load_glossaries(), Options())


def _codes(text: str, context, language: str) -> set[str]:
    return {f.code for f in check_text(text, context, language=language) if f.code[:2] in ("FR", "VB", "SG")}


@pytest.mark.parametrize(("text", "language"), [
    ("The age of sexual consent is 16, and the child was 14.", "en"),
    ("Vârsta consimțământului sexual este de 16 ani pentru orice minor.", "ro"),
    ("The child did not consent to the images being taken.", "en"),
    ("Minorul nu și-a dat consimțământul.", "ro"),
    ("Este necesar consimțământul părinților pentru audierea copilului.", "ro"),
    ("A child may hold images of another child with the informed consent of the child depicted.", "en"),
    ("Minorul poate deține imaginile altui minor cu consimțământul informat al copilului reprezentat.", "ro"),
    ("Sharing between two children that is voluntary, consensual, and intended solely for their own private use.", "en"),
])
def test_neutral_uses_stay_silent(text: str, language: str, context) -> None:
    assert not _codes(text, context, language)


@pytest.mark.parametrize(("text", "language", "code", "words"), [
    ("Eleva de 13 ani s-a oferit să rămână după ore, când a avut loc actul sexual.", "ro", "FR101", "Eleva de 13 ani"),
    ("Băiatul de 12 ani a acceptat să plece cu antrenorul, care l-a abuzat sexual.", "ro", "FR101", "Băiatul de 12 ani"),
    ("Minora și-a dat acordul pentru actul sexual.", "ro", "FR101", "Minora"),
    ("The pupil agreed to meet the teacher alone for sex.", "en", "FR121", "pupil"),
    ("A 17-year-old was described as consenting to the sexual contact.", "en", "FR121", "17-year-old"),
    ("Potrivit dosarului, minora se prostituase de la 14 ani.", "ro", "VB101", "minora"),
])
def test_consent_framing_names_the_child_context(text: str, language: str, code: str, words: str, context) -> None:
    [finding] = [f for f in check_text(text, context, language=language) if f.code == code]
    assert f"child context: {'„' if language == 'ro' else '“'}{words}" in finding.message
    assert finding.category in ("framing", "victim-blaming") and finding.rationale and finding.sources


def test_adults_and_age_18_are_not_child_context(context) -> None:
    assert not _codes("The 18-year-old consented to the sexual contact.", context, "en")
    assert not _codes("Femeia de 30 de ani a consimțit la actul sexual.", context, "ro")
    assert _codes("The 16-year-old consented to the sexual contact.", context, "en") == {"FR121"}


def test_consent_needs_a_sexual_act_in_the_same_sentence(context) -> None:
    """Consent to a meeting, an adoption or a name is not a cue; consent to a sexual act is."""
    assert not _codes("The 16-year-old consented to the meeting.", context, "en")
    assert not _codes("Minorului care a împlinit 14 ani i se cere consimțământul.", context, "ro")  # Legea 21/1991 art. 6
    # ro-laws/law-doc-43.txt:47: „copiilor” of a divorce by mutual consent
    assert not _codes("În caz de divorţ prin consimţământ mutual, înscrierea provizorie în favoarea copiilor.", context, "ro")
    # a copy, not a child: „importul … a copiilor realizate cu consimțământul autorului”
    assert not _codes("Importul copiilor realizate cu consimțământul autorului, cu scop sexual explicit declarat.", context, "ro")
    assert _codes("Minora de 14 ani a consimțit la actul sexual.", context, "ro") == {"FR101"}


def test_diacritics_and_line_breaks_do_not_matter(context) -> None:
    with_diacritics = _codes("Minora de 14 ani a consimțit la actul sexual.", context, "ro")
    assert with_diacritics == _codes("Minora de 14 ani a consimtit la actul sexual.", context, "ro") == {"FR101"}
    assert _codes("Minora de 14 ani a\nconsimţit la actul sexual.", context, "ro") == {"FR101"}


def test_self_generated_images_cue_quotes_the_recommendation(context) -> None:
    text = "Se pedepsește și minorul care trimite unui alt minor fotografii cu sine."
    [finding] = [f for f in check_text(text, context, language="ro") if f.code == "SG101"]
    assert "Rec. II-6, II-8" in finding.message and "II-6" in finding.rationale and "II-8" in finding.rationale
    assert "punishment: „Se pedepsește”" in finding.message


def test_cli_select_category_and_line_column(tmp_path) -> None:
    draft = tmp_path / "memo.md"
    draft.write_text("# Notă\n\nÎn cauză, profesorul a avut o idilă cu o elevă de 15 ani.\n", encoding="utf-8")
    run = run_cli("check", "--select", "framing", str(draft))
    assert run.code == 1, run.err
    assert f"{draft}:3:31: FR102 [warning] „idilă cu” frames the sexual abuse of a child as a relationship" in run.out
    assert run_cli("check", "--ignore", "framing", "--select", "FR", str(draft)).code == 0
