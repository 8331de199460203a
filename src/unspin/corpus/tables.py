"""The Parquet tables a corpus run writes, with one schema for both runners.

Column types are Arrow's; :func:`spark_schema` maps them to Spark's, so a
table means the same whichever runner wrote it. The schemas are a contract
documented in the README: add columns, never rename one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", pa.int64()), ("source", pa.string()), ("url", pa.string()), ("site", pa.string()),
        ("title", pa.string()), ("published", pa.string()), ("content_hash", pa.string()), ("author", pa.string()),
        ("text", pa.string()), ("sentences", pa.string()), ("boilerplate", pa.string()),
    ]),
    "features": pa.schema([
        ("id", pa.int64()), ("bands", pa.list_(pa.int64())), ("fingerprints", pa.list_(pa.int64())),
        ("vectors", pa.binary()), ("vector_keys", pa.list_(pa.int64())), ("vector_key_sentences", pa.list_(pa.int32())),
    ]),
    "candidates": pa.schema([
        ("a_id", pa.int64()), ("b_id", pa.int64()), ("bands", pa.int64()), ("fingerprints", pa.int64()),
        ("vector_sentences", pa.int64()),
    ]),
    "pairs": pa.schema([
        ("a_id", pa.int64()), ("b_id", pa.int64()), ("similarity", pa.float64()), ("coverage_a", pa.float64()),
        ("coverage_b", pa.float64()), ("kind", pa.string()), ("meaning_changed", pa.bool_()),
        ("change_score", pa.float64()), ("direction", pa.string()), ("source_id", pa.int64()), ("passages", pa.int64()),
        ("blocks", pa.string()), ("omitted", pa.string()),
    ]),
    "passages": pa.schema([
        ("a_id", pa.int64()), ("b_id", pa.int64()), ("number", pa.int64()), ("a_start", pa.int64()),
        ("a_end", pa.int64()), ("b_start", pa.int64()), ("b_end", pa.int64()), ("kind", pa.string()),
        ("similarity", pa.float64()), ("changes", pa.string()),
    ]),
    "clusters": pa.schema([("id", pa.int64()), ("cluster", pa.int64()), ("size", pa.int64())]),
    "sites": pa.schema([
        ("source_site", pa.string()), ("copy_site", pa.string()), ("pairs", pa.int64()),
        ("source_articles", pa.int64()), ("copy_articles", pa.int64()), ("source_share", pa.float64()),
        ("copy_share", pa.float64()),
    ]),
}

SORT_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",), "features": ("id",), "candidates": ("a_id", "b_id"), "pairs": ("a_id", "b_id"),
    "passages": ("a_id", "b_id", "number"), "clusters": ("id",), "sites": ("source_site", "copy_site"),
}


def write_rows(folder: Path, table: str, rows: list[dict[str, Any]]) -> None:
    """Write ``rows`` as one Parquet file in ``folder``, in the table's sort order."""
    keys = SORT_KEYS[table]
    rows = sorted(rows, key=lambda r: tuple(r[k] for k in keys))
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), folder / "part-00000.parquet")


def read_rows(folder: Path, table: str, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """All rows of a table folder (written by either runner), in the table's sort order."""
    data = pq.read_table(folder, columns=columns, schema=SCHEMAS[table] if columns is None else None)
    rows = data.to_pylist()
    keys = [k for k in SORT_KEYS[table] if columns is None or k in columns]
    return sorted(rows, key=lambda r: tuple(r[k] for k in keys))


def spark_schema(table: str) -> Any:
    """The Spark ``StructType`` of a table."""
    from pyspark.sql import types as T

    def convert(kind: pa.DataType) -> Any:
        if pa.types.is_list(kind):
            return T.ArrayType(convert(kind.value_type))
        return {
            pa.int64(): T.LongType(), pa.int32(): T.IntegerType(), pa.string(): T.StringType(),
            pa.float64(): T.DoubleType(), pa.bool_(): T.BooleanType(), pa.binary(): T.BinaryType(),
        }[kind]

    return T.StructType([T.StructField(f.name, convert(f.type), True) for f in SCHEMAS[table]])
