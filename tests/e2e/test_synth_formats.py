"""`rapport synth --format F` for every format rapport reads: each is detected,
converted and reported on (test_every_format_converts_and_reports).

`rapport synth --format x-v2` writes the same stories as native NDJSON, as X API v2
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
        p = subprocess.run([rapport_bin(), "synth", "--events", "10", "--format", "xml"],
                           capture_output=True)
        self.assertEqual(p.returncode, 64)
        self.assertIn(b'unknown --format "xml" (rapport, x-v2, x-v1, reddit', p.stderr)

    def test_every_format_converts_and_reports(self):
        """Each format written by synth is detected by content (csv: read with the
        mapping synth writes), converted to as many native events as synth wrote, with
        nothing skipped but the originals that retweets, reblogs and reposts embed
        (read twice, folded), and reported on."""
        # Types each format cannot carry (docs/synth.md).
        no_shares = {"reddit", "youtube", "facebook", "instagram", "twcs"}
        no_quotes = {"reddit", "youtube", "facebook", "instagram", "twcs"}
        embeds = {"x-v1", "mastodon", "bluesky"}
        # Formats that keep every thread and the inbound marks: the brands' response
        # figures are those of the native file of the same seed.
        same_responses = {"x-v1", "mastodon", "bluesky", "csv"}

        def response_rates(path, config, read_args):
            p = subprocess.run([rapport_bin(), "report", path, "-c", config, "--format", "json"]
                               + read_args, capture_output=True, check=True)
            return [b["total"]["response_rate"] for b in json.loads(p.stdout)["brands"]]

        with tempfile.TemporaryDirectory() as d:
            native, native_cfg = os.path.join(d, "native.ndjson"), os.path.join(d, "native.toml")
            subprocess.run([rapport_bin(), "synth", "-n", "3000", "--seed", "4", "-q", "-o", native,
                            "--config-out", native_cfg], check=True)
            native_rates = response_rates(native, native_cfg, [])
            self.assertTrue(all(r is not None for r in native_rates))
            for fmt in ("x-v1", "reddit", "mastodon", "bluesky", "youtube", "facebook",
                        "instagram", "twcs", "csv"):
                with self.subTest(format=fmt):
                    path = os.path.join(d, "synth." + fmt)
                    out = os.path.join(d, fmt + ".ndjson")
                    cfg = os.path.join(d, fmt + ".toml")
                    args = ["synth", "-n", "3000", "--seed", "4", "--format", fmt, "-o", path,
                            "--config-out", cfg]
                    read_args = []
                    if fmt == "csv":
                        mapping = os.path.join(d, "map.toml")
                        args += ["--map-out", mapping]
                        read_args = ["--map-file", mapping]
                    p = subprocess.run([rapport_bin()] + args, capture_output=True, check=True)
                    self.assertIn(b"wrote 3000 events", p.stderr)
                    subprocess.run([rapport_bin(), "convert", path, "-o", out, "-q"] + read_args,
                                   check=True)
                    with open(out) as f:
                        events = [json.loads(line) for line in f]
                    ids = {(e["platform"], e["id"]) for e in events}
                    self.assertEqual(len(ids), 3000)
                    types = {}
                    for e in events:
                        types[e["type"]] = types.get(e["type"], 0) + 1
                    self.assertGreater(types["post"], 300)
                    self.assertGreater(types["reply"], 1000)
                    self.assertEqual(types.get("share", 0) > 0, fmt not in no_shares)
                    self.assertEqual(types.get("quote", 0) > 0, fmt not in no_quotes)
                    # Every reply's parent is in the file.
                    by_id = {e["id"] for e in events}
                    orphans = [e["id"] for e in events
                               if e["type"] == "reply" and e["parent_id"] not in by_id]
                    self.assertEqual(orphans, [])
                    p = subprocess.run([rapport_bin(), "report", path, "--format", "json"]
                                       + read_args, capture_output=True, check=True)
                    report = json.loads(p.stdout)
                    self.assertEqual(report["input"]["formats"], [fmt])
                    self.assertEqual(report["input"]["events"], 3000)
                    skipped = {k: v for k, v in report["input"]["skipped"].items() if v}
                    self.assertEqual(skipped, {"duplicate": types["share"]} if fmt in embeds
                                     else {})
                    self.assertEqual(report["input"]["replies_to_missing_parents"], 0)
                    rates = response_rates(path, cfg, read_args)
                    self.assertTrue(all(r is not None for r in rates))  # brands found
                    if fmt in same_responses:
                        self.assertEqual(rates, native_rates)


if __name__ == "__main__":
    unittest.main()
