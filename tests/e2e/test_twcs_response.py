#!/usr/bin/env python3
"""E2E: rapport's E2 responsiveness figures on real TWCS data == an independent oracle.

For each real TWCS file below, runs

    $RAPPORT_BIN report FILE --format json -o OUT
    $RAPPORT_BIN report FILE --format json -o OUT1 --threads 1

requires OUT and OUT1 to be byte-identical, and requires every E2 metric of
every brand in OUT ("brands"[i]["total"][metric], matched by "name") to equal
the figure computed by twcs_oracle.py (a separate, naive Python implementation
of docs/METRICS.md E2; see its header for the method): floats to 1e-9
relative, counts exactly, null == null.  The set of brands must be the same.

Environment:
  RAPPORT_BIN     path of the rapport binary (required)
  RAPPORT_SHARED  path of the shared data directory (default: <repo>/../shared)
  CI              when "true", missing shared data is a failure, not a skip
"""

import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import twcs_oracle  # noqa: E402

COUNT_METRICS = ["inbound_turns", "answered_turns", "pending_turns", "unanswered_turns"]
RATIO_METRICS = ["response_rate", "response_time_median", "response_time_p90",
                 "response_time_mean", "response_time_min", "response_time_max",
                 "answered_within_sla"]
assert sorted(COUNT_METRICS + RATIO_METRICS) == sorted(twcs_oracle.METRICS)

# Real TWCS files (paths relative to RAPPORT_SHARED).
HEAD_5K = "data/real/twcs_head_5k/twcs_head_5001.csv"      # threads nearly complete
RANDOM_5K = "data/real/twcs_random_5k/twcs_small.csv"      # CRLF, no index column, broken threads
KAGGLE_SAMPLE = "data/real/twcs_kaggle_sample/sample.csv"  # tiny, plain ids

RUN_TIMEOUT_SECONDS = 300


def shared_dir():
    value = os.environ.get("RAPPORT_SHARED")
    if value:
        return value
    return os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))


def in_ci():
    return os.environ.get("CI", "").strip().lower() == "true"


def reject_constant(name):
    raise ValueError("rapport wrote %s in JSON (a ratio must be null, never NaN/inf)" % name)


def values_equal(metric, expected, actual):
    if expected is None:
        return actual is None
    if actual is None or isinstance(actual, bool) or not isinstance(actual, (int, float)):
        return False
    if metric in COUNT_METRICS:
        return actual == expected  # 5 == 5.0 is accepted; 5.0000001 is not
    if actual == expected:
        return True
    return math.isclose(actual, expected, rel_tol=1e-9, abs_tol=0.0)


class TwcsResponseTest(unittest.TestCase):

    def data_file(self, relative):
        path = os.path.join(shared_dir(), relative)
        if not os.path.isfile(path):
            reason = "shared data file missing: %s (set RAPPORT_SHARED)" % path
            if in_ci():
                self.fail(reason + " [CI=true: missing data is a failure]")
            print("SKIP: " + reason, file=sys.stderr)
            self.skipTest(reason)
        return path

    def rapport_bin(self):
        binary = os.environ.get("RAPPORT_BIN")
        if not binary:
            self.fail("RAPPORT_BIN is not set (path of the rapport binary)")
        if not os.access(binary, os.X_OK):
            self.fail("RAPPORT_BIN=%s is not an executable file" % binary)
        return binary

    def run_report(self, path, out, extra_args):
        command = [self.rapport_bin(), "report", path, "--format", "json", "-o", out]
        command += extra_args
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=RUN_TIMEOUT_SECONDS)
        if done.returncode != 0:
            self.fail("%s exited with %d\nstderr (tail):\n%s" % (
                " ".join(command), done.returncode,
                done.stderr.decode("utf-8", "replace")[-3000:]))
        self.assertTrue(os.path.isfile(out), "%s wrote no %s" % (" ".join(command), out))
        with open(out, "rb") as f:
            return f.read()

    def check_against_oracle(self, relative):
        path = self.data_file(relative)
        expected = twcs_oracle.compute(path)
        self.assertTrue(expected, "oracle found no brand in %s" % path)

        with tempfile.TemporaryDirectory(prefix="rapport_e2e_twcs_") as tmp:
            out_default = os.path.join(tmp, "report.json")
            out_single = os.path.join(tmp, "report_threads1.json")
            bytes_default = self.run_report(path, out_default, [])
            bytes_single = self.run_report(path, out_single, ["--threads", "1"])

        if bytes_default != bytes_single:
            offset = 0
            while (offset < min(len(bytes_default), len(bytes_single))
                   and bytes_default[offset] == bytes_single[offset]):
                offset += 1
            self.fail("JSON differs between default threads and --threads 1 at byte %d:\n"
                      "  default:   %r\n  threads 1: %r" % (
                          offset, bytes_default[max(0, offset - 60):offset + 60],
                          bytes_single[max(0, offset - 60):offset + 60]))

        report = json.loads(bytes_default.decode("utf-8"), parse_constant=reject_constant)
        self.assertIsInstance(report, dict, "top level of the JSON report is not an object")
        self.assertIn("brands", report, "JSON report has no \"brands\"")
        self.assertIsInstance(report["brands"], list, "\"brands\" is not a list")

        actual = {}
        for entry in report["brands"]:
            self.assertIsInstance(entry, dict, "a \"brands\" entry is not an object")
            self.assertIn("name", entry, "a \"brands\" entry has no \"name\"")
            self.assertNotIn(entry["name"], actual, "brand %r listed twice" % entry["name"])
            self.assertIsInstance(entry.get("total"), dict,
                                  "brand %r has no \"total\" object" % entry["name"])
            actual[entry["name"]] = entry["total"]

        missing = sorted(set(expected) - set(actual))
        extra = sorted(set(actual) - set(expected))
        self.assertFalse(missing or extra,
                         "brand sets differ: missing from rapport %s; not expected %s" % (
                             missing[:20], extra[:20]))

        mismatches = []
        for brand in sorted(expected):
            for metric in twcs_oracle.METRICS:
                want = expected[brand][metric]
                if metric not in actual[brand]:
                    mismatches.append("%s.%s: missing (oracle %r)" % (brand, metric, want))
                    continue
                got = actual[brand][metric]
                if not values_equal(metric, want, got):
                    mismatches.append("%s.%s: rapport %r, oracle %r" % (brand, metric, got, want))
        if mismatches:
            self.fail("%d of %d figures differ from the oracle on %s:\n  %s" % (
                len(mismatches), len(expected) * len(twcs_oracle.METRICS), relative,
                "\n  ".join(mismatches[:60])))

    def test_head_5k(self):
        self.check_against_oracle(HEAD_5K)

    def test_random_5k(self):
        self.check_against_oracle(RANDOM_5K)

    def test_kaggle_sample(self):
        self.check_against_oracle(KAGGLE_SAMPLE)


class OracleSelfTest(unittest.TestCase):
    """The oracle's own reading of the head file (no binary needed)."""

    def test_head_file_reading(self):
        path = os.path.join(shared_dir(), HEAD_5K)
        if not os.path.isfile(path):
            if in_ci():
                self.fail("shared data file missing: %s" % path)
            print("SKIP: shared data file missing: %s" % path, file=sys.stderr)
            self.skipTest("shared data file missing: %s" % path)
        stats = {}
        messages, _ = twcs_oracle.read_twcs(path, stats)
        # 5,001 CSV records = header + 5,000 rows (pandas index 0..4999).
        self.assertEqual(stats["records"], 5000)
        self.assertEqual(stats["bad_records"], 0)
        self.assertEqual(len(messages), 5000)
        by_id = {m["id"]: m for m in messages}
        self.assertIn("\r\r", by_id["3399"]["text"])  # bare CRs kept, one row
        self.assertEqual(by_id["2"]["parent"], "1")    # "1.0" -> "1"

    def test_quantile_type7(self):
        self.assertEqual(twcs_oracle.quantile_type7([1, 2, 3, 4], 0.5), 2.5)
        self.assertAlmostEqual(twcs_oracle.quantile_type7([1, 2, 3, 4], 0.9), 3.7)
        self.assertEqual(twcs_oracle.quantile_type7([7], 0.9), 7.0)

    def test_mentions(self):
        self.assertEqual(twcs_oracle.mentioned_handles("hi @AppleSupport, a@b @_x @ @9"),
                         ["applesupport", "_x", "9"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
