"""The real folder twcs_spotifycares_inbound (customer tweets answered by
@SpotifyCares, a TWCS extract with two extra pandas index columns in front): every
record is read as a TWCS event, with its reply link.

Figures established independently from the raw file with Python's csv module
(records end at "\\n" only, as TWCS writes them: a bare CR inside a text is part of
it): 15,096 records of 9 columns, 15,096 distinct tweet ids, all inbound=True, all
with an in_response_to_tweet_id (written as floats, "848.0"), 12,094 with
response_tweet_id."""

import csv
import io
import json
import subprocess
import tempfile
import os
import unittest

from e2e_support import rapport_bin, shared_file

FILE = "data/real/twcs_spotifycares_inbound/support_requests.csv"


def raw_rows(path):
    text = open(path, "rb").read().decode("utf-8").replace("\r\n", "\n").replace("\r", " ")
    rows = list(csv.reader(io.StringIO(text)))
    return [r for r in rows[1:] if len(r) == 9]


class SpotifyCaresInbound(unittest.TestCase):
    def test_every_record_with_its_reply_link(self):
        path = shared_file(self, FILE)
        rows = raw_rows(path)
        self.assertEqual(len(rows), 15096)
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "e.ndjson")
            p = subprocess.run([rapport_bin(), "convert", path, "-o", out], capture_output=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn(b"twcs format", p.stderr)
            events = [json.loads(line) for line in open(out)]
        self.assertEqual(len(events), len(rows))
        self.assertEqual([e["id"] for e in events], [r[2] for r in rows])
        # Reply links: the parent is the float-written id without its ".0".
        self.assertEqual([e["parent_id"] for e in events],
                         [r[8][:-2] if r[8].endswith(".0") else r[8] for r in rows])
        self.assertTrue(all(e["type"] == "reply" and e["inbound"] is True for e in events))
        self.assertEqual([e["author"] for e in events], [r[3] for r in rows])

    def test_report_counts_every_event_and_no_bad_record(self):
        path = shared_file(self, FILE)
        p = subprocess.run([rapport_bin(), "report", path, "--format", "json"], capture_output=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        report = json.loads(p.stdout)
        self.assertEqual(report["input"]["events"], 15096)
        self.assertEqual(report["input"]["formats"], ["twcs"])
        self.assertEqual(report["input"]["skipped_total"], 0)


if __name__ == "__main__":
    unittest.main()
