"""`rapport synth --format x-v2` writes the same stories as native NDJSON, as X API v2
tweets (twarc2's flattened lines). Read back through the x-v2 reader, every metric of
the report equals the report on the native file of the same seed with every story on X:
the writer and the x-v2 reader agree on ids, times, links, types, counters, mentions
and authors. One thing cannot match: the v2 API has no reach, so the E1 figures
based on reach (`engagement_rate_reach`, coverage `with_reach`) are null and 0 for
the x-v2 file; they are compared apart."""

import json
import os
import subprocess
import tempfile
import unittest

from e2e_support import rapport_bin


REACH_KEYS = ("engagement_rate_reach", "with_reach")


def without_reach(value, seen):
    """The value with every reach-based figure taken out, collected into `seen`."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in REACH_KEYS:
                seen.append(v)
            else:
                out[k] = without_reach(v, seen)
        return out
    if isinstance(value, list):
        return [without_reach(v, seen) for v in value]
    return value


def comparable(report, reach):
    report = dict(report)
    report["input"] = {k: v for k, v in report["input"].items() if k not in ("files", "formats")}
    return without_reach(report, reach)


class SynthFormats(unittest.TestCase):
    def test_x_v2_file_reports_like_the_native_one(self):
        with tempfile.TemporaryDirectory() as d:
            xv2, native, cfg = (os.path.join(d, n) for n in ("x.jsonl", "n.ndjson", "c.toml"))
            common = ["synth", "--events", "30000", "--seed", "11", "-q"]
            subprocess.run([rapport_bin()] + common + ["--format", "x-v2", "-o", xv2,
                                                       "--config-out", cfg], check=True)
            subprocess.run([rapport_bin()] + common + ["--platforms", "x=1", "-o", native],
                           check=True)
            with open(xv2) as f:
                first = json.loads(f.readline())
            self.assertIn("author_id", first)
            self.assertIn("public_metrics", first)
            self.assertNotIn("platform", first)
            reports = []
            for path in (xv2, native):
                p = subprocess.run([rapport_bin(), "report", path, "-c", cfg, "--format", "json"],
                                   capture_output=True, check=True)
                reports.append(json.loads(p.stdout))
            self.assertEqual(reports[0]["input"]["formats"], ["x-v2"])
            self.assertEqual(reports[1]["input"]["formats"], ["rapport"])
            self.assertEqual(reports[0]["input"]["events"], 30000)
            reach_v2, reach_native = [], []
            self.assertEqual(comparable(reports[0], reach_v2), comparable(reports[1], reach_native))
            # x-v2: no reach anywhere; native: reach on brand posts.
            self.assertTrue(reach_v2 and all(v in (None, 0) for v in reach_v2))
            self.assertTrue(any(v not in (None, 0) for v in reach_native))
            acme = reports[0]["brands"][0]["total"]
            self.assertGreater(acme["actions"], 0)  # likes, reposts, bookmarks, clicks...

    def test_unknown_format_is_a_usage_error(self):
        p = subprocess.run([rapport_bin(), "synth", "--events", "10", "--format", "csv"],
                           capture_output=True)
        self.assertEqual(p.returncode, 64)
        self.assertIn(b'unknown --format "csv"', p.stderr)


if __name__ == "__main__":
    unittest.main()
