"""The real folder brand_emotion_sxsw_crowdflower: 9,093 SXSW 2011 tweets about Apple
and Google products with a human label of the brand each is about, saved in
Windows-1252 and without ids, authors or times. Read with a column mapping (the row
number as id, one unknown author, the festival's first day as the date: all stated in
the mapping), Apple and Google configured as brands with their product words as terms.

Independently, from the raw file (Python's csv module on the bytes decoded as cp1252,
and the term rule of docs/metrics.md: a term matches as a whole word, ASCII case-
insensitive, word characters being letters, digits, '_' and any non-ASCII byte):
the number of rows, and each brand's buzz (tweets that name one of its terms). The five
bytes Windows-1252 leaves undefined become U+FFFD on both sides."""

import csv
import io
import json
import os
import re
import subprocess
import tempfile
import unittest

from e2e_support import rapport_bin, shared_file

FILE = "data/real/brand_emotion_sxsw_crowdflower/judge-1377884607_tweet_product_company.csv"
MAP = ("platform:=x,id:=sxsw-{@row},author:=unknown,created_at:=2011-03-11,"
       "text=tweet_text,encoding=latin-1")
TERMS = {"apple": ["apple", "ipad", "iphone", "itunes"], "google": ["google", "android"]}
CONFIG = """[[brand]]
name = "apple"
accounts = ["@apple"]
terms = ["apple", "ipad", "iphone", "itunes"]

[[competitor]]
name = "google"
accounts = ["@google"]
terms = ["google", "android"]
"""


def names(text, term):
    # Non-ASCII characters count as word characters (the engine works on UTF-8 bytes).
    return re.search(r"(?<![A-Za-z0-9_\u0080-\U0010ffff])" + term + r"(?![A-Za-z0-9_\u0080-\U0010ffff])",
                     text.lower()) is not None


class SxswBrandEmotion(unittest.TestCase):
    def test_rows_and_buzz_per_brand(self):
        path = shared_file(self, FILE)
        rows = list(csv.DictReader(io.StringIO(open(path, "rb").read().decode("cp1252", errors="replace"))))
        self.assertEqual(len(rows), 9093)
        expected_buzz = {b: sum(1 for r in rows if any(names(r["tweet_text"], t) for t in terms))
                         for b, terms in TERMS.items()}
        with tempfile.TemporaryDirectory() as d:
            cfg = os.path.join(d, "r.toml")
            with open(cfg, "w") as f:
                f.write(CONFIG)
            p = subprocess.run([rapport_bin(), "report", path, "--map", MAP, "-c", cfg,
                                "--format", "json", "--no-sentiment"], capture_output=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        report = json.loads(p.stdout)
        self.assertEqual(report["input"]["events"], len(rows))
        self.assertEqual(report["input"]["skipped_total"], 0)
        buzz = {b["name"]: b["total"]["buzz"] for b in report["brands"]}
        self.assertEqual(buzz, expected_buzz)
        self.assertGreater(buzz["apple"], buzz["google"])


if __name__ == "__main__":
    unittest.main()
