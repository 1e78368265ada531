"""The real folder apple_tweets_sentiment_crowdflower: a CrowdFlower export saved in
Windows-1252 (not UTF-8), read with a column mapping and `encoding=latin-1`.

Figures established independently from the raw file with Python's csv module on the
bytes decoded as cp1252: 3,886 rows, 3,886 distinct `_unit_id`s (the `id` column was
rounded by a spreadsheet to 540000000000000000 on every row, so it cannot be the id),
every `date` a Twitter date of December 2014, and the texts as Python decodes them."""

import csv
import io
import json
import os
import re
import subprocess
import tempfile
import unittest

from e2e_support import rapport_bin, shared_file

FILE = "data/real/apple_tweets_sentiment_crowdflower/Apple-Twitter-Sentiment-DFE.csv"
MAP = "platform:=x,id=_unit_id,author:=unknown,created_at=date,text=text"


class Latin1Csv(unittest.TestCase):
    def test_windows_1252_export_is_read_whole(self):
        path = shared_file(self, FILE)
        rows = list(csv.DictReader(io.StringIO(open(path, "rb").read().decode("cp1252"))))
        self.assertEqual(len(rows), 3886)
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "e.ndjson")
            p = subprocess.run([rapport_bin(), "convert", path, "-o", out, "--map",
                                MAP + ",encoding=latin-1"], capture_output=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            events = [json.loads(line) for line in open(out, encoding="utf-8")]
            self.assertEqual([e["id"] for e in events], [r["_unit_id"] for r in rows])
            self.assertEqual([e["text"] for e in events], [r["text"] for r in rows])
            non_ascii = [e for e in events if any(ord(c) > 127 for c in e["text"])]
            self.assertGreater(len(non_ascii), 0)
            self.assertTrue(all(e["created_at"].startswith("2014-12-") for e in events))
            # Without the encoding, the rows with Windows-1252 bytes are invalid UTF-8:
            # skipped and counted, never read as garbage.
            p = subprocess.run([rapport_bin(), "convert", path, "-o", out, "--map", MAP],
                               capture_output=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn(b"invalid UTF-8 in column \"text\"", p.stderr)
            kept = sum(1 for _ in open(out, encoding="utf-8"))
            skipped = int(re.search(rb"(\d+) bad record\(s\) skipped", p.stderr).group(1))
            self.assertEqual(kept + skipped, len(rows))
            # (two rows hold bytes that happen to be valid UTF-8 too: mojibake in the data)
            self.assertTrue(0 < skipped <= len(non_ascii))

    def test_unknown_encoding_is_a_usage_error(self):
        path = shared_file(self, FILE)
        p = subprocess.run([rapport_bin(), "convert", path, "-o", "/dev/null", "--map",
                            MAP + ",encoding=ebcdic"], capture_output=True)
        self.assertEqual(p.returncode, 64)
        self.assertIn(b'encoding "ebcdic"', p.stderr)


if __name__ == "__main__":
    unittest.main()
