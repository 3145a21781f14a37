"""MinHash fingerprints of an article's body and the similarity of two of them.

Shingles of `SHINGLE_WORDS` syllables, a `PERMUTATIONS`-value signature, `BANDS` LSH band keys
(`baotinh.stories.decision` says how they are used). The constants and the salt below are part
of what is stored (signatures, band keys): changing any of them is a new `METHOD`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from baotinh.core.text import body_hash, hash_words, normalise_for_hash

# --- parameters --------------------------------------------------------------------------------

# Five syllables (Vietnamese is written one syllable per token: two or three words): long enough
# that two different articles on one campaign rarely share a shingle outside a quoted document
# title, short enough that a lightly edited sentence still shares most of its shingles with the
# original. 4 to 7 score alike on the labelled sets, 3 merges more (docs/dedupe.md).
SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 64
ROWS = PERMUTATIONS // BANDS
# Below this many shingles a text is a caption or a stub: containment means little, so only the
# exact keys can join it to a story (it gets no band keys).
MIN_SHINGLES = 12
# Bump when anything above or in the hashing changes: stored signatures of another method are
# recomputed instead of being compared with new ones.
METHOD = f"minhash-w{SHINGLE_WORDS}-p{PERMUTATIONS}-b{BANDS}x{ROWS}-v1"

# --- hashing -----------------------------------------------------------------------------------


def _constants(count: int, salt: str) -> np.ndarray:
    """Odd 64-bit constants derived from blake2b, not from a random generator: numpy does not
    promise the same stream across versions, and these constants shape persisted signatures."""
    values = [
        int.from_bytes(
            hashlib.blake2b(f"baotinh.dedupe:{salt}:{i}".encode(), digest_size=8).digest(),
            "little",
        )
        | 1
        for i in range(count)
    ]
    return np.array(values, dtype=np.uint64)


# Odd multipliers and offsets of the PERMUTATIONS hash functions h(x) = (a·x + b) mod 2^64 >> 32
# ("multiply-add-shift"): one vectorised product per shingle and permutation, and stable across
# processes and machines, which Python's own hash() is not; signatures are persisted.
_PERM_A = _constants(PERMUTATIONS, "a")
_PERM_B = _constants(PERMUTATIONS, "b")
_SHINGLE_MULT = np.uint64(0x9E3779B97F4A7C15)
_BAND_SALT = _constants(BANDS, "band")
_BAND_MULT = np.uint64(0xC2B2AE3D27D4EB4F)

# A news vocabulary is a few tens of thousands of syllables: hash each once per process (a plain
# dict: lru_cache's bookkeeping costs more than the lookups it saves here).
_WORD_HASHES: dict[str, int] = {}
_WORD_HASHES_MAX = 1 << 18


def _word_hashes(words: Sequence[str]) -> np.ndarray:
    cache = _WORD_HASHES
    values = [cache.get(word) for word in words]
    if None in values:
        if len(cache) > _WORD_HASHES_MAX:
            cache.clear()
        for i, word in enumerate(words):
            if values[i] is None:
                digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
                values[i] = cache[word] = int.from_bytes(digest, "little")
    return np.array(values, dtype=np.uint64)


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over the whole 64-bit word."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def shingle_hashes(words: Sequence[str], size: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the word `size`-grams (one shingle if fewer words)."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    tokens = _word_hashes(words)
    width = min(size, len(tokens))
    count = len(tokens) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(width):
        combined = combined * _SHINGLE_MULT + tokens[offset : offset + count]
    return np.unique(_mix(combined))


def minhash(shingles: np.ndarray) -> np.ndarray:
    """The PERMUTATIONS minimum hash values of a shingle set (all 2^32-1 for an empty set)."""
    if shingles.size == 0:
        return np.full(PERMUTATIONS, np.iinfo(np.uint32).max, dtype=np.uint32)
    values = (shingles[:, None] * _PERM_A[None, :] + _PERM_B[None, :]) >> np.uint64(32)
    return values.min(axis=0).astype(np.uint32)


def band_keys(signature: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (band number mixed in), as stored and looked up."""
    rows = signature.astype(np.uint64).reshape(BANDS, ROWS)
    combined = _BAND_SALT.copy()
    for row in range(ROWS):
        combined = combined * _BAND_MULT + rows[:, row]
    return [int(v) for v in _mix(combined).view(np.int64)]


@dataclass(frozen=True)
class Fingerprint:
    """What dedupe knows about one body of text.

    The signature is computed on first use: a stored article read to verify a candidate is
    compared on its shingles only (its signature is stored), and a new article's signature is
    computed once, for its band keys and for the store.
    """

    body_hash: str
    shingles: np.ndarray = field(repr=False)  # sorted distinct uint64

    @property
    def size(self) -> int:
        return int(self.shingles.size)

    @cached_property
    def signature(self) -> np.ndarray:
        """PERMUTATIONS x uint32."""
        return minhash(self.shingles)

    @cached_property
    def band_keys(self) -> list[int]:
        # An empty or stub text joins stories by its exact keys only (see MIN_SHINGLES).
        return band_keys(self.signature) if self.size >= MIN_SHINGLES else []

    def signature_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()


def fingerprint(text: str) -> Fingerprint:
    normalised = normalise_for_hash(text)
    shingles = shingle_hashes(hash_words(normalised, normalised=True))
    return Fingerprint(body_hash=body_hash(normalised, normalised=True), shingles=shingles)


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


# --- similarity --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Similarity:
    jaccard: float
    # Share of the smaller shingle set found in the larger one.
    containment: float
    # Size of the smaller set over the larger one.
    ratio: float
    smaller: int

    @classmethod
    def of_counts(cls, shared: float, size_a: int, size_b: int) -> Similarity:
        small, large = sorted((size_a, size_b))
        if small == 0:
            return cls(0.0, 0.0, 0.0, 0)
        shared = min(shared, small)
        union = size_a + size_b - shared
        return cls(shared / union, shared / small, small / large, small)


def compare(a: Fingerprint, b: Fingerprint) -> Similarity:
    """Exact similarity of two bodies, from their shingle sets."""
    shared = np.intersect1d(a.shingles, b.shingles, assume_unique=True).size
    return Similarity.of_counts(shared, a.size, b.size)


def estimate(
    signature_a: np.ndarray, size_a: int, signature_b: np.ndarray, size_b: int
) -> Similarity:
    """Similarity estimated from two signatures and set sizes (no text needed)."""
    jaccard = float(np.mean(signature_a == signature_b))
    # |A ∩ B| = J · |A ∪ B| = J · (|A| + |B|) / (1 + J)
    return Similarity.of_counts(jaccard * (size_a + size_b) / (1 + jaccard), size_a, size_b)
