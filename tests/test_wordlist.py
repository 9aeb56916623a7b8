"""Known-word lists: written once to the cache, mapped afterwards, rebuilt when damaged."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from termlint.wordlist import WordList, encode_words, word_list

WORDS = ["minor", "copil", "abuz", "ședință", "țară", "zebră"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("TERMLINT_NO_CACHE", raising=False)
    return folder


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "source.txt"
    source.write_text("\n".join(WORDS), encoding="utf-8")
    return source


def test_the_first_run_writes_the_list_and_later_runs_map_it(tmp_path: Path, cache: Path) -> None:
    source = _source(tmp_path)
    builds = []

    def build() -> bytes:
        builds.append(1)
        return encode_words(source.read_text(encoding="utf-8").split())

    first = word_list("test", source, build)
    [stored] = cache.glob("test-*.words")
    assert stored.read_bytes() == encode_words(WORDS)
    second = word_list("test", source, build)
    assert len(builds) == 1 and not isinstance(second.data, bytes)  # a memory map, not rebuilt
    for word in [*WORDS, "copii", "", "ab", "zebr", "minor\ncopil"]:
        assert (word in first) == (word in second) == (word in WORDS)


def test_a_changed_source_or_a_truncated_file_is_rebuilt(tmp_path: Path, cache: Path) -> None:
    source = _source(tmp_path)
    word_list("test", source, lambda: encode_words(WORDS))
    [stored] = cache.glob("test-*.words")
    stored.write_bytes(b"\nminor\nco")  # cut short while being written by hand
    rebuilt = word_list("test", source, lambda: encode_words(WORDS))
    assert "zebră" in rebuilt and stored.read_bytes() == encode_words(WORDS)
    source.write_text("\n".join([*WORDS, "pedeapsă"]), encoding="utf-8")
    newer = word_list("test", source, lambda: encode_words([*WORDS, "pedeapsă"]))
    assert "pedeapsă" in newer and len(list(cache.glob("test-*.words"))) == 2


def test_without_a_cache_the_list_is_built_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMLINT_NO_CACHE", "1")
    listed = word_list("test", _source(tmp_path), lambda: encode_words(WORDS))
    assert isinstance(listed.data, bytes) and "țară" in listed and "tara" not in listed
    assert not list(tmp_path.rglob("*.words"))


def test_an_unwritable_cache_still_gives_the_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("TERMLINT_NO_CACHE", raising=False)
    assert "abuz" in word_list("test", _source(tmp_path), lambda: encode_words(WORDS))


def test_unsorted_input_is_sorted_by_code_point() -> None:
    listed = WordList.from_words(reversed(WORDS))
    assert all(w in listed for w in WORDS) and "x" not in listed


_WORDS = st.text(alphabet="abcșț\n-", min_size=0, max_size=8)


@given(st.sets(_WORDS, max_size=60), st.lists(_WORDS, max_size=30), st.integers(1, 40))
def test_membership_is_set_membership_for_any_block_size(words: set[str], queries: list[str], block: int) -> None:
    # small blocks put block edges everywhere: the first and last word of a block, one word per block
    listed = WordList.from_words(words, block)
    stored = {w for w in words if w and "\n" not in w}
    for word in [*queries, *words]:
        assert (word in listed) == (word in stored), (word, sorted(stored), block)
