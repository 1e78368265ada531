#!/usr/bin/env python3
"""E2E: GET /v1/dashboard narrows the served report as its filters say. With
platform=P every brand's figures are the report's platforms[P] records, with brand=
only the brands named are shown (and charted), the analysis options work as on
/v1/report, bad filters are refused with 400, and GET / with its /assets/ is served
under a policy that allows this server only."""

import json
import os
import re
import shutil
import tempfile
import unittest
import urllib.parse

from e2e_support import ROOT, run
from serve_support import Server, event

EXAMPLE = os.path.join(ROOT, "data", "example", "events.ndjson")
CONFIG = os.path.join(ROOT, "data", "example", "rapport.toml")


def without_profile(scope):
    return {k: v for k, v in scope.items() if k != "profile"}


class ServeDashboardTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="rapport-serve-dashboard-")
        cls.db = os.path.join(cls.tmp, "r.db")
        code, _, err = run(["ingest", EXAMPLE, "--db", cls.db])
        assert code == 0, err
        cls.server = Server(cls.db, ["--config", CONFIG, "--token", "t0ken"])

    @classmethod
    def tearDownClass(cls):
        cls.server.kill()
        shutil.rmtree(cls.tmp, True)

    def dashboard(self, params):
        return self.server.get_json("/v1/dashboard?" + urllib.parse.urlencode(params, doseq=True))

    def test_unfiltered_is_the_report_with_its_charts(self):
        report = self.server.get_json("/v1/report")
        dash = self.dashboard({})
        self.assertEqual([b["name"] for b in dash["report"]["brands"]], ["acme", "globex", "initech", "umbrella", "hooli"])
        self.assertEqual(dash["dashboard"]["brands"], ["acme", "globex", "initech", "umbrella", "hooli"])
        self.assertEqual(dash["dashboard"]["platforms"], ["bluesky", "mastodon", "x"])
        self.assertIsNone(dash["dashboard"]["platform"])
        for served, full in zip(dash["report"]["brands"], report["brands"]):
            self.assertEqual(served["total"], full["total"])  # profile included: same brands compared
            self.assertEqual(served["periods"], [])  # the series are in the chart specs
        self.assertEqual(dash["report"]["input"], report["input"])
        self.assertEqual(dash["report"]["profile"], report["profile"])
        ids = [c["id"] for c in dash["charts"]["charts"]]
        self.assertIn("response_rate_over_periods", ids)

    def test_platform_shows_the_platform_records(self):
        report = self.server.get_json("/v1/report")
        for platform in ["x", "mastodon", "bluesky"]:
            with self.subTest(platform=platform):
                dash = self.dashboard({"platform": platform})
                self.assertEqual(dash["dashboard"]["platform"], platform)
                expected = {}
                for b in report["brands"]:
                    for p in b["platforms"]:
                        if p["platform"] == platform:
                            expected[b["name"]] = p["total"]
                self.assertEqual([b["name"] for b in dash["report"]["brands"]], list(expected))
                for b in dash["report"]["brands"]:
                    self.assertEqual(without_profile(b["total"]), without_profile(expected[b["name"]]))
                # The figures differ from the all-platform ones (x holds most events, not all).
                acme_all = next(b for b in report["brands"] if b["name"] == "acme")["total"]
                acme = next(b for b in dash["report"]["brands"] if b["name"] == "acme")["total"]
                self.assertLess(acme["inbound_turns"], acme_all["inbound_turns"])
                # The trend chart's series are the platform's periods.
                chart = next(c for c in dash["charts"]["charts"] if c["id"] == "response_rate_over_periods")
                values = chart["spec"]["data"]["values"]
                acme_periods = next(p for p in next(b for b in report["brands"] if b["name"] == "acme")["platforms"]
                                    if p["platform"] == platform)["periods"]
                charted = {v["period"]: v["value"] for v in values if v["brand"] == "acme"}
                compared = 0
                for m in acme_periods:
                    if m.get("response_rate") is not None:
                        self.assertAlmostEqual(charted[m["period"]], m["response_rate"], places=9)
                        compared += 1
                self.assertGreater(compared, 0)
                self.assertEqual(len(charted), compared)

    def test_brand_limits_the_brands_and_reranks_the_profile(self):
        dash = self.dashboard({"brand": ["umbrella", "acme"]})
        self.assertEqual([b["name"] for b in dash["report"]["brands"]], ["acme", "umbrella"])
        self.assertEqual(dash["dashboard"]["brand"], ["acme", "umbrella"])
        self.assertEqual([b["name"] for b in dash["charts"]["brands"]], ["acme", "umbrella"])
        chart = next(c for c in dash["charts"]["charts"] if c["id"] == "response_rate_over_periods")
        self.assertEqual({v["brand"] for v in chart["spec"]["data"]["values"]}, {"acme", "umbrella"})
        # Two brands compared: every percentile is 0, 50 or 100.
        for b in dash["report"]["brands"]:
            for v in b["total"]["profile"].values():
                self.assertIn(v, (None, 0.0, 50.0, 100.0))
        # brand and platform together
        both = self.dashboard({"brand": "globex", "platform": "mastodon"})
        self.assertEqual([b["name"] for b in both["report"]["brands"]], ["globex"])

    def test_analysis_options_apply(self):
        full = self.dashboard({"by": "month"})
        ranged = self.dashboard({"by": "month", "since": "2024-05-01", "until": "2024-06-01"})
        self.assertEqual(ranged["report"]["options"]["by"], "month")
        self.assertEqual(ranged["report"]["options"]["since"], "2024-05-01T00:00:00Z")
        self.assertLess(ranged["report"]["brands"][0]["total"]["inbound_turns"],
                        full["report"]["brands"][0]["total"]["inbound_turns"])
        periods = {v["period"] for v in next(c for c in ranged["charts"]["charts"]
                                             if c["id"] == "response_rate_over_periods")["spec"]["data"]["values"]}
        self.assertEqual(periods, {"2024-05"})
        report = self.server.get_json("/v1/report?by=month&since=2024-05-01&until=2024-06-01")
        self.assertEqual(ranged["report"]["brands"][0]["total"], report["brands"][0]["total"])

    def test_a_platform_without_events_in_the_range_leaves_no_brand(self):
        dash = self.dashboard({"platform": "x", "since": "2030-01-01"})
        self.assertEqual(dash["report"]["brands"], [])
        self.assertEqual(dash["charts"]["charts"], [])
        self.assertEqual(dash["dashboard"]["platform"], "x")
        self.assertEqual(len(dash["dashboard"]["brands"]), 5)  # the controls keep every brand

    def test_bad_filters_are_refused(self):
        status, _, body = self.server.request("GET", "/v1/dashboard?brand=nobody")
        self.assertEqual(status, 400)
        self.assertIn("unknown brand \"nobody\"", json.loads(body)["error"])
        status, _, _ = self.server.request("GET", "/v1/dashboard?by=year")
        self.assertEqual(status, 400)
        # /v1/report still refuses brand (it fixes the enrichment, not a filter there)
        status, _, _ = self.server.request("GET", "/v1/report?brand=acme")
        self.assertEqual(status, 400)

    def test_new_events_reach_the_dashboard(self):
        before = self.dashboard({"platform": "x"})["report"]["input"]["events"]
        status, out = self.server.post_events([event(900000 + i, created="2024-06-30T12:00:00Z") for i in range(3)],
                                              "t0ken")
        self.assertEqual(status, 200, out)
        after = self.dashboard({"platform": "x"})["report"]["input"]["events"]
        self.assertEqual(after, before + 3)
        # Another filter on the same options is answered from the report just computed,
        # which must be the new one.
        self.assertEqual(self.dashboard({"brand": "acme"})["report"]["input"]["events"], before + 3)

    def test_page_and_assets(self):
        status, headers, body = self.server.request("GET", "/")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/html"))
        csp = headers["Content-Security-Policy"]
        self.assertIn("default-src 'none'", csp)
        self.assertIn("script-src 'self'", csp)
        self.assertIn("connect-src 'self'", csp)
        srcs = [s for s in re.findall(rb'(?:src|href)="([^"]+)"', body) if s != b"data:,"]
        self.assertEqual(len(srcs), 7, srcs)
        for src in srcs:
            self.assertTrue(src.startswith(b"/assets/"), src)  # nothing from elsewhere
            status, headers, asset = self.server.request("GET", src.decode())
            self.assertEqual(status, 200, src)
            self.assertGreater(len(asset), 500, src)
        status, _, asset = self.server.request("GET", "/assets/dashboard.js")
        self.assertIn(b"/v1/dashboard", asset)
        self.assertEqual(self.server.request("GET", "/assets/nothing.js")[0], 404)
        self.assertEqual(self.server.request("GET", "/assets/../v1/health")[0], 404)


if __name__ == "__main__":
    unittest.main()
