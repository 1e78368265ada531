#!/usr/bin/env python3
"""E2E: GET /v1/report returns byte for byte the JSON of `rapport report --db` for the
same store and options (the same translation of options, the same table); its figures
equal `rapport report` on the files the store was filled from; events POSTed or
ingested while it runs are reflected without a restart; `rapport ingest` keeps one
row per id."""

import datetime
import json
import os
import shutil
import sqlite3
import tempfile
import unittest
import urllib.parse

from e2e_support import ROOT, run
from serve_support import Server, event

EXAMPLE = os.path.join(ROOT, "data", "example", "events.ndjson")
CONFIG = os.path.join(ROOT, "data", "example", "rapport.toml")

# (query parameters, the same as CLI flags)
OPTION_SETS = [
    ({}, []),
    ({"by": "month", "tz": "Europe/Paris"}, ["--by", "month", "--tz", "Europe/Paris"]),
    ({"since": "2024-05-01", "until": "2024-06-15", "sla": "2h", "response-horizon": "3d"},
     ["--since", "2024-05-01", "--until", "2024-06-15", "--sla", "2h", "--response-horizon", "3d"]),
    ({"business-hours": "Mon-Fri 09:00-17:00", "as-of": "2024-06-20T00:00:00Z", "by": "day",
      "returning-lookback": "2"},
     ["--business-hours", "Mon-Fri 09:00-17:00", "--as-of", "2024-06-20T00:00:00Z", "--by", "day",
      "--returning-lookback", "2"]),
]


class ServeReportTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rapport-serve-report-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.db = os.path.join(self.tmp, "r.db")

    def cli_json(self, args):
        code, out, err = run(["report", "--db", self.db, "--format", "json"] + args)
        self.assertEqual(code, 0, err)
        return out

    def served(self, server, params):
        path = "/v1/report" + ("?" + urllib.parse.urlencode(params) if params else "")
        status, headers, body = server.request("GET", path)
        self.assertEqual(status, 200, body)
        self.assertEqual(headers.get("Content-Type"), "application/json")
        return body

    def start(self, args=()):
        server = Server(self.db, list(args) + ["--token", "t0ken"])
        self.addCleanup(server.kill)
        return server

    def test_served_json_equals_cli_json_for_every_option_set(self):
        code, _, err = run(["ingest", EXAMPLE, "--db", self.db])
        self.assertEqual(code, 0, err)
        weighted = os.path.join(self.tmp, "weighted.toml")  # E1 weights come from the config too
        with open(CONFIG) as src, open(weighted, "w") as out:
            out.write(src.read() + "\n[weights]\nlikes = 2\nshares = 3\n")
        answers = {}
        for server_args, cli_args in [([], []), (["--config", CONFIG], ["--config", CONFIG]),
                                      (["--config", weighted], ["--config", weighted])]:
            server = self.start(server_args)
            for params, flags in OPTION_SETS:
                with self.subTest(server=server_args, params=params):
                    served = self.served(server, params)
                    self.assertEqual(served, self.cli_json(cli_args + flags))
                    # and asked again: the cached answer is the same bytes
                    self.assertEqual(self.served(server, params), served)
                    answers.setdefault(tuple(server_args), []).append(json.loads(served))
            server.stop()
        # The weights reached the figures (E1 actions), on the server as on the CLI.
        plain, heavy = answers[("--config", CONFIG)][0], answers[("--config", weighted)][0]
        self.assertEqual([b["name"] for b in plain["brands"]], [b["name"] for b in heavy["brands"]])
        self.assertNotEqual([b["total"]["actions"] for b in plain["brands"]],
                            [b["total"]["actions"] for b in heavy["brands"]])

    def test_figures_equal_the_report_on_the_files(self):
        code, _, err = run(["ingest", EXAMPLE, "--db", self.db])
        self.assertEqual(code, 0, err)
        server = self.start(["--config", CONFIG])
        served = json.loads(self.served(server, {"by": "month"}))
        code, out, err = run(["report", EXAMPLE, "--config", CONFIG, "--by", "month", "--format", "json"])
        self.assertEqual(code, 0, err)
        direct = json.loads(out)
        self.assertEqual(served["input"]["events"], 3000)
        self.assertEqual(served["input"]["formats"], ["store"])
        for key in direct:
            if key != "input":
                self.assertEqual(served[key], direct[key], key)
        for key in ["events", "range", "conversations", "replies_to_missing_parents"]:
            self.assertEqual(served["input"][key], direct["input"][key], key)
        self.assertGreater(len(served["brands"]), 0)

    def test_new_events_are_reflected_without_restart(self):
        code, _, err = run(["ingest", EXAMPLE, "--db", self.db])
        self.assertEqual(code, 0, err)
        server = self.start(["--config", CONFIG])
        before = json.loads(self.served(server, {}))
        self.assertEqual(before["input"]["events"], 3000)
        # A new conversation: a customer asks @AcmeHelp, the brand answers 30 min later.
        ask = json.dumps({"platform": "x", "id": "q1", "type": "post", "author": "cust1",
                          "author_handle": "@cust1", "created_at": "2024-06-30T10:00:00Z",
                          "text": "@AcmeHelp where is my parcel?", "inbound": True})
        ans = json.dumps({"platform": "x", "id": "a1", "type": "reply", "author": "acme-help-id",
                          "author_handle": "@AcmeHelp", "created_at": "2024-06-30T10:30:00Z",
                          "parent_id": "q1", "text": "@cust1 on its way", "inbound": False})
        status, out = server.post_events([ask, ans], "t0ken")
        self.assertEqual(status, 200, out)
        self.assertEqual(json.loads(out)["stored"], 2)
        after_bytes = self.served(server, {})
        after = json.loads(after_bytes)
        self.assertEqual(after["input"]["events"], 3002)
        self.assertEqual(after["input"]["conversations"], before["input"]["conversations"] + 1)
        self.assertNotEqual(after["brands"], before["brands"])
        self.assertEqual(after_bytes, self.cli_json(["--config", CONFIG]))
        # `rapport ingest` into the store of a running server: seen on the next request.
        extra = os.path.join(self.tmp, "extra.ndjson")
        with open(extra, "w") as f:
            f.write(event(1) + "\n" + event(2) + "\n")
        code, _, err = run(["ingest", extra, "--db", self.db])
        self.assertEqual(code, 0, err)
        third = self.served(server, {})
        self.assertEqual(json.loads(third)["input"]["events"], 3004)
        self.assertEqual(third, self.cli_json(["--config", CONFIG]))

    def test_a_report_after_a_change_accumulates_only_the_chunks_that_changed(self):
        # Enough conversations for several chunks of 8,192 (src/metrics/chunk_cache.h).
        data = os.path.join(self.tmp, "synth.ndjson")
        config = os.path.join(self.tmp, "synth.toml")
        code, _, err = run(["synth", "--events", "60000", "--seed", "3", "-o", data, "--config-out", config, "-q"])
        self.assertEqual(code, 0, err)
        code, _, err = run(["ingest", data, "--db", self.db, "-q"])
        self.assertEqual(code, 0, err)
        server = self.start(["--config", config])
        status, headers, _ = server.request("GET", "/v1/report")
        self.assertEqual(status, 200)
        done, total = headers["X-Rapport-Chunks"].split(" of ")
        total = int(total.split()[0])
        self.assertGreaterEqual(total, 2)
        self.assertEqual(int(done), total)  # the first report reads every chunk
        # One reply to the first event, five minutes after it: one conversation changes,
        # the latest event (as_of) does not.
        with open(data) as f:
            first = json.loads(f.readline())
        created = first["created_at"].replace("Z", "+00:00")
        reply_time = (datetime.datetime.fromisoformat(created) + datetime.timedelta(minutes=5))
        reply = json.dumps({"platform": first["platform"], "id": "e2e-reply", "type": "reply",
                            "author": "e2e-user", "author_handle": "@e2euser",
                            "created_at": reply_time.strftime("%Y-%m-%dT%H:%M:%SZ"),
                            "parent_id": first["id"], "text": "thank you"})
        status, out = server.post_events([reply], "t0ken")
        self.assertEqual(status, 200, out)
        status, headers, body = server.request("GET", "/v1/report")
        self.assertEqual(status, 200)
        self.assertEqual(headers["X-Rapport-Chunks"], "1 of %d accumulated" % total)
        self.assertEqual(json.loads(body)["input"]["events"], 60001)
        # Still exactly what a full computation gives.
        self.assertEqual(body, self.cli_json(["--config", config]))

    def test_a_later_snapshot_replaces_counters_in_place(self):
        server = self.start()
        status, out = server.post_events([event(1, likes=2), event(2, likes=5)], "t0ken")
        self.assertEqual(status, 200, out)
        status, out = server.post_events([event(1, likes=9, text="edited"), event(2)], "t0ken")
        self.assertEqual(status, 200, out)
        result = json.loads(out)
        self.assertEqual((result["stored"], result["updated"], result["unchanged"]), (0, 1, 1))
        served = self.served(server, {})
        self.assertEqual(served, self.cli_json([]))
        self.assertEqual(json.loads(served)["input"]["events"], 2)
        rows = sqlite3.connect(self.db).execute("SELECT record FROM events ORDER BY seq").fetchall()
        first = json.loads(rows[0][0])
        self.assertEqual((first["id"], first["metrics"]["likes"], first["text"]), ("e1", 9, "hello @AcmeHelp"))
        self.assertEqual(json.loads(rows[1][0])["metrics"]["likes"], 5)

    def test_bad_query_parameters_are_400(self):
        server = self.start()
        for params, needle in [({"by": "year"}, "--by \\\"year\\\""), ({"colour": "red"}, "unknown query parameter"),
                               ({"tz": "Mars/Olympus"}, "unknown time zone"),
                               ({"brand": "x=@x"}, "fixed when the server starts")]:
            status, _, body = server.request("GET", "/v1/report?" + urllib.parse.urlencode(params))
            self.assertEqual(status, 400, params)
            self.assertIn(needle, body.decode(), params)

    def test_ingest_keeps_one_row_per_id(self):
        for expect in ["3000 new event(s) stored", "0 new event(s) stored, 0 updated (an id seen before, "
                       "with later counters), 3000 already stored"]:
            code, _, err = run(["ingest", EXAMPLE, "--db", self.db])
            self.assertEqual(code, 0, err)
            self.assertIn(expect, err)
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("SELECT COUNT(*), COUNT(DISTINCT platform || ' ' || id) FROM events").fetchone(),
                         (3000, 3000))
        self.assertEqual(con.execute("PRAGMA journal_mode").fetchone()[0], "wal")

    def test_ingest_bad_input_policy(self):
        bad = os.path.join(self.tmp, "bad.ndjson")
        with open(bad, "w") as f:
            f.write(event(1) + "\n{not json\n" + event(2) + "\n")
        code, _, err = run(["ingest", bad, "--db", self.db, "--strict"])
        self.assertEqual(code, 65, err)
        self.assertIn("bad.ndjson:2", err)
        self.assertIn("nothing was stored", err)
        code, _, err = run(["ingest", bad, "--db", self.db])
        self.assertEqual(code, 0, err)
        self.assertIn("2 new event(s) stored", err)
        self.assertIn("1 record(s) skipped: 1 invalid_json", err)
        self.assertIn("bad.ndjson:2", err)
        code, _, err = run(["ingest", os.path.join(self.tmp, "missing.ndjson"), "--db", self.db])
        self.assertEqual(code, 66, err)
        code, _, err = run(["ingest", EXAMPLE, "--db", EXAMPLE])
        self.assertEqual(code, 65, err)
        self.assertIn("not an event store", err)
        code, _, err = run(["report", "--db", os.path.join(self.tmp, "none.db")])
        self.assertEqual(code, 66, err)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "none.db")))


if __name__ == "__main__":
    unittest.main()
