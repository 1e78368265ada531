#!/usr/bin/env python3
"""E2E: the seed conversation (../shared/data/seed) gives every figure of the table in
its README: 'What is Engagement in Social Media?' and its 29 comments, brand
angela_hausman, default options."""

import os
import sys
import unittest

from e2e_support import ROOT, report_json, shared_file

SEED = "data/seed/seed_thread.ndjson"


class SeedTest(unittest.TestCase):
    def report(self, *extra):
        path = shared_file(self, SEED)
        doc = report_json(self, [path, "--brand", "angela=@angela_hausman"] + list(extra))
        self.assertEqual(len(doc["brands"]), 1)
        return doc

    def test_readme_table(self):
        doc = self.report()
        t = doc["brands"][0]["total"]
        self.assertEqual(doc["input"]["events"], 30)
        self.assertEqual(doc["input"]["formats"], ["rapport"])
        self.assertEqual(t["inbound_turns"], 23)
        self.assertEqual(t["answered_turns"], 6)
        self.assertEqual(t["pending_turns"], 1)
        self.assertEqual(t["unanswered_turns"], 16)
        self.assertAlmostEqual(t["response_rate"], 6 / 22, places=12)
        self.assertEqual(t["response_time_median"], 9600)
        self.assertEqual(t["response_time_mean"], 9600)
        self.assertEqual(t["response_time_p90"], 14400)
        self.assertAlmostEqual(t["answered_within_sla"], 1 / 6, places=12)
        self.assertEqual(t["broadcasts"], 1)
        self.assertEqual(t["brand_replies"], 6)
        self.assertAlmostEqual(t["dialogue_ratio"], 6 / 7, places=12)
        # One brand post roots the conversation "article": E4 averages over it alone.
        self.assertEqual(t["brand_rooted_conversations"], 1)
        self.assertEqual(t["participants"], 23)
        self.assertEqual(t["replies"], 29)
        self.assertEqual(t["max_depth"], 2)
        self.assertEqual(t["audience_to_audience_share"], 0)
        self.assertEqual(t["voice_concentration"], 0)
        self.assertEqual(t["engagers"], 23)

    def test_as_of_after_the_last_comment(self):
        t = self.report("--as-of", "2013-06-24T00:00:00Z")["brands"][0]["total"]
        self.assertEqual(t["pending_turns"], 0)
        self.assertAlmostEqual(t["response_rate"], 6 / 23, places=12)

    def test_benchmark_ranks_against_a_percentile_table(self):
        table = os.path.join(ROOT, "tests", "fixtures", "benchmark", "good_table.csv")
        b = self.report("--benchmark", table, "--industry", "retail")["brands"][0]
        ranked = b["total"]["benchmark"]
        # 6/22 lies between p25 = 0.2 and p50 = 0.4: 25 + 25 * (0.2727 - 0.2) / 0.2.
        self.assertAlmostEqual(ranked["response_rate"]["percentile"], 25 + 25 * (6 / 22 - 0.2) / 0.2, places=9)
        self.assertEqual(ranked["response_rate"]["band"], "p25-p50")
        # 9600 s between p25 = 36000 and p50 = 7200 (falling values).
        self.assertAlmostEqual(ranked["response_time_median"]["percentile"], 25 + 25 * (9600 - 36000) / (7200 - 36000), places=9)
        self.assertNotIn("dialogue_ratio", ranked)  # an airline row, not retail
        self.assertEqual(b["platforms"][0]["total"]["benchmark"]["engagers"]["percentile"], 66)

    def test_ratios_are_null_never_nan(self):
        # A range with no event at all: every ratio is null.
        doc = self.report("--since", "2020-01-01", "--until", "2020-02-01")
        t = doc["brands"][0]["total"]
        for name in ["response_rate", "response_time_median", "dialogue_ratio", "participants",
                     "voice_concentration", "returning_share"]:
            self.assertIn(name, t)
            self.assertIsNone(t[name], name)
        self.assertEqual(t["inbound_turns"], 0)
        self.assertEqual(t["engagers"], 0)
        # 31 days in the range and no post: a real 0, not a missing figure.
        self.assertEqual(t["active_days_share"], 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
