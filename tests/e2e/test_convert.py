#!/usr/bin/env python3
"""E2E: `rapport convert` writes native NDJSON that reads back to the same figures,
compressed by the output name, atomically."""

import json
import os
import shutil
import tempfile
import unittest

from e2e_support import ROOT, run, shared_file

TWCS = "data/real/twcs_head_5k/twcs_head_5001.csv"


class ConvertTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rapport-convert-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def brands(self, path):
        code, out, err = run(["report", path, "--format", "json"])
        self.assertEqual(code, 0, err)
        return json.loads(out)["brands"]

    def test_round_trip_gives_the_same_figures(self):
        src = shared_file(self, TWCS)
        for name in ["twcs.ndjson", "twcs.ndjson.zst", "twcs.ndjson.gz"]:
            out = os.path.join(self.tmp, name)
            code, _, err = run(["convert", src, "-o", out])
            self.assertEqual(code, 0, err)
            self.assertIn("wrote 5000 events", err)
            self.assertEqual(self.brands(out), self.brands(src), name)

    def test_lines_are_native_events(self):
        src = os.path.join(ROOT, "tests", "fixtures", "twcs", "good_small.csv")
        code, out, err = run(["convert", src])
        self.assertEqual(code, 0, err)
        lines = out.decode().splitlines()
        self.assertEqual(len(lines), 5)
        first = json.loads(lines[0])
        self.assertEqual(first["platform"], "x")
        self.assertEqual(first["type"], "reply")
        self.assertEqual(first["parent_id"], "2")
        self.assertEqual(first["inbound"], False)
        self.assertIn("\n", first["text"])  # quoted multi-line text kept
        self.assertIsNone(first["metrics"]["likes"])  # unknown stays unknown
        self.assertIn("\r\r", json.loads(lines[4])["text"])  # bare CRs kept

    def test_failure_writes_nothing(self):
        out = os.path.join(self.tmp, "out.ndjson")
        code, _, err = run(["convert", os.path.join(self.tmp, "missing.csv"), "-o", out])
        self.assertEqual(code, 66, err)
        self.assertEqual(os.listdir(self.tmp), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
