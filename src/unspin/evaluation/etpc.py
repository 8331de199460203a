"""ETPC: span-level annotation of MRPC sentence pairs, joined to the MRPC text.

Each ETPC relation marks a span in each sentence (token indices over
``nltk.word_tokenize`` of the MRPC row, with the tokens' words) with an edit
type and whether the edit preserves the sense. unspin works on natural text,
so each MRPC row is detokenised ("$ 2.5 billion ." → "$2.5 billion.") and
each annotated word is located among the row's whitespace tokens near its
index. The two tokenisations part ways in one row in ten ("US30YT = RR" is
one nltk token, "Inc ." is "Inc."), so an index alone would point at the
wrong word for the rest of the sentence.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from unspin.evaluation.datasets import SentencePair, data_root, mrpc_pairs
from unspin.records import Span

_NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", "%", ")", "]", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "''", "'"}
_NO_SPACE_AFTER = {"$", "(", "[", "``", "US$", "C$", "A$"}


_QUOTE_TOKENS = {"``": '"', "''": '"'}
_DRIFT = 4
"""How far, in tokens, an annotated word may sit from its index."""


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    tokens: tuple[Span, ...]
    words: tuple[str, ...]
    """The row's whitespace tokens, one per span in ``tokens``."""

    def span(self, scope: tuple[tuple[int, str], ...]) -> tuple[Span, ...]:
        """Character spans of the annotated ``(index, word)`` pairs; a word not found near its index is skipped."""
        found = (self._locate(i, _QUOTE_TOKENS.get(w, w)) for i, w in scope)
        return tuple(span for span in found if span is not None)

    def _locate(self, index: int, word: str) -> Span | None:
        """The nearest run of one to four whitespace tokens that spells ``word``."""
        for j in sorted(range(max(index - _DRIFT, 0), min(index + _DRIFT + 1, len(self.words))), key=lambda j: abs(j - index)):
            joined = ""
            for k in range(j, min(j + 4, len(self.words))):
                joined += self.words[k]
                if joined == word:
                    return self.tokens[j][0], self.tokens[k][1]
                if not word.startswith(joined):
                    break
        return None


@dataclass(frozen=True, slots=True)
class Relation:
    pair_id: int
    type_id: int
    type_name: str
    preserving: bool
    a: tuple[tuple[int, str], ...]
    """``(token index, word)`` of each annotated token in sentence 1."""
    b: tuple[tuple[int, str], ...]


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
    return Sentence(text, tuple(spans), tuple(tokenised.split()))


def pair_texts(pairs: list[SentencePair]) -> list[tuple[str, str]]:
    """MRPC pairs as a newspaper prints them: what ``compare``, the fit scripts and the benches read.
    Here rather than in ``mrpc_eval`` so that the cross-encoder's fit imports no spaCy."""
    return [(detokenise(p.a).text, detokenise(p.b).text) for p in pairs]


def _scope(scope: str | None, text: str | None) -> tuple[tuple[int, str], ...] | None:
    scope = (scope or "").strip()
    if not scope:
        return ()
    if not scope[0].isdigit():
        return None  # "whole sentence" and similar: no token-level span
    return tuple(zip((int(x) for x in scope.split(",")), (text or "").split(), strict=True))


def etpc_relations(root: Path | None = None) -> list[Relation]:
    """Meaning-changing and meaning-preserving relations with token-level spans."""
    base = (root or data_root()) / "etpc"
    out: list[Relation] = []
    for name in ("textual_np_neg.xml", "textual_np_pos.xml"):
        for rel in ET.parse(base / name).getroot().iter("relation"):
            a = _scope(rel.findtext("s1_scope"), rel.findtext("s1_text"))
            b = _scope(rel.findtext("s2_scope"), rel.findtext("s2_text"))
            if a is None or b is None:
                continue
            out.append(Relation(
                int(rel.findtext("pair_id") or 0), int(rel.findtext("type_id") or 0), rel.findtext("type_name") or "",
                (rel.findtext("sense_preserving") or "").strip() == "yes", a, b,
            ))
    return out


def etpc_pairs(root: Path | None = None) -> dict[int, EtpcPair]:
    return {p.pair_id: EtpcPair(p.pair_id, p.label == 1, detokenise(p.a), detokenise(p.b)) for p in mrpc_pairs(root)}
