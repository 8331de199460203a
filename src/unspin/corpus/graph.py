"""Clusters and the site graph, for the local runner (the Spark job computes the same in Spark).

A cluster is a connected component of the reuse pairs, named by its
smallest article id; an article in no pair is a cluster of its own. Site
edges count directed pairs only (the source known by date): source site →
copying site, with the share of each site's articles involved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

UNKNOWN_SITE = "(unknown)"


def clusters(article_ids: Iterable[int], pairs: Iterable[tuple[int, int]]) -> list[dict[str, int]]:
    """``{"id", "cluster", "size"}`` per article, by union-find."""
    parent: dict[int, int] = {i: i for i in article_ids}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = {i: find(i) for i in parent}
    sizes: dict[int, int] = defaultdict(int)
    for root in roots.values():
        sizes[root] += 1
    return [{"id": i, "cluster": r, "size": sizes[r]} for i, r in sorted(roots.items())]


def site_edges(sites: dict[int, str | None], pairs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Source site → copying site rows from the directed pairs."""
    totals: dict[str, int] = defaultdict(int)
    for site in sites.values():
        totals[site or UNKNOWN_SITE] += 1
    count: dict[tuple[str, str], int] = defaultdict(int)
    sources: dict[tuple[str, str], set[int]] = defaultdict(set)
    copies: dict[tuple[str, str], set[int]] = defaultdict(set)
    for pair in pairs:
        if pair["source_id"] is None:
            continue
        source = pair["source_id"]
        copy = pair["b_id"] if source == pair["a_id"] else pair["a_id"]
        edge = (sites[source] or UNKNOWN_SITE, sites[copy] or UNKNOWN_SITE)
        count[edge] += 1
        sources[edge].add(source)
        copies[edge].add(copy)
    return [
        {
            "source_site": s, "copy_site": c, "pairs": count[(s, c)],
            "source_articles": len(sources[(s, c)]), "copy_articles": len(copies[(s, c)]),
            "source_share": round(len(sources[(s, c)]) / totals[s], 4),
            "copy_share": round(len(copies[(s, c)]) / totals[c], 4),
        }
        for s, c in sorted(count)
    ]
