"""ETPC: span-level annotation of MRPC sentence pairs, joined to the MRPC text.

Each ETPC relation marks a span in each sentence (token indices over the
whitespace tokens of the MRPC row) with an edit type and whether the edit
preserves the sense. unspin works on natural text, so each MRPC row is
detokenised ("$ 2.5 billion ." → "$2.5 billion.") and the token indices are
mapped to character spans of the detokenised sentence.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from unspin.datasets import data_root, mrpc_pairs
from unspin.records import Span

_NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", "%", ")", "]", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "''", "'"}
_NO_SPACE_AFTER = {"$", "(", "[", "``", "US$", "C$", "A$"}


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    tokens: tuple[Span, ...]

    def span(self, indices: tuple[int, ...]) -> tuple[Span, ...]:
        """Character spans of the given token indices (out-of-range indices skipped)."""
        return tuple(self.tokens[i] for i in indices if 0 <= i < len(self.tokens))


@dataclass(frozen=True, slots=True)
class Relation:
    pair_id: int
    type_id: int
    type_name: str
    preserving: bool
    a: tuple[int, ...]
    b: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class EtpcPair:
    pair_id: int
    paraphrase: bool
    a: Sentence
    b: Sentence


def detokenise(tokenised: str) -> Sentence:
    """Join MRPC's tokens as a newspaper would print them, keeping each token's span."""
    text = ""
    spans: list[Span] = []
    quote_open = False
    glue = True
    for token in tokenised.split():
        if token == '"':
            quote_open = not quote_open
            attach = not quote_open  # a closing quote hugs the word before it
        else:
            attach = token in _NO_SPACE_BEFORE
        if text and not attach and not glue:
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
        glue = token in _NO_SPACE_AFTER or (token == '"' and quote_open)
    return Sentence(text, tuple(spans))


def _indices(scope: str | None) -> tuple[int, ...] | None:
    scope = (scope or "").strip()
    if not scope:
        return ()
    if not scope[0].isdigit():
        return None  # "whole sentence" and similar: no token-level span
    return tuple(int(x) for x in scope.split(","))


def etpc_relations(root: Path | None = None) -> list[Relation]:
    """Meaning-changing and meaning-preserving relations with token-level spans."""
    base = (root or data_root()) / "etpc"
    out: list[Relation] = []
    for name in ("textual_np_neg.xml", "textual_np_pos.xml"):
        for rel in ET.parse(base / name).getroot().iter("relation"):
            a, b = _indices(rel.findtext("s1_scope")), _indices(rel.findtext("s2_scope"))
            if a is None or b is None:
                continue
            out.append(Relation(
                int(rel.findtext("pair_id") or 0), int(rel.findtext("type_id") or 0), rel.findtext("type_name") or "",
                (rel.findtext("sense_preserving") or "").strip() == "yes", a, b,
            ))
    return out


def etpc_pairs(root: Path | None = None) -> dict[int, EtpcPair]:
    return {p.pair_id: EtpcPair(p.pair_id, p.label == 1, detokenise(p.a), detokenise(p.b)) for p in mrpc_pairs(root)}
