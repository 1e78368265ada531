#!/usr/bin/env python3
"""E2E: E1 exposure and action, E5 amplification and E12's channel table on real
Mastodon API responses (../shared/data/real/mastodon_api_rtoot_fixtures: 100 statuses
of @schochastics@fosstodon.org over 18 months, plus a thread, a status and two
timelines), compared with a second implementation written here from the raw JSON and
METRICS.md alone (no rapport code): per-status counters, the Mastodon action definition
favourites + reblogs + replies (+ quotes when present), followers from the status's
account, months in UTC, and mentions by the rules of E2 (a)-(c)."""

import json
import os
import statistics
import tempfile
import unittest
from collections import defaultdict

from e2e_support import report_json, shared_file

FOLDER = "data/real/mastodon_api_rtoot_fixtures"
FILES = [
    "account_statuses_109302436954721982_fosstodon.org_p1.json",
    "account_statuses_109302436954721982_fosstodon.org_p2.json",
    "account_statuses_109302436954721982_fosstodon.org_p3.json",
    "account_statuses_109302436954721982_fosstodon.org_p4.json",
    "account_statuses_109302436954721982_fosstodon.org_p5.json",
    "context_109294719267373593_mastodon.social.json",
    "context_114026814291152535_fosstodon.org.json",
    "status_114620457512351116_fosstodon.org.json",
    "timeline_public_fosstodon.org.json",
    "timeline_tag_rstats_fosstodon.org.json",
]
BRAND = "schochastics@fosstodon.org"


def address(account):
    """user@server of an account or a mention: a local acct takes the host of its URL."""
    acct = account["acct"]
    if "@" in acct:
        return acct.lower()
    host = account["url"].split("/")[2]
    return (acct + "@" + host).lower()


def read_statuses(paths):
    """Every status in file order (a reblog's original after it), the later snapshot
    of a repeated id replacing the earlier one's counters."""
    statuses = {}
    order = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if isinstance(doc, dict) and "descendants" in doc:
            items = doc["ancestors"] + doc["descendants"]
        elif isinstance(doc, dict):
            items = [doc]
        else:
            items = doc
        for s in items:
            for st in [s] + ([s["reblog"]] if s.get("reblog") else []):
                if st["id"] not in statuses:
                    order.append(st["id"])
                statuses[st["id"]] = st
    return [statuses[i] for i in order]


def oracle(statuses, weights=None):
    w = {"likes": 1, "shares": 1, "replies": 1, "quotes": 1}
    w.update(weights or {})
    by_id = {s["id"]: s for s in statuses}
    brand_replied_to = {s["in_reply_to_id"] for s in statuses
                        if address(s["account"]) == BRAND and not s.get("reblog") and s["in_reply_to_id"]}
    scopes = defaultdict(lambda: {"posts": [], "earned": 0, "mentions": 0, "unknown": 0})
    for s in statuses:
        month = s["created_at"][:7]
        author = address(s["account"])
        if s.get("reblog"):
            continue  # a share: neither brand content nor a mention
        if author == BRAND:
            actions = (w["likes"] * s["favourites_count"] + w["shares"] * s["reblogs_count"]
                       + w["replies"] * s["replies_count"])
            quotes = s.get("quotes_count")
            if quotes is not None:
                actions += w["quotes"] * quotes
            post = {"id": s["id"], "time": s["created_at"], "actions": actions,
                    "followers": s["account"]["followers_count"],
                    "amplified": s["reblogs_count"] + (quotes or 0), "reblogs": s["reblogs_count"]}
            for key in ("all", month):
                scopes[key]["posts"].append(post)
            continue
        parent = by_id.get(s["in_reply_to_id"]) if s["in_reply_to_id"] else None
        parent_is_brand = parent is not None and address(parent["account"]) == BRAND
        mentioned = any(address(m) == BRAND for m in s["mentions"])
        if not (parent_is_brand or mentioned or s["id"] in brand_replied_to):
            continue
        for key in ("all", month):
            sc = scopes[key]
            sc["mentions"] += 1
            if s["in_reply_to_id"] and parent is None:
                sc["unknown"] += 1
            elif not parent_is_brand:
                sc["earned"] += 1
    return scopes


class ExposureAmplificationTest(unittest.TestCase):
    def paths(self):
        return [shared_file(self, os.path.join(FOLDER, f)) for f in FILES]

    def report(self, extra=(), whole=False):
        doc = report_json(self, self.paths() + ["--brand", "scho=@" + BRAND, "--by", "month"] + list(extra))
        self.assertEqual(len(doc["brands"]), 1)
        return doc if whole else doc["brands"][0]

    def check_scope(self, got, sc, where):
        posts = sc["posts"]
        n = len(posts)
        actions = [p["actions"] for p in posts]
        self.assertEqual(got["content_posts"], n, where)
        self.assertAlmostEqual(got["actions"], sum(actions), delta=1e-9, msg=where)
        if n:
            self.assertAlmostEqual(got["actions_per_post_mean"], sum(actions) / n, delta=1e-9, msg=where)
            self.assertAlmostEqual(got["actions_per_post_median"], statistics.median(actions), delta=1e-9,
                                   msg=where)
            rate = sum(p["actions"] / p["followers"] for p in posts) / n
            self.assertAlmostEqual(got["engagement_rate_followers"], rate, delta=1e-12, msg=where)
            self.assertAlmostEqual(got["engagement_rate"], rate, delta=1e-12, msg=where)
            self.assertEqual(got["engagement_rate_basis"], "followers", where)
            self.assertAlmostEqual(got["shares_per_post"], sum(p["amplified"] for p in posts) / n,
                                   delta=1e-12, msg=where)
            amp = sum(p["amplified"] / p["followers"] for p in posts) / n
            self.assertAlmostEqual(got["amplification_rate"], amp, delta=1e-12, msg=where)
        else:
            for k in ("actions_per_post_mean", "engagement_rate", "shares_per_post", "amplification_rate"):
                self.assertIsNone(got[k], where + " " + k)
        # No impressions or reach on Mastodon: null, never 0.
        self.assertIsNone(got["engagement_rate_impressions"], where)
        self.assertIsNone(got["engagement_rate_reach"], where)
        self.assertEqual(got["shares"], sum(p["reblogs"] for p in posts), where)
        self.assertEqual(got["earned_mentions"], sc["earned"], where)
        cov = got["coverage"]["exposure"]
        self.assertEqual(cov["measured"], n, where)
        self.assertEqual(cov["incomplete_counters"], 0, where)  # quotes are optional on Mastodon
        self.assertEqual(cov["with_followers"], n, where)
        self.assertEqual(cov["with_impressions"], 0, where)
        amp_cov = got["coverage"]["amplification"]
        self.assertEqual(amp_cov["without_quotes"], n, where)  # the servers send no quotes_count
        self.assertEqual(amp_cov["mentions"], sc["mentions"], where)
        self.assertEqual(amp_cov["excluded_unknown_parent"], sc["unknown"], where)

    def test_e1_e5_against_the_raw_statuses(self):
        brand = self.report()
        scopes = oracle(read_statuses(self.paths()))
        self.assertEqual(len(scopes["all"]["posts"]), 99)  # 100 statuses, one a reblog
        self.assertEqual(scopes["all"]["earned"], 2)
        self.check_scope(brand["total"], scopes["all"], "total")
        platform = brand["platforms"][0]
        self.assertEqual(platform["platform"], "mastodon")
        self.check_scope(platform["total"], scopes["all"], "mastodon total")
        periods = {p["period"]: p for p in brand["periods"]}
        months = [k for k in scopes if k != "all"]
        self.assertGreaterEqual(len([m for m in months if scopes[m]["posts"]]), 12)
        for month in months:
            self.check_scope(periods[month], scopes[month], month)
        for label, p in periods.items():  # months without brand content or mentions
            if label not in scopes:
                self.assertEqual(p["content_posts"], 0, label)
                self.assertIsNone(p["engagement_rate"], label)
        # Top posts: most actions first, then earliest.
        ranked = sorted(scopes["all"]["posts"], key=lambda p: (-p["actions"], p["time"]))[:10]
        top = brand["total"]["top_posts"]
        self.assertEqual([t["id"] for t in top], [p["id"] for p in ranked])
        self.assertEqual([t["actions"] for t in top], [p["actions"] for p in ranked])
        self.assertAlmostEqual(top[0]["engagement_rate"], ranked[0]["actions"] / ranked[0]["followers"],
                               delta=1e-12)
        # E12: one channel, holding every post and action of the brand.
        ch = brand["total"]["channels"]["mastodon"]
        self.assertEqual(ch["posts"], 99)
        self.assertEqual(ch["actions"], brand["total"]["actions"])
        self.assertEqual(ch["share_of_actions"], 1)
        self.assertEqual(ch["engagement_rate"], brand["total"]["engagement_rate"])

    def test_weights_from_rapport_toml(self):
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
            f.write("[weights]\nlikes = 0.5\nshares = 3\nreplies = 2\n")
            config = f.name
        try:
            doc = self.report(["--config", config], whole=True)
        finally:
            os.unlink(config)
        # The options record echoes every action counter's weight, 1 when unset.
        self.assertEqual(doc["options"]["action_weights"],
                         {"likes": 0.5, "shares": 3, "quotes": 1, "replies": 2, "clicks": 1, "saves": 1,
                          "bookmarks": 1, "comments": 1, "score": 1})
        brand = doc["brands"][0]
        scopes = oracle(read_statuses(self.paths()), {"likes": 0.5, "shares": 3, "replies": 2})
        self.check_scope(brand["total"], scopes["all"], "weighted total")


if __name__ == "__main__":
    unittest.main()
