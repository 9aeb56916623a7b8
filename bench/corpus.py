"""Build the benchmark corpora in bench/corpus/ (git-ignored) from the real laws in ../shared/corpus.

- `laws/`: the shared corpus's .txt files as they are (Romanian and English);
- `many-N/`: about N MB of text in files of about 10 kB, cut at line ends from those laws
  (10,000 files for 100 MB), in sub-folders of 250 files;
- `single-N.txt`: one file of N MB, the laws repeated;
- `criminal-code-500p.docx`: the Criminal Code as a 500-page Word draft (python-docx);
- `one-line.txt`: a single sentence.

Builders are idempotent: an existing corpus of the right size is kept. bench/corpus/ is
git-ignored, and termlint (like ripgrep) skips git-ignored files when it walks a folder, so
the folder is made a git repository of its own: both tools then see it as a user's folder.
"""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "corpus"
OUT = HERE / "corpus"
MB = 1_000_000


def shared_texts() -> list[Path]:
    """Return the shared corpus's text files, or exit with a message when it is missing."""
    files = sorted(SHARED.glob("*.txt"))
    if not files:
        raise SystemExit(f"bench: shared corpus not found in {SHARED}")
    return files


def _pieces(target: int = 10_000) -> list[str]:
    """Return the laws cut at line ends into pieces of about `target` bytes (provenance lines dropped)."""
    pieces = []
    for path in shared_texts():
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)[1:]
        piece: list[str] = []
        size = 0
        for line in lines:
            piece.append(line)
            size += len(line.encode("utf-8"))
            if size >= target:
                pieces.append("".join(piece))
                piece, size = [], 0
        if piece:
            pieces.append("".join(piece))
    return pieces


def prepare() -> None:
    """Create bench/corpus/ as its own (empty) git repository (see the module docstring)."""
    OUT.mkdir(parents=True, exist_ok=True)
    if not (OUT / ".git").exists():
        subprocess.run(["git", "init", "-q", str(OUT)], check=False)


def laws() -> Path:
    """Return the folder of the shared laws (used in place)."""
    shared_texts()
    return SHARED


def many(megabytes: int) -> Path:
    """Return a folder of about `megabytes` MB of text in ~10 kB files."""
    folder = OUT / f"many-{megabytes}"
    stamp = folder / ".complete"
    if stamp.exists():
        return folder
    pieces = _pieces()
    total, index = 0, 0
    for piece in itertools.cycle(pieces):
        if total >= megabytes * MB:
            break
        sub = folder / f"d{index // 250:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = piece.encode("utf-8")
        (sub / f"f{index:05d}.txt").write_bytes(data)
        total += len(data)
        index += 1
    stamp.write_text(f"{index} files, {total} bytes\n")
    return folder


def single(megabytes: int) -> Path:
    """Return one text file of about `megabytes` MB."""
    path = OUT / f"single-{megabytes}.txt"
    if path.exists() and path.stat().st_size >= megabytes * MB:
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    text = "".join(_pieces()).encode("utf-8")
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as out:
        written = 0
        while written < megabytes * MB:
            out.write(text)
            written += len(text)
    tmp.replace(path)
    return path


def one_line() -> Path:
    """Return a one-line text file."""
    path = OUT / "one-line.txt"
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text("Legea privind protecția copilului se aplică tuturor minorilor.\n", encoding="utf-8")
    return path


def docx_500_pages() -> Path:
    """Return the Criminal Code as a .docx of 500 pages (headings for articles, page breaks)."""
    path = OUT / "criminal-code-500p.docx"
    if path.exists():
        return path
    import docx
    from docx.enum.text import WD_BREAK

    source = SHARED / "ro-codul-penal-consolidat-2025-full.txt"
    lines = [ln.strip() for ln in source.read_text(encoding="utf-8").splitlines()[1:] if ln.strip()]
    document = docx.Document()
    pages, chars = 0, 0
    for line in itertools.cycle(lines):
        if pages >= 500:
            break
        if line.startswith(("Articolul", "Art.")):
            document.add_heading(line, level=3)
        else:
            document.add_paragraph(line)
        chars += len(line)
        if chars >= 3000:  # about one printed page of legal text
            document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
            pages += 1
            chars = 0
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.docx")
    document.save(str(tmp))
    tmp.replace(path)
    return path
