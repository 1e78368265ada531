"""Shared helpers of the end-to-end tests: where the binary and the shared data are,
and the rule for missing shared data (fail when CI=true, skip with a reason else)."""

import json
import os
import subprocess
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def rapport_bin():
    path = os.environ.get("RAPPORT_BIN")
    if not path:
        raise unittest.SkipTest("RAPPORT_BIN is not set (ctest sets it)")
    return path


def shared_dir():
    return os.environ.get("RAPPORT_SHARED") or os.path.normpath(os.path.join(ROOT, "..", "shared"))


def shared_file(test, relative):
    path = os.path.join(shared_dir(), relative)
    if not os.path.exists(path):
        reason = "shared data missing: %s" % path
        if os.environ.get("CI", "").lower() == "true":
            test.fail(reason + " (CI=true: shared data is required)")
        print("SKIP: " + reason)
        raise unittest.SkipTest(reason)
    return path


def run(args, stdin=None, timeout=300):
    """Runs rapport with args; returns (exit code, stdout bytes, stderr text)."""
    p = subprocess.run([rapport_bin()] + args, input=stdin, capture_output=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def report_json(test, args):
    code, out, err = run(["report", "--format", "json"] + args)
    test.assertEqual(code, 0, err)
    return json.loads(out)
