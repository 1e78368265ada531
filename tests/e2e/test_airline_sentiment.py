#!/usr/bin/env python3
"""E2E: E6 brand health on Twitter US Airline Sentiment (shared/data/real/
airline_tweets_sentiment/Tweets.csv: 14,640 tweets to 6 US airlines, Feb 2015, with
a human sentiment label each).

The CSV is converted here to native NDJSON (one post per row: platform x, author =
the user name, created_at from tweet_created, the text with line breaks as spaces),
`rapport report` runs with the 6 airlines as brands, and buzz, sentiment counts,
net sentiment and share of voice per airline are checked against figures computed
here independently: mentions by @handle and configured term in Python, sentiment
classes from the VADER compounds `rapport sentiment` prints for the same texts (the
reference's own outputs; see docs/sentiment.md for the parity).

It also measures how VADER's classes agree with the human labels (accuracy, per-class
precision and recall, Cohen's kappa), the figures docs/sentiment.md reports; nothing
is tuned to them.
"""

import csv
import datetime
import json
import os
import re
import shutil
import tempfile
import unittest

from e2e_support import report_json, run, shared_file

TWEETS = os.path.join("data", "real", "airline_tweets_sentiment", "Tweets.csv")

# name: (accounts, terms): the airlines' handles and the names people write. The
# data set's "Delta" rows are in fact addressed to @JetBlue (2,234 texts name
# @JetBlue, 69 name @Delta), a known fault of the data set: with the brief's @Delta
# account, delta's buzz is small and JetBlue's tweets count for no brand.
AIRLINES = {
    "virgin": (["@VirginAmerica"], ["virgin america"]),
    "united": (["@united"], ["united airlines"]),
    "southwest": (["@SouthwestAir"], ["southwest"]),
    "delta": (["@Delta"], ["delta"]),
    "usairways": (["@USAirways"], ["us airways", "usairways"]),
    "american": (["@AmericanAir"], ["american airlines"]),
}


def load_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def one_line(text):
    return text.replace("\r", " ").replace("\n", " ")


def to_ndjson(rows, out_path):
    """One native post per CSV row."""
    with open(out_path, "w", encoding="utf-8") as out:
        for r in rows:
            t = datetime.datetime.strptime(r["tweet_created"], "%Y-%m-%d %H:%M:%S %z")
            created = t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            out.write(json.dumps({"platform": "x", "id": r["tweet_id"], "type": "post",
                                  "author": r["name"], "author_handle": "@" + r["name"],
                                  "created_at": created, "text": one_line(r["text"])},
                                 ensure_ascii=False) + "\n")


def write_config(path):
    with open(path, "w") as f:
        for name, (accounts, terms) in AIRLINES.items():
            f.write('[[brand]]\nname = "%s"\naccounts = %s\nterms = %s\n\n'
                    % (name, json.dumps(accounts), json.dumps(terms)))


HANDLE = re.compile(r"[A-Za-z0-9_]")


def handles(text):
    """@handles as rapport reads them: '@' not after a handle character."""
    out = []
    for m in re.finditer(r"@([A-Za-z0-9_]+)", text):
        if m.start() > 0 and HANDLE.match(text[m.start() - 1]):
            continue
        out.append(m.group(1).lower())
    return out


def ascii_lower(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def word_char(c):
    return c.isascii() and (c.isalnum() or c == "_") or not c.isascii()


def contains_word(lowered, term):
    """Case-insensitive (ASCII) and word-bounded, as METRICS.md says of terms."""
    start = lowered.find(term)
    while start != -1:
        end = start + len(term)
        left = start == 0 or not word_char(lowered[start - 1])
        right = end == len(lowered) or not word_char(lowered[end])
        if left and right:
            return True
        start = lowered.find(term, start + 1)
    return False


def sentiment_class(c):
    return "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"


class AirlineSentiment(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="rapport_airline_")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.rows = load_rows(shared_file(self, TWEETS))
        self.ndjson = os.path.join(self.tmp, "tweets.ndjson")
        self.config = os.path.join(self.tmp, "rapport.toml")
        if not os.path.exists(self.ndjson):
            to_ndjson(self.rows, self.ndjson)
            write_config(self.config)

    def compounds(self):
        """VADER compound of every row's text, from `rapport sentiment`."""
        texts = "".join(one_line(r["text"]) + "\n" for r in self.rows).encode("utf-8")
        code, out, err = run(["sentiment"], stdin=texts)
        self.assertEqual(code, 0, err)
        lines = out.decode("utf-8").splitlines()
        self.assertEqual(len(lines), len(self.rows))
        return [float(line.split("\t")[3]) for line in lines]

    def expected(self, compounds):
        """Per airline: buzz and sentiment classes of its mentions, computed here."""
        accounts = {a.lstrip("@").lower(): name for name, (accs, _) in AIRLINES.items() for a in accs}
        stats = {name: {"buzz": 0, "positive": 0, "neutral": 0, "negative": 0} for name in AIRLINES}
        # 155 tweet ids occur twice; rapport keeps one event per id (the later record).
        last = {}
        for r, c in zip(self.rows, compounds):
            last[r["tweet_id"]] = (r, c)
        for r, c in last.values():
            if r["name"].lower() in accounts:  # a brand's own post is no mention
                continue
            text = one_line(r["text"])
            lowered = ascii_lower(text)
            named = {accounts[h] for h in handles(text) if h in accounts}
            named |= {name for name, (_, terms) in AIRLINES.items()
                      if any(contains_word(lowered, t) for t in terms)}
            for name in named:
                stats[name]["buzz"] += 1
                stats[name][sentiment_class(c)] += 1
        return stats

    def test_buzz_share_of_voice_and_net_sentiment(self):
        compounds = self.compounds()
        want = self.expected(compounds)
        report = report_json(self, [self.ndjson, "-c", self.config, "--input-format", "rapport"])
        total_buzz = sum(s["buzz"] for s in want.values())
        self.assertGreater(total_buzz, 12000)
        got = {b["name"]: b["total"] for b in report["brands"]}
        for name, s in want.items():
            with self.subTest(airline=name):
                m = got[name]
                self.assertEqual(m["buzz"], s["buzz"])
                for cls in ("positive", "neutral", "negative"):
                    self.assertEqual(m[cls], s[cls], cls)
                net = (s["positive"] - s["negative"]) / (s["positive"] + s["negative"])
                self.assertAlmostEqual(m["net_sentiment"], net, delta=1e-12)
                self.assertAlmostEqual(m["share_of_voice"], s["buzz"] / total_buzz, delta=1e-12)
                fair = total_buzz / len(AIRLINES)
                health = round(100 * (0.6 * (net + 1) / 2 + 0.4 * min(1.0, s["buzz"] / fair)))
                self.assertEqual(m["brand_health"], health)
        # "united" is a positive word of VADER's lexicon (1.8), and "@united" is read as
        # it: every tweet to United leans positive (docs/sentiment.md).
        self.assertGreater(got["united"]["net_sentiment"], got["usairways"]["net_sentiment"])
        for name in sorted(want):
            m = got[name]
            print("%-10s buzz %5d  share %.4f  net %+.4f  health %d"
                  % (name, m["buzz"], m["share_of_voice"], m["net_sentiment"], m["brand_health"]))

    def test_without_sentiment_the_figures_are_null(self):
        report = report_json(self, [self.ndjson, "-c", self.config, "--input-format", "rapport",
                                    "--no-sentiment"])
        for b in report["brands"]:
            m = b["total"]
            self.assertGreater(m["buzz"], 0)
            self.assertIsNotNone(m["share_of_voice"])
            for key in ("positive", "net_sentiment", "brand_health", "sentiment_shift"):
                self.assertIsNone(m[key], key)

    def test_vader_classes_against_the_human_labels(self):
        compounds = self.compounds()
        classes = ["negative", "neutral", "positive"]
        pairs = [(r["airline_sentiment"], sentiment_class(c)) for r, c in zip(self.rows, compounds)]
        n = len(pairs)
        agree = sum(h == v for h, v in pairs)
        accuracy = agree / n
        # Cohen's kappa: (p_o - p_e) / (1 - p_e), p_e from the two marginals.
        p_e = sum(sum(h == k for h, _ in pairs) * sum(v == k for _, v in pairs) for k in classes) / (n * n)
        kappa = (accuracy - p_e) / (1 - p_e)
        print("VADER vs human labels on %d tweets: accuracy %.4f, kappa %.4f" % (n, accuracy, kappa))
        per_class = {}
        for k in classes:
            tp = sum(h == k and v == k for h, v in pairs)
            predicted = sum(v == k for _, v in pairs)
            actual = sum(h == k for h, _ in pairs)
            per_class[k] = (actual, predicted, tp / predicted, tp / actual)
            print("  %-8s human %5d  vader %5d  precision %.4f  recall %.4f" % ((k,) + per_class[k]))
        # The figures of docs/sentiment.md.
        self.assertEqual(n, 14640)
        self.assertEqual(agree, 7173)
        self.assertAlmostEqual(accuracy, 0.4900, places=4)
        self.assertAlmostEqual(kappa, 0.2585, places=4)
        self.assertEqual([per_class[k][:2] for k in classes], [(9178, 4465), (3099, 2561), (2363, 7614)])


if __name__ == "__main__":
    unittest.main(verbosity=2)
