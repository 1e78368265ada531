#!/usr/bin/env python3
"""E2E: bad input never crashes rapport and never loses data (FORMATS.md "Bad input").
Each case runs the real binary and checks the message (file and line), the counts by
reason, the exit code (docs/cli.md) and that no output is half-written."""

import gzip
import json
import os
import shutil
import socket
import subprocess
import tempfile
import unittest

from e2e_support import ROOT, run

FIX = os.path.join(ROOT, "tests", "fixtures", "rapport")
GOOD = os.path.join(FIX, "good_small.ndjson")
BAD = os.path.join(FIX, "bad_mixed.ndjson")
BRAND = ["--brand", "acme=@AcmeHelp"]


class BadInputTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rapport-bad-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def json_report(self, inputs, *extra, expect=0):
        out = self.path("report.json")
        code, _, err = run(["report", *inputs, *BRAND, "--format", "json", "-o", out, *extra])
        self.assertEqual(code, expect, err)
        if expect != 0:
            return None, err
        with open(out) as f:
            return json.load(f), err

    def test_mixed_bad_records_are_counted_and_located(self):
        doc, err = self.json_report([BAD])
        skipped = doc["input"]["skipped"]
        self.assertEqual(skipped["invalid_json"], 3)   # unclosed object, plain text, an array
        self.assertEqual(skipped["missing_field"], 1)  # no author
        self.assertEqual(skipped["bad_timestamp"], 1)  # 31/12/2024
        self.assertEqual(skipped["wrong_type"], 2)     # likes "many", type "repost"
        self.assertEqual(skipped["invalid_utf8"], 1)   # a Latin-1 byte
        self.assertEqual(skipped["duplicate"], 1)      # id 10 again
        self.assertEqual(doc["input"]["skipped_total"], 9)
        # Valid: post 10 (its later snapshot folded in) and reply 16 to a missing parent.
        self.assertEqual(doc["input"]["events"], 2)
        self.assertEqual(doc["input"]["replies_to_missing_parents"], 1)
        self.assertIn("bad_mixed.ndjson:4: missing required field \"author\"", err)
        self.assertIn("bad_mixed.ndjson:5: bad timestamp \"31/12/2024\"", err)
        self.assertIn("bad_mixed.ndjson:12: invalid UTF-8", err)
        lines = [e["line"] for e in doc["input"]["first_errors"] if e["reason"] != "duplicate"]
        self.assertEqual(lines, [2, 3, 4, 5, 6, 7, 11, 12])
        # The reply to a missing parent still makes a turn (it @mentions the brand).
        self.assertEqual(doc["brands"][0]["total"]["inbound_turns"], 1)

    def test_duplicate_takes_the_later_counters(self):
        src = self.path("dup.ndjson")
        with open(src, "w") as f:
            f.write(open(GOOD).read())
            f.write('{"platform":"x","id":"1","type":"post","author":"100","created_at":"2024-03-04T10:00:00Z",'
                    '"metrics":{"likes":50}}\n')
        doc, _ = self.json_report([src])
        self.assertEqual(doc["input"]["events"], 4)
        self.assertEqual(doc["input"]["skipped"]["duplicate"], 1)

    def test_strict_stops_at_first_bad_record_and_writes_nothing(self):
        out = self.path("strict.json")
        code, _, err = run(["report", BAD, *BRAND, "--strict", "--format", "json", "-o", out])
        self.assertEqual(code, 65, err)
        self.assertIn("bad_mixed.ndjson:2:", err)
        self.assertFalse(os.path.exists(out))
        self.assertEqual([n for n in os.listdir(self.tmp) if ".tmp." in n], [])

    def test_failed_run_leaves_previous_output_untouched(self):
        out = self.path("keep.json")
        with open(out, "w") as f:
            f.write("previous")
        code, _, _ = run(["report", BAD, *BRAND, "--strict", "-o", out])
        self.assertEqual(code, 65)
        self.assertEqual(open(out).read(), "previous")

    def test_more_brands_than_the_engine_holds_is_a_clear_error(self):
        # With no brand configured every inbound=false author is a brand; brand indices
        # are 16-bit, so 32,768 of them are refused (this used to crash).
        src = self.path("many_brands.ndjson")
        with open(src, "w") as f:
            for i in range(32768):
                f.write(json.dumps({"platform": "x", "id": "p%d" % i, "type": "post", "author": "b%d" % i,
                                    "created_at": "2024-03-04T10:00:00Z", "text": "news",
                                    "inbound": False}) + "\n")
        out = self.path("brands.json")
        code, _, err = run(["report", src, "--format", "json", "-o", out])
        self.assertEqual(code, 65, err)
        self.assertIn("32768 brands", err)
        self.assertIn("--brand", err)
        self.assertFalse(os.path.exists(out))
        # Naming the brands instead works.
        code, _, err = run(["report", src, "--brand", "acme=@b1", "--format", "json", "-o", out])
        self.assertEqual(code, 0, err)

    def test_truncated_zstd_is_an_error_naming_the_file(self):
        full = self.path("events.ndjson.zst")
        subprocess.run(["zstd", "-q", "-f", GOOD, "-o", full], check=True)
        data = open(full, "rb").read()
        cut = self.path("cut.ndjson.zst")
        with open(cut, "wb") as f:
            f.write(data[: len(data) - 7])
        code, _, err = run(["report", cut, *BRAND])
        self.assertEqual(code, 65, err)
        self.assertIn("cut.ndjson.zst: truncated zstd data", err)
        doc, _ = self.json_report([full])
        self.assertEqual(doc["input"]["events"], 4)
        self.assertEqual(doc["input"]["files"][0]["compression"], "zstd")

    def test_gzip_and_truncated_gzip(self):
        gz = self.path("events.ndjson.gz")
        with gzip.open(gz, "wb") as f:
            f.write(open(GOOD, "rb").read())
        doc, _ = self.json_report([gz])
        self.assertEqual(doc["input"]["events"], 4)
        data = open(gz, "rb").read()
        cut = self.path("cut.gz")
        with open(cut, "wb") as f:
            f.write(data[: len(data) // 2])
        code, _, err = run(["report", cut, *BRAND])
        self.assertEqual(code, 65, err)
        self.assertIn("cut.gz: truncated gzip data", err)

    def test_stdin(self):
        code, out, err = run(["report", "-", *BRAND, "--format", "json"], stdin=open(GOOD, "rb").read())
        self.assertEqual(code, 0, err)
        self.assertEqual(json.loads(out)["input"]["events"], 4)

    def test_empty_file(self):
        empty = self.path("empty.ndjson")
        open(empty, "w").close()
        doc, err = self.json_report([empty])
        self.assertEqual(doc["input"]["events"], 0)
        self.assertIn("no events read", err)
        self.assertIsNone(doc["brands"][0]["total"]["response_rate"])

    def test_directory(self):
        code, _, err = run(["report", self.tmp, *BRAND])
        self.assertEqual(code, 66, err)
        self.assertIn("is a directory", err)

    def test_missing_file(self):
        code, _, err = run(["report", self.path("nope.ndjson"), *BRAND])
        self.assertEqual(code, 66, err)
        self.assertIn("nope.ndjson: no such file", err)

    def test_unreadable_file(self):
        if os.geteuid() != 0:
            path = self.path("secret.ndjson")
            shutil.copy(GOOD, path)
            os.chmod(path, 0)
        else:
            # root reads any file; a socket cannot be opened for reading by anyone.
            path = self.path("sock")
            s = socket.socket(socket.AF_UNIX)
            s.bind(path)
            self.addCleanup(s.close)
        code, _, err = run(["report", path, *BRAND])
        self.assertEqual(code, 66, err)
        self.assertIn("cannot open", err)

    def test_unknown_format(self):
        path = self.path("notes.txt")
        with open(path, "w") as f:
            f.write("dear diary\n")
        code, _, err = run(["report", path, *BRAND])
        self.assertEqual(code, 65, err)
        self.assertIn("notes.txt: format not recognised", err)
        code, _, err = run(["report", path, *BRAND, "--input-format", "tiktok-xml"])
        self.assertEqual(code, 64, err)

    def test_bad_flags(self):
        for args, needle in [(["--by", "year"], "--by"), (["--tz", "Mars/Olympus"], "--tz"),
                             (["--sla", "soon"], "--sla"), (["--business-hours", "Mon-Fri 18:00-09:00"], "business"),
                             (["--brand", "acme"], "--brand")]:
            code, _, err = run(["report", GOOD, *args])
            self.assertEqual(code, 64, (args, err))
            self.assertIn(needle, err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
