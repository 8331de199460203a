"""Reader for the PAN-13 text-alignment ground truth in ``../shared/data``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from unspin.evaluation.scoring import PanCase


def pan_pairs(root: Path) -> list[tuple[Path, Path, list[PanCase]]]:
    """``(suspicious file, source file, cases)`` for each pair with ground truth."""
    base = root / "pan13-text-alignment-partial"
    pairs = []
    for xml in sorted((base / "02-no-obfuscation").glob("*.xml")):
        doc = ET.parse(xml).getroot()
        susp = base / "susp" / doc.attrib["reference"]
        cases, src_name = [], None
        for feature in doc.iter("feature"):
            if feature.attrib.get("name") != "plagiarism":
                continue
            src_name = feature.attrib["source_reference"]
            t0, s0 = int(feature.attrib["this_offset"]), int(feature.attrib["source_offset"])
            cases.append(PanCase((t0, t0 + int(feature.attrib["this_length"])), (s0, s0 + int(feature.attrib["source_length"]))))
        if src_name:
            pairs.append((susp, base / "src" / src_name, cases))
    return pairs
