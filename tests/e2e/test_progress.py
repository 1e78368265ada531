"""The progress line (docs/cli.md, Progress): on stderr while `report` and `convert`
read, only when stderr is a terminal, and cleared before the summary. The input comes
slowly through stdin so that the run outlasts the bar's half-second delay."""

import os
import pty
import subprocess
import threading
import time
import unittest

from e2e_support import ROOT, rapport_bin

EXAMPLE = os.path.join(ROOT, "data", "example", "events.ndjson")


def run_slowly(args, stderr_tty, pause=1.5):
    """Runs rapport with the example fed to stdin in two halves `pause` s apart.
    Returns (exit code, stdout bytes, stderr bytes)."""
    data = open(EXAMPLE, "rb").read()
    if stderr_tty:
        master, slave = pty.openpty()
        err_target = slave
    else:
        err_target = subprocess.PIPE
    p = subprocess.Popen([rapport_bin()] + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=err_target)
    chunks = []
    if stderr_tty:
        os.close(slave)

        def drain():
            while True:
                try:
                    b = os.read(master, 65536)
                except OSError:
                    return
                if not b:
                    return
                chunks.append(b)

        reader = threading.Thread(target=drain)
        reader.start()
    p.stdin.write(data[: len(data) // 2])
    p.stdin.flush()
    time.sleep(pause)
    p.stdin.write(data[len(data) // 2:])
    p.stdin.close()
    out = p.stdout.read()
    if stderr_tty:
        p.wait(timeout=60)
        reader.join(timeout=10)
        os.close(master)
        err = b"".join(chunks)
    else:
        err = p.stderr.read()
        p.wait(timeout=60)
    return p.returncode, out, err


class Progress(unittest.TestCase):
    def test_report_shows_progress_on_a_terminal_and_clears_it(self):
        code, out, err = run_slowly(["report", "-", "--format", "json"], stderr_tty=True)
        self.assertEqual(code, 0, err)
        text = err.decode("utf-8", "replace")
        self.assertIn("\rrapport: reading ", text)
        self.assertIn(" events", text)
        # Cleared before the summary, so the summary starts on a clean line.
        self.assertIn("\r\x1b[K", text)
        self.assertIn(b'"brands"', out)

    def test_convert_shows_progress_on_a_terminal(self):
        code, out, err = run_slowly(["convert", "-", "-o", "-"], stderr_tty=True)
        self.assertEqual(code, 0, err)
        self.assertIn("\rrapport: converting ", err.decode("utf-8", "replace"))
        self.assertEqual(out.count(b"\n"), sum(1 for _ in open(EXAMPLE, "rb")))

    def test_ingest_shows_progress_on_a_terminal(self):
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            code, out, err = run_slowly(["ingest", "-", "--db", db], stderr_tty=True)
            self.assertEqual(code, 0, err)
            self.assertIn("\rrapport: ingesting ", err.decode("utf-8", "replace"))
            code, out, err = run_slowly(["ingest", "-", "--db", db, "--no-progress"],
                                        stderr_tty=True)
            self.assertEqual(code, 0, err)
            self.assertNotIn(b"ingesting", err)

    def test_silent_when_stderr_is_not_a_terminal(self):
        code, out, err = run_slowly(["report", "-", "--format", "json"], stderr_tty=False)
        self.assertEqual(code, 0, err)
        self.assertNotIn(b"\r", err)
        self.assertNotIn(b"reading", err)

    def test_no_progress_flag_silences_it_on_a_terminal(self):
        code, out, err = run_slowly(["report", "-", "--format", "json", "--no-progress"],
                                    stderr_tty=True)
        self.assertEqual(code, 0, err)
        # (the terminal turns every "\n" into "\r\n": look for the line itself)
        self.assertNotIn(b"reading", err)
        self.assertNotIn(b"\x1b[K", err)

    def test_quiet_silences_it_on_a_terminal(self):
        code, out, err = run_slowly(["convert", "-", "-o", "-", "-q"], stderr_tty=True)
        self.assertEqual(code, 0, err)
        self.assertEqual(err, b"")


if __name__ == "__main__":
    unittest.main()
