#!/usr/bin/env python3
"""E2E: the `csv` reader through the real binary: `rapport convert` and `rapport report`
with --map / --map-file on the UCI Facebook metrics export (figures computed here from
the raw CSV with Python's csv module), and the usage errors of a missing or wrong
mapping (exit 64)."""

import csv
import json
import os
import shutil
import tempfile
import unittest

from e2e_support import ROOT, run, shared_file

UCI = "data/real/facebook_page_post_metrics_uci/dataset_Facebook.csv"
MAP = ("id:=uci-{@row},platform:=facebook,author:=cosmetics_brand,type:=post,inbound:=false,"
       "created_at:=2014-{Post Month:02}-01T{Post Hour:02}:00:00Z,author_followers=Page total likes,"
       "likes=like,shares=share,comments=comment,impressions=Lifetime Post Total Impressions,"
       "reach=Lifetime Post Total Reach,clicks=Lifetime Post Consumptions")
MAP_TOML = """
[columns]
author_followers = "Page total likes"
likes = "like"
shares = "share"
comments = "comment"
impressions = "Lifetime Post Total Impressions"
reach = "Lifetime Post Total Reach"

[values]
id = "uci-{@row}"
platform = "facebook"
author = "cosmetics_brand"
inbound = "false"
created_at = "2014-{Post Month:02}-01T{Post Hour:02}:00:00Z"
"""


def column_sums(path):
    """(known cells, sum) per column, from the raw file."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    out = {}
    for col in ["like", "share", "comment", "Lifetime Post Total Impressions", "Lifetime Post Total Reach"]:
        vals = [int(r[col]) for r in rows if r[col] != ""]
        out[col] = (len(vals), sum(vals))
    return len(rows), out


class CsvMapTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rapport-csvmap-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def test_convert_carries_every_mapped_counter(self):
        src = shared_file(self, UCI)
        rows, sums = column_sums(src)
        code, out, err = run(["convert", src, "--map", MAP])
        self.assertEqual(code, 0, err)
        events = [json.loads(line) for line in out.decode().splitlines()]
        self.assertEqual(len(events), rows)
        self.assertEqual(rows, 500)
        for native, col in [("likes", "like"), ("shares", "share"), ("comments", "comment"),
                            ("impressions", "Lifetime Post Total Impressions"),
                            ("reach", "Lifetime Post Total Reach")]:
            vals = [e["metrics"][native] for e in events if e["metrics"].get(native) is not None]
            self.assertEqual((len(vals), sum(vals)), sums[col], native)
        first = events[0]
        self.assertEqual(first["platform"], "facebook")
        self.assertEqual(first["id"], "uci-1")
        self.assertEqual(first["created_at"], "2014-12-01T03:00:00Z")
        self.assertEqual(first["author_followers"], 139441)
        self.assertIs(first["inbound"], False)
        # An empty "like" cell stays unknown (null), never 0.
        self.assertEqual(sum(1 for e in events if e["metrics"].get("likes") is None), 1)

    def test_report_with_a_map_file_reads_every_post(self):
        src = shared_file(self, UCI)
        path = os.path.join(self.tmp, "map.toml")
        with open(path, "w") as f:
            f.write(MAP_TOML)
        code, out, err = run(["report", src, "--map-file", path, "--format", "json"])
        self.assertEqual(code, 0, err)
        report = json.loads(out)
        files = report["input"]["files"]
        self.assertEqual(files[0]["format"], "csv")
        self.assertEqual(files[0]["records"], 500)
        self.assertEqual(report["input"]["events"], 500)

    def test_mapping_errors_are_usage_errors(self):
        src = os.path.join(ROOT, "tests", "fixtures", "csv", "insights_export.csv")
        code, _, err = run(["convert", src, "--input-format", "csv"])
        self.assertEqual(code, 64, err)
        self.assertIn("needs a column mapping", err)
        code, _, err = run(["convert", src, "--map", "id=Post ID,lieks=Reactions"])
        self.assertEqual(code, 64, err)
        self.assertIn('"lieks" is not a native field', err)
        code, _, err = run(["convert", src, "--map", "id=Post ID", "--input-format", "twcs"])
        self.assertEqual(code, 64, err)
        code, _, err = run(["convert", src, "--map", "id=Post ID,platform:=facebook,author:=a,created_at=Date"])
        self.assertEqual(code, 64, err)
        self.assertIn('names column "Date"', err)
        out_path = os.path.join(self.tmp, "out.ndjson")
        code, _, err = run(["convert", src, "-o", out_path, "--map",
                            "id=Post ID,platform:=facebook,author:=acme,created_at=Posted,likes=Reactions"])
        self.assertEqual(code, 0, err)
        with open(out_path) as f:
            self.assertEqual([json.loads(l)["id"] for l in f], ["1001", "1002", "1006"])
        self.assertIn("insights_export.csv:5", err)  # the bad count's row, named with its line


if __name__ == "__main__":
    unittest.main(verbosity=2)
