#!/usr/bin/env python3
"""E2E: `rapport sentiment` prints what the reference vaderSentiment 3.3.1 returns.

Runs the real binary on the texts of shared/data/vader/reference_cases.tsv (one per
line, so texts containing LF are left out) and compares with the reference's rounded
outputs, then with the unrounded ones (--raw), in TSV and JSON. Also: standard input,
a last line without LF, and the exit status for missing or unreadable input.
"""

import json
import os
import shutil
import tempfile
import unittest

from e2e_support import run, shared_file

CASES = os.path.join("data", "vader", "reference_cases.tsv")
CASES_RAW = os.path.join("data", "vader", "reference_cases_unrounded.tsv")


def unescape(s):
    """Undoes the four escapes of the reference files: \\\\ \\t \\n \\r."""
    out, k = [], 0
    while k < len(s):
        if s[k] == "\\" and k + 1 < len(s):
            out.append({"t": "\t", "n": "\n", "r": "\r"}.get(s[k + 1], s[k + 1]))
            k += 2
        else:
            out.append(s[k])
            k += 1
    return "".join(out)


def read_cases(path):
    """[(text, [neg, neu, pos, compound] as the reference's repr strings)]"""
    with open(path, "rb") as f:
        lines = f.read().decode("utf-8").split("\n")  # LF only: texts hold U+2028 & co.
    cases = []
    for line in lines[1:]:
        if not line:
            continue
        fields = line.split("\t")
        assert len(fields) == 5, line
        cases.append((unescape(fields[0]), fields[1:]))
    return cases


class SentimentCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rapport-sentiment-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def one_per_line(self, cases):
        """The texts that fit on one line, written to a file; returns (path, cases)."""
        kept = [c for c in cases if "\n" not in c[0]]
        path = os.path.join(self.tmp, "texts.txt")
        with open(path, "wb") as f:
            f.write("".join(text + "\n" for text, _ in kept).encode("utf-8"))
        return path, kept

    def check_tsv(self, out, cases):
        lines = out.decode("utf-8").split("\n")
        self.assertEqual(lines[-1], "")
        self.assertEqual(len(lines) - 1, len(cases))
        failed = []
        for (text, want), got in zip(cases, lines):
            if got.split("\t") != want:
                failed.append("%r: want %s, got %s" % (text, want, got.split("\t")))
        self.assertEqual(failed, [], "\n".join(failed[:20]))
        return len(cases) - len(failed)

    def test_rounded_tsv_matches_reference(self):
        path, cases = self.one_per_line(read_cases(shared_file(self, CASES)))
        self.assertGreater(len(cases), 500)
        code, out, err = run(["sentiment", path])
        self.assertEqual(code, 0, err)
        passed = self.check_tsv(out, cases)
        print("rounded TSV: %d of %d one-line reference cases equal" % (passed, len(cases)))

    def test_raw_matches_unrounded_reference(self):
        path, cases = self.one_per_line(read_cases(shared_file(self, CASES_RAW)))
        code, out, err = run(["sentiment", "--raw", path])
        self.assertEqual(code, 0, err)
        # repr of the same double: the strings are equal when the values are.
        passed = self.check_tsv(out, cases)
        print("raw TSV: %d of %d one-line unrounded cases bit-identical" % (passed, len(cases)))

    def test_json_from_standard_input(self):
        _, cases = self.one_per_line(read_cases(shared_file(self, CASES)))
        data = "".join(text + "\n" for text, _ in cases).encode("utf-8")
        code, out, err = run(["sentiment", "--format", "json", "-"], stdin=data)
        self.assertEqual(code, 0, err)
        lines = out.decode("utf-8").splitlines()
        self.assertEqual(len(lines), len(cases))
        for (text, want), line in zip(cases, lines):
            obj = json.loads(line)
            self.assertEqual(list(obj), ["neg", "neu", "pos", "compound"])
            self.assertEqual([float(v) for v in want], list(obj.values()), text)

    def test_last_line_without_newline_and_empty_lines(self):
        code, out, err = run(["sentiment"], stdin=b"The book was good.\n\nnot good")
        self.assertEqual(code, 0, err)
        lines = out.decode("utf-8").split("\n")
        self.assertEqual(len(lines), 4)
        self.assertEqual(lines[1], "0.0\t0.0\t0.0\t0.0")  # the empty text
        self.assertEqual(lines[3], "")
        self.assertTrue(float(lines[0].split("\t")[3]) > 0 > float(lines[2].split("\t")[3]))

    def test_missing_or_unreadable_input(self):
        missing = os.path.join(self.tmp, "missing.txt")
        code, out, err = run(["sentiment", missing])
        self.assertEqual(code, 66)
        self.assertEqual(out, b"")
        self.assertTrue(err.startswith("rapport: "), err)
        self.assertIn("missing.txt", err)
        code, _, err = run(["sentiment", self.tmp])  # a directory
        self.assertEqual(code, 66)
        self.assertTrue(err.startswith("rapport: "), err)
        code, _, err = run(["sentiment", "--format", "xml", missing])
        self.assertEqual(code, 64, err)

    def test_license_is_embedded(self):
        code, out, err = run(["sentiment", "--license"])
        self.assertEqual(code, 0, err)
        self.assertIn(b"C.J. Hutto", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
