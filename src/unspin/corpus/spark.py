"""``unspin spark reuse``: the corpus run as a Spark job (also ``spark-submit`` this file).

The job only distributes: the stage skeleton is
:func:`~unspin.corpus.stages.run_stages`, as for the local runner, and
executors call the same per-file (:func:`~unspin.corpus.features.process_item`)
and per-pair (:func:`~unspin.corpus.pairs.compare_candidate`) functions;
candidates pass the candidate engine's rule
(:meth:`~unspin.index.candidates.CandidateRule.passes`, on Spark columns).
Band keys, fingerprints and sentence-vector buckets become group-bys whose
pairs are counted in one aggregation by article pair; the sentence pairs
of the pairs that can still pass join their int8 vectors and are scored
in Arrow batches by :func:`~unspin.index.candidates.exact_dots` as locally; clusters
are found by min-label propagation over DataFrames, so no stage collects
the corpus or the graph to the driver.

    spark-submit --master local[2] src/unspin/corpus/spark.py INPUT... --out DIR
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from unspin.corpus.candidates import keyed_vectors
from unspin.index.candidates import KEY_BITS, CandidateRule, bucket_bits, exact_dots
from unspin.corpus.config import ReuseConfig
from unspin.corpus.features import Processed, process_item
from unspin.corpus.graph import UNKNOWN_SITE
from unspin.corpus.pairs import compare_candidate
from unspin.corpus.stages import ReuseSummary, RunDir, list_units, manifest, run_stages
from unspin.corpus.tables import SCHEMAS, spark_schema
from unspin.errors import MissingDependencyError
from unspin.index.vectors import DIM
from unspin.read.readers import read_unit
from unspin.records import IngestProblem


def spark_session(master: str | None, app_name: str = "unspin reuse", driver_memory: str | None = None) -> Any:
    """A session on ``master`` (None: whatever ``spark-submit`` set).

    ``driver_memory`` sizes the driver's JVM, which in ``local`` mode also
    runs every task: Spark's default of 1 GB fails on shuffles of 100k
    articles. It takes effect only when this call starts the JVM.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise MissingDependencyError("spark reuse needs PySpark: pip install 'unspin[spark]'") from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.pyspark.python", sys.executable)
    if master:
        builder = builder.master(master)
    if driver_memory:
        builder = builder.config("spark.driver.memory", driver_memory)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _tuple(row: dict[str, Any], table: str) -> tuple[Any, ...]:
    return tuple(row[name] for name in SCHEMAS[table].names)


def _write(spark: Any, run: RunDir, table: str, data: Any) -> None:
    """Write a DataFrame or an RDD of dict rows as the table's Parquet folder."""
    frame = data if hasattr(data, "write") else spark.createDataFrame(data.map(partial(_tuple, table=table)), spark_schema(table))
    tmp = run.staging(table)
    frame.select(*SCHEMAS[table].names).write.mode("overwrite").parquet(str(tmp))
    run.commit(table, tmp)


def run_spark(
    inputs: Sequence[str], out: Path, config: ReuseConfig = ReuseConfig(), master: str | None = "local[*]",
    driver_memory: str | None = None, until: str | None = None,
) -> ReuseSummary:
    """Run every stage not yet done into ``out`` on Spark, or those up to the stage ``until``."""
    summary = ReuseSummary()
    units = list_units(inputs, summary)
    run = RunDir(out, manifest(units, config))
    spark = spark_session(master, driver_memory=driver_memory)
    slices = partitions_for(units, spark.sparkContext.defaultParallelism)
    spark.conf.set("spark.sql.shuffle.partitions", str(slices))
    run_stages(run, summary, {
        "articles": lambda: _articles(spark, run, units, config, summary, slices),
        "candidates": lambda: _candidates(spark, run, config),
        "pairs": lambda: _pairs(spark, run, config),
        "clusters": lambda: _clusters(spark, run),
        "sites": lambda: _sites(spark, run),
    }, until)
    return summary


_PARTITION_BYTES = 16 << 20
"""Input bytes per partition (~3,000 news articles as JSONL)."""


def partitions_for(units: Sequence[str], parallelism: int) -> int:
    """Partitions for a corpus: at least four per core, and one per ``_PARTITION_BYTES`` of input.

    A fixed count made each partition grow with the corpus until caching
    one overflowed the JVM heap (100k articles in 8 partitions).
    """
    size = sum(os.path.getsize(u) for u in units if os.path.isfile(u))
    return max(4 * parallelism, math.ceil(size / _PARTITION_BYTES))


def _articles(
    spark: Any, run: RunDir, units: list[str], config: ReuseConfig, summary: ReuseSummary, slices: int
) -> None:
    from pyspark import StorageLevel

    sc = spark.sparkContext
    items = (
        sc.parallelize(units, max(1, min(len(units), slices))).flatMap(read_unit)
        .repartition(slices).map(partial(process_item, config=config)).persist(StorageLevel.DISK_ONLY)
    )
    summary.problems += items.filter(lambda i: isinstance(i, IngestProblem)).collect()
    processed = items.filter(lambda i: isinstance(i, Processed))
    best = (
        processed.map(lambda p: (p.article["content_hash"], p))
        .reduceByKey(lambda x, y: x if x.article["source"] <= y.article["source"] else y)
        .values()
        .persist(StorageLevel.DISK_ONLY)
    )
    _write(spark, run, "articles", best.map(lambda p: p.article))
    _write(spark, run, "features", best.map(lambda p: p.features))
    summary.duplicates = processed.count() - best.count()
    items.unpersist()
    best.unpersist()


def _shared_keys(features: Any, column: str, max_articles: int) -> Any:
    """``(a_id, b_id)`` once for each ``column`` key the pair shares, keys of 2 to ``max_articles`` articles only.

    Each key's articles are gathered once (a group-by) and its pairs formed
    from that list, as :func:`~unspin.corpus.candidates.group_pairs` does;
    a self-join of the postings shuffled them once more and matched them
    again, key by key. A key repeated in one article counts once.
    """
    from pyspark.sql import functions as F

    ids = (
        features.select(F.explode(F.array_distinct(column)).alias("key"), "id")
        .groupBy("key").agg(F.collect_list("id").alias("ids"))
        .where((F.size("ids") >= 2) & (F.size("ids") <= max_articles))
    )
    return (
        ids.select(F.explode("ids").alias("a_id"), "ids").select("a_id", F.explode("ids").alias("b_id"))
        .where(F.col("a_id") < F.col("b_id"))
    )


def _keyed_vectors(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """``(id, s, v)``: each keyed sentence's int8 vector (what bucket pairs are scored with), a batch at a time."""
    for batch in batches:
        sentences = batch.column("vector_key_sentences")
        rows = pc.list_parent_indices(sentences).to_numpy(zero_copy_only=False).astype(np.int64)
        flat = pc.list_flatten(sentences).to_numpy(zero_copy_only=False)
        stride = int(flat.max()) + 1 if len(flat) else 1
        keyed = np.unique(rows * stride + flat)
        _, vectors = keyed_vectors(keyed, stride, iter([_narrow(batch.column("vectors"))]))
        row, sentence = np.divmod(keyed, stride)
        yield pa.RecordBatch.from_arrays(
            [pa.array(batch.column("id").to_numpy(zero_copy_only=False)[row]), pa.array(sentence), _binary(vectors)],
            names=["id", "s", "v"],
        )


def _binary(vectors: np.ndarray) -> pa.Array:
    """Rows of an int8 matrix as an Arrow binary array, without a Python object per row."""
    offsets = np.arange(len(vectors) + 1, dtype=np.int32) * DIM
    return pa.Array.from_buffers(pa.binary(), len(vectors), [None, pa.py_buffer(offsets), pa.py_buffer(vectors.tobytes())])


def _close(batches: Iterator[pa.RecordBatch], min_similarity: float) -> Iterator[pa.RecordBatch]:
    """The sentence pairs of each batch whose int8 vectors are close (:func:`exact_dots`, as the local runner)."""
    for batch in batches:
        a, b = (_matrix(batch.column(name)) for name in ("av", "bv"))
        close = pa.array(exact_dots(a, b) >= min_similarity)
        yield batch.select(["a_id", "a_s", "b_id", "b_s"]).filter(close)


def _narrow(column: Any) -> pa.Array:
    """A binary column as one ``pa.binary()`` array (32-bit offsets), whichever Arrow type Spark sent."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    return column.cast(pa.binary()) if pa.types.is_large_binary(column.type) else column


def _matrix(column: pa.Array) -> np.ndarray:
    """An Arrow binary column of ``DIM``-byte int8 vectors as a matrix (one copy, no Python objects)."""
    column = _narrow(column)
    offsets = np.frombuffer(column.buffers()[1], np.int32, column.offset + len(column) + 1)[column.offset :]
    data = np.frombuffer(column.buffers()[2], np.int8, int(offsets[-1]))[offsets[0] :]
    return data.reshape(-1, DIM)


def _bucket_pairs(features: Any, rule: CandidateRule) -> Any:
    """``(a_id, a_s, b_id, b_s, shorter)``: the distinct sentence pairs of different articles in one LSH bucket.

    Buckets are formed in the JVM (the sentence keys truncated with bit
    operations, a group-by, and the pairs of each bucket of 2 to
    ``max_bucket_sentences`` postings, as :func:`~unspin.corpus.candidates.group_pairs`);
    only ids, sentence numbers and sentence counts are shuffled to form
    them. ``shorter`` is the sentence count of the pair's shorter article.
    """
    from pyspark.sql import functions as F

    keyed = features.select(F.sum(F.size("vector_keys"))).first()[0] or 0
    drop = rule.max_vector_bits - bucket_bits(keyed // rule.vector_bands, rule)
    posting = F.explode(F.arrays_zip("vector_keys", "vector_key_sentences"))
    key = F.col("p.vector_keys")
    bucket = F.shiftleft(F.shiftright(key, KEY_BITS), KEY_BITS).bitwiseOR(
        F.shiftright(key.bitwiseAND(F.lit((1 << KEY_BITS) - 1)), drop))
    postings = features.select("id", _sentence_count().alias("n"), posting.alias("p")).select(
        bucket.alias("bucket"), F.struct("id", F.col("p.vector_key_sentences").cast("long").alias("s"), "n").alias("m"))
    buckets = postings.groupBy("bucket").agg(F.collect_list("m").alias("ms")).where(
        (F.size("ms") >= 2) & (F.size("ms") <= rule.max_bucket_sentences))
    return (
        buckets.select(F.explode("ms").alias("x"), "ms").select("x", F.explode("ms").alias("y"))
        .where(F.col("x.id") < F.col("y.id"))
        .select(F.col("x.id").alias("a_id"), F.col("x.s").alias("a_s"), F.col("y.id").alias("b_id"),
                F.col("y.s").alias("b_s"), F.least("x.n", "y.n").alias("shorter"))
        .distinct()
    )


def _sentence_count() -> Any:
    """An article's sentence count (its sentence vectors), the ``shorter`` of :meth:`CandidateRule.passes`."""
    from pyspark.sql import functions as F

    return (F.coalesce(F.length("vectors"), F.lit(0)) / (2 * DIM)).cast("long")


def _vector_sentences(features: Any, pairs: Any, rule: CandidateRule) -> Any:
    """``(a_id, b_id, vector_sentences)`` for the sentence ``pairs``, scored after a join on their int8 vectors.

    Python sees only Arrow batches: quantising the vectors
    (:func:`_keyed_vectors`) and scoring the pairs with
    :func:`~unspin.index.candidates.exact_dots`, as the local runner does.
    """
    from pyspark.sql import functions as F

    vectors = features.select("id", "vectors", "vector_key_sentences").mapInArrow(_keyed_vectors, "id long, s long, v binary")
    a = vectors.select(F.col("id").alias("a_id"), F.col("s").alias("a_s"), F.col("v").alias("av"))
    b = vectors.select(F.col("id").alias("b_id"), F.col("s").alias("b_s"), F.col("v").alias("bv"))
    scored = pairs.join(a, ["a_id", "a_s"]).join(b, ["b_id", "b_s"]).select("a_id", "a_s", "b_id", "b_s", "av", "bv")
    close = scored.mapInArrow(partial(_close, min_similarity=rule.min_vector_similarity),
                              "a_id long, a_s long, b_id long, b_s long")
    return close.groupBy("a_id", "b_id").agg(
        F.least(F.countDistinct("a_s"), F.countDistinct("b_s")).cast("long").alias("vector_sentences")
    )


def _candidates(spark: Any, run: RunDir, config: ReuseConfig) -> None:
    """Every pair's evidence in one aggregation; sentence vectors compared only where they can matter.

    Band keys, fingerprints and bucket-sharing sentence pairs are counted
    together by article pair: most pairs share one fingerprint, or one
    sentence's bucket, and nothing else (10M and 3.6M of them at 19k
    articles), so joining the kinds' counts pair by pair shuffled them
    several more times. The sentence pairs a pair shares bound its close
    sentences from above, and the rule only grows with the count
    (:meth:`CandidateRule.passes`), so a pair that fails with that bound
    fails with any count: only the sentence pairs of the pairs left (a few
    percent) join their int8 vectors and are scored. The evidence written
    is exact, as the local runner's: every candidate's sentence pairs are scored.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    features = spark.read.parquet(str(run.path("features")))
    rule = config.rule
    zero, one, unknown = F.lit(0).cast("long"), F.lit(1).cast("long"), F.lit(None).cast("long")
    pairs = _bucket_pairs(features, rule).persist(StorageLevel.DISK_ONLY)
    rows = (
        _shared_keys(features, "bands", rule.max_band_articles)
        .select("a_id", "b_id", one.alias("bands"), zero.alias("fingerprints"), zero.alias("shared"), unknown.alias("shorter"))
        .unionByName(_shared_keys(features, "fingerprints", rule.max_fingerprint_articles)
                     .select("a_id", "b_id", zero.alias("bands"), one.alias("fingerprints"), zero.alias("shared"), unknown.alias("shorter")))
        .unionByName(pairs.select("a_id", "b_id", zero.alias("bands"), zero.alias("fingerprints"), one.alias("shared"), "shorter"))
    )
    evidence = rows.groupBy("a_id", "b_id").agg(
        F.sum("bands").alias("bands"), F.sum("fingerprints").alias("fingerprints"), F.sum("shared").alias("shared"),
        F.coalesce(F.max("shorter"), zero).alias("shorter"),
    )
    hopeful = evidence.where(rule.passes(F.col("bands"), F.col("fingerprints"), F.col("shared"), F.col("shorter")))
    hopeful = hopeful.persist(StorageLevel.DISK_ONLY)
    scored = pairs.join(F.broadcast(hopeful.select("a_id", "b_id")), ["a_id", "b_id"], "left_semi")
    evidence = hopeful.join(_vector_sentences(features, scored, rule), ["a_id", "b_id"], "left").fillna(0, ["vector_sentences"])
    kept = evidence.where(rule.passes(F.col("bands"), F.col("fingerprints"), F.col("vector_sentences"), F.col("shorter")))
    _write(spark, run, "candidates", kept.select("a_id", "b_id", "bands", "fingerprints", "vector_sentences"))
    pairs.unpersist()
    hopeful.unpersist()


def _pairs(spark: Any, run: RunDir, config: ReuseConfig) -> None:
    from pyspark.sql import functions as F

    articles = spark.read.parquet(str(run.path("articles")))
    vectors = spark.read.parquet(str(run.path("features"))).select("id", "vectors")
    sides = articles.join(vectors, "id").select(
        "id", F.struct(*[F.col(c) for c in SCHEMAS["articles"].names]).alias("article"), "vectors"
    )
    a, b = sides.alias("a"), sides.alias("b")
    joined = (
        spark.read.parquet(str(run.path("candidates")))
        .join(a, F.col("a_id") == F.col("a.id"))
        .join(b, F.col("b_id") == F.col("b.id"))
        .select(F.col("a.article").alias("a"), F.col("a.vectors").alias("av"),
                F.col("b.article").alias("b"), F.col("b.vectors").alias("bv"))
    )
    results = (
        joined.rdd
        .map(lambda r: compare_candidate((r.a.asDict(), bytes(r.av), r.b.asDict(), bytes(r.bv)), config))
        .filter(lambda r: r is not None)
        .cache()
    )
    _write(spark, run, "pairs", results.map(lambda r: r[0]))
    _write(spark, run, "passages", results.flatMap(lambda r: r[1]))
    results.unpersist()


def _clusters(spark: Any, run: RunDir) -> None:
    """Connected components by min-label propagation: each round, every article takes the
    smallest label among itself and its neighbours, until no label changes."""
    from pyspark.sql import functions as F

    pairs = spark.read.parquet(str(run.path("pairs"))).select("a_id", "b_id")
    edges = pairs.select(F.col("a_id").alias("src"), F.col("b_id").alias("dst")).union(
        pairs.select(F.col("b_id").alias("src"), F.col("a_id").alias("dst"))
    ).cache()
    labels = spark.read.parquet(str(run.path("articles"))).select("id", F.col("id").alias("cluster")).localCheckpoint()
    while True:
        offered = edges.join(labels, edges.src == labels.id).select(F.col("dst").alias("id"), "cluster")
        updated = labels.union(offered).groupBy("id").agg(F.min("cluster").alias("cluster")).localCheckpoint()
        changed = updated.join(labels.withColumnRenamed("cluster", "old"), "id").where(F.col("cluster") != F.col("old")).count()
        labels = updated
        if changed == 0:
            break
    sizes = labels.groupBy("cluster").agg(F.count("*").alias("size"))
    _write(spark, run, "clusters", labels.join(sizes, "cluster"))


def _sites(spark: Any, run: RunDir) -> None:
    from pyspark.sql import functions as F

    site = F.coalesce(F.col("site"), F.lit(UNKNOWN_SITE))
    articles = spark.read.parquet(str(run.path("articles"))).select("id", site.alias("site"))
    totals = articles.groupBy("site").agg(F.count("*").alias("total"))
    directed = (
        spark.read.parquet(str(run.path("pairs")))
        .where(F.col("source_id").isNotNull())
        .select(F.col("source_id").alias("source"),
                F.when(F.col("source_id") == F.col("a_id"), F.col("b_id")).otherwise(F.col("a_id")).alias("copy"))
    )
    s = articles.select(F.col("id").alias("source"), F.col("site").alias("source_site"))
    c = articles.select(F.col("id").alias("copy"), F.col("site").alias("copy_site"))
    edges = (
        directed.join(s, "source").join(c, "copy")
        .groupBy("source_site", "copy_site")
        .agg(F.count("*").alias("pairs"), F.countDistinct("source").alias("source_articles"),
             F.countDistinct("copy").alias("copy_articles"))
        .join(totals.select(F.col("site").alias("source_site"), F.col("total").alias("source_total")), "source_site")
        .join(totals.select(F.col("site").alias("copy_site"), F.col("total").alias("copy_total")), "copy_site")
        .withColumn("source_share", F.bround(F.col("source_articles") / F.col("source_total"), 4))
        .withColumn("copy_share", F.bround(F.col("copy_articles") / F.col("copy_total"), 4))
    )
    _write(spark, run, "sites", edges)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point for ``spark-submit``; the master comes from spark-submit's ``--master``."""
    parser = argparse.ArgumentParser(prog="unspin-spark-reuse", description="Corpus-wide reuse detection on Spark.")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--no-explain", action="store_true")
    args = parser.parse_args(argv)
    summary = run_spark(args.inputs, args.out, ReuseConfig(explain=not args.no_explain), master=None)
    print(f"articles {summary.articles}, candidates {summary.candidates}, pairs {summary.pairs}, clusters {summary.clusters}"
          f" -> {args.out}")


if __name__ == "__main__":
    main()
