#!/usr/bin/env python3
"""E2E: rapport report --format html (docs/report.md). The page is one self-contained
file: no script, stylesheet, image or frame is loaded from anywhere (no src/href to
http(s)://, no <link>, no @import); the data it embeds is exactly the JSON report;
the charts come from the engine as Vega-Lite specs; missing data is said, not drawn.
The page's rendering in a browser is tested by tests/browser/report_html_test.mjs."""

import json
import os
import re
import tempfile
import unittest

from e2e_support import ROOT, run

EXAMPLE = [os.path.join(ROOT, "data/example/events.ndjson"), "--config",
           os.path.join(ROOT, "data/example/rapport.toml")]


def embedded_data(html):
    m = re.search(r'<script type="application/json" id="rapport-data">(.*?)</script>', html, re.S)
    assert m, "no embedded data"
    return json.loads(m.group(1))


class ReportHtmlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.tmp.name, "report.html")
        code, _, err = run(["report"] + EXAMPLE + ["--format", "html", "-o", cls.path, "-q"])
        assert code == 0, err
        with open(cls.path, encoding="utf-8") as f:
            cls.html = f.read()
        code, out, err = run(["report"] + EXAMPLE + ["--format", "json", "-q"])
        assert code == 0, err
        cls.json = json.loads(out)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_no_external_references(self):
        html = self.html
        self.assertTrue(html.startswith("<!doctype html>"))
        # Nothing is loaded from elsewhere: every script is inline, no stylesheet link.
        self.assertIsNone(re.search(r"<script[^>]*\bsrc\s*=", html, re.I))
        self.assertIsNone(re.search(r"<link\b", html, re.I))
        self.assertIsNone(re.search(r"<(img|iframe|source|embed|object)\b[^>]*\b(src|data)\s*=\s*[\"']?https?://", html, re.I))
        self.assertIsNone(re.search(r"\b(src|href)\s*=\s*[\"']?https?://", html, re.I))
        self.assertIsNone(re.search(r"@import|url\(\s*[\"']?https?://", html, re.I))
        # And the page forbids any request it might still try.
        self.assertIn("default-src 'none'", html)
        # The three libraries and the page script are inlined (4 code scripts + data + call).
        self.assertEqual(len(re.findall(r"<script>", html)), 5)
        self.assertIn("renderReport", html)
        self.assertGreater(len(html), 800_000)  # Vega alone is ~0.5 MB

    def test_embedded_report_is_the_json_report_without_series(self):
        # The page embeds the JSON report minus periods and platforms (the charts carry
        # the series they draw), so a report over years stays small.
        data = embedded_data(self.html)
        expected = dict(self.json)
        expected["brands"] = [dict(b, periods=[], platforms=[]) for b in self.json["brands"]]
        self.assertEqual(data["report"], expected)
        self.assertEqual(data["report"]["input"]["events"], 3000)

    def test_charts_are_vega_lite_specs_for_every_brand(self):
        charts = embedded_data(self.html)["charts"]
        self.assertEqual([b["name"] for b in charts["brands"]], ["acme", "globex", "initech", "umbrella", "hooli"])
        # Every brand keeps one colour, and colours differ.
        self.assertEqual(len({b["color"] for b in charts["brands"]}), 5)
        by_id = {c["id"]: c for c in charts["charts"]}
        for cid in ["profile", "response_rate_over_periods", "response_time_median_over_periods",
                    "response_time_distribution", "coverage_by_hour", "dialogue_mix",
                    "share_of_voice_over_periods", "net_sentiment_over_periods"]:
            self.assertIn(cid, by_id)
            self.assertIn("vega-lite/v5", by_id[cid]["spec"]["$schema"])
        # The response-rate trend holds each brand's weekly rates (12 ISO weeks,
        # 2024-W15..W26), the same numbers as the JSON.
        rows = by_id["response_rate_over_periods"]["spec"]["data"]["values"]
        acme = next(b for b in self.json["brands"] if b["name"] == "acme")
        expected = {p["period"]: p["response_rate"] for p in acme["periods"] if p["response_rate"] is not None}
        got = {r["period"]: r["value"] for r in rows if r["brand"] == "acme"}
        self.assertEqual(got, expected)
        self.assertEqual(len(got), 12)
        # The profile chart carries every brand's percentiles from the JSON.
        prof = by_id["profile"]["spec"]["data"]["values"]
        self.assertEqual(sum(1 for r in prof if r["brand"] == "acme"),
                         sum(1 for v in acme["total"]["profile"].values() if v is not None))
        # Lists of records (E1's top posts, once E1 is built) are tables drawn from
        # the report itself, found by their shape, not by name.
        for name, value in acme["total"].items():
            if isinstance(value, list) and value and isinstance(value[0], dict) and name != "cohort_retention":
                self.assertEqual(by_id[name]["table"], name)

    def test_missing_sentiment_is_said(self):
        code, out, err = run(["report"] + EXAMPLE + ["--format", "html", "--no-sentiment", "-q"])
        self.assertEqual(code, 0, err)
        by_id = {c["id"]: c for c in embedded_data(out.decode("utf-8"))["charts"]["charts"]}
        self.assertIn("No sentiment scores", by_id["net_sentiment_over_periods"]["note"])
        self.assertNotIn("spec", by_id["net_sentiment_over_periods"])

    def test_single_brand_is_profiled_against_its_periods(self):
        code, out, err = run(["report", EXAMPLE[0], "--brand", "acme=@Acme,@AcmeHelp", "--format", "html", "-q"])
        self.assertEqual(code, 0, err)
        data = embedded_data(out.decode("utf-8"))
        self.assertEqual(data["report"]["profile"]["compared"], "periods")
        by_id = {c["id"]: c for c in data["charts"]["charts"]}
        self.assertIn("own periods", by_id["profile"]["description"])
        # Fewer than 3 brands: no agreement figure at all.
        self.assertTrue(all(a["tau_b"] is None for a in data["report"]["profile"]["definition_agreement"]))

    def test_written_atomically_and_refused_where_it_cannot_be_written(self):
        leftovers = [f for f in os.listdir(self.tmp.name) if f != "report.html"]
        self.assertEqual(leftovers, [])
        code, _, err = run(["report"] + EXAMPLE + ["--format", "html", "-o",
                                                   os.path.join(self.tmp.name, "missing", "r.html"), "-q"])
        self.assertEqual(code, 73, err)

    def test_unknown_format_lists_html(self):
        code, _, err = run(["report"] + EXAMPLE + ["--format", "pdf"])
        self.assertEqual(code, 64)
        self.assertIn("html", err)


if __name__ == "__main__":
    unittest.main()
