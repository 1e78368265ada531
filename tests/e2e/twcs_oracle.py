#!/usr/bin/env python3
"""Independent oracle for rapport's E2 responsiveness metrics on TWCS CSV files.

Usage:  python3 twcs_oracle.py FILE.csv      -> prints {brand: {metric: value}} as JSON

HOW WE VERIFIED (the method this file implements)
=================================================
This is a second, deliberately naive implementation of docs/METRICS.md section
"E2 Responsiveness", written from the specification only: it shares no code,
no data structures and no libraries with the C++ engine (Python 3 stdlib only).
It favours obviousness over speed: plain loops, dicts and sorted lists, every
rule written out once in the order the specification states it.  The e2e test
(test_twcs_response.py) runs `rapport report FILE --format json` and requires
every figure of every brand to equal this oracle's (floats to 1e-9 relative,
null == null).

Steps:
 1. Read the file as bytes, decode UTF-8, and split it into records with a tiny
    CSV state machine in which only '\n' outside quotes ends a record ("\r\n"
    too, for CRLF files: its '\r' belongs to the terminator).  A bare '\r'
    is ordinary text, so TWCS tweet 3399 ("@AskPayPal \r\rI just love ...",
    unquoted) stays ONE record with its CRs kept.  Columns are found by header
    name, so a leading pandas index column ("") or an extra "index" column
    is simply ignored.
 2. Normalise each row: ids lose a trailing ".0" (pandas wrote "3.0"); the
    parent is the first of in_response_to_tweet_id's comma-separated ids
    (empty = none); created_at "Tue Oct 31 22:10:47 +0000 2017" becomes UTC
    epoch seconds.  A repeated tweet_id keeps its first row.  Type is "reply"
    when the row has a parent id, else "post" (platform x).
 3. Brands: no configuration, so every author of an inbound=False row is a
    brand, named by its author_id as written; its one account is that
    author_id, compared case-insensitively.  Every other author is audience.
 4. Conversation of a message: follow parent links while the parent is in the
    file; the key is the topmost reachable id; depth = links followed.
 5. Inbound to brand B: audience author and (a) parent in file authored by B,
    or (b) the text @-mentions a B account ('@' not preceded by [A-Za-z0-9_],
    then [A-Za-z0-9_]+), or (c) a B message replies to it, or (d) inbound=True
    and B is the only brand that authored a message in its conversation.
 6. Per brand and conversation, walk messages ordered by (created_at, depth,
    id; all-digit ids numerically and before other ids, others as strings).
    An inbound-to-B message joins its author's open turn or opens one; any B
    message closes all of B's open turns there; everything else is ignored.
 7. A turn is answered when a B message has its parent among the turn's
    messages; first_response_time = min(reply time - turn start), negative -> 0.
    as_of = latest created_at in the file; unanswered turns younger than
    7 days at as_of are pending; the rest are unanswered.
 8. Per brand: counts, response_rate = answered / (answered + unanswered),
    min/max/mean and type-7 median/p90 of first_response_time, and the share
    answered within 3600 s.  Denominators of 0 give null.

HAND CHECK (twcs_head_5001.csv, conversation rooted at tweet 8, sprintcare):
    8   115712     21:45:10  "@sprintcare is the worst customer service"
    6   sprintcare 21:46:24  reply to 8
    5   115712     21:49:35  reply to 6   "@sprintcare I did."
    4   sprintcare 21:54:49  reply to 5
    3   115712     22:08:27  reply to 4
    1   sprintcare 22:10:47  reply to 3
    2   115712     22:11:45  reply to 1   (never answered)
  (all Tue Oct 31 2017; tweets 9, 10 and 7 are named as replies but are not in
  the file).  Walking in time order: 8 opens turn T1 at 21:45:10, 6 closes it;
  5 opens T2 at 21:49:35, 4 closes it; 3 opens T3 at 22:08:27, 1 closes it;
  2 opens T4 at 22:11:45, still open.  Answers: T1 by 6 after 74 s, T2 by 4
  after 314 s, T3 by 1 after 140 s; T4 has no reply and as_of (2017-12-03) is
  more than 7 days later, so T4 is unanswered.  This conversation alone gives
  sprintcare 4 turns, 3 answered, 1 unanswered, 0 pending; times 74, 140, 314
  (median 140, all within the 1 h SLA).  Running the oracle with
  --dump-turns sprintcare prints exactly these four turns for root 8.
"""

import calendar
import json
import sys

HORIZON_SECONDS = 7 * 24 * 3600  # 604800: pending if younger than this at as_of
SLA_SECONDS = 3600               # answered_within_sla threshold (1 h)
WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
DIGITS = "0123456789"
MONTHS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
          "Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}
METRICS = ["inbound_turns", "answered_turns", "pending_turns", "unanswered_turns",
           "response_rate", "response_time_median", "response_time_p90",
           "response_time_mean", "response_time_min", "response_time_max",
           "answered_within_sla"]


# ---------------------------------------------------------------- 1. CSV

def split_csv_records(text):
    """Return a list of records (lists of fields).

    Only '\\n' outside quotes ends a record; a '\\r' directly before such a
    '\\n' is dropped (CRLF line ending); any other '\\r' is kept as text.
    A field that starts with '"' is quoted: '""' inside it is one '"'.
    A '"' in the middle of an unquoted field is kept literally.
    """
    records = []
    record = []
    field = []
    in_quotes = False
    field_started_quoted = False
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if in_quotes:
            if c == '"':
                if i + 1 < n and text[i + 1] == '"':
                    field.append('"')
                    i += 1
                else:
                    in_quotes = False
            else:
                field.append(c)
        elif c == '"' and not field and not field_started_quoted:
            in_quotes = True
            field_started_quoted = True
        elif c == ',':
            record.append("".join(field))
            field = []
            field_started_quoted = False
        elif c == '\n':
            if text[i - 1] == '\r' and field and field[-1] == '\r':
                field.pop()  # the '\r' of a CRLF line ending
            record.append("".join(field))
            records.append(record)
            record = []
            field = []
            field_started_quoted = False
        else:
            field.append(c)
        i += 1
    if field or record:
        if field and field[-1] == '\r':
            field.pop()
        record.append("".join(field))
        records.append(record)
    return records


# ---------------------------------------------------------------- 2. rows

def normalise_id(raw):
    raw = raw.strip()
    if raw.endswith(".0"):
        raw = raw[:-2]
    return raw


def parse_twitter_time(raw):
    """'Tue Oct 31 22:10:47 +0000 2017' -> UTC epoch seconds."""
    parts = raw.split()
    if len(parts) != 6:
        raise ValueError("bad created_at: %r" % raw)
    _dow, mon, day, hms, offset, year = parts
    hh, mm, ss = [int(x) for x in hms.split(":")]
    local = calendar.timegm((int(year), MONTHS[mon], int(day), hh, mm, ss, 0, 0, 0))
    sign = -1 if offset[0] == "-" else 1
    off_seconds = sign * (int(offset[1:3]) * 3600 + int(offset[3:5]) * 60)
    return local - off_seconds


def read_twcs(path, stats=None):
    """Return (messages in file order, all created_at values of all rows)."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    records = split_csv_records(text)
    header = records[0]
    col = {}
    for index, name in enumerate(header):
        if name in ("tweet_id", "author_id", "inbound", "created_at", "text",
                    "in_response_to_tweet_id"):
            col[name] = index
    messages = []
    seen = set()
    all_times = []
    bad = 0
    duplicates = 0
    for record in records[1:]:
        if len(record) != len(header):
            bad += 1
            continue
        created = parse_twitter_time(record[col["created_at"]])
        all_times.append(created)
        tweet_id = normalise_id(record[col["tweet_id"]])
        if tweet_id in seen:
            duplicates += 1
            continue
        seen.add(tweet_id)
        parent_raw = record[col["in_response_to_tweet_id"]].split(",")[0]
        parent = normalise_id(parent_raw)
        if parent == "":
            parent = None
        messages.append({
            "id": tweet_id,
            "author": record[col["author_id"]],
            "inbound": record[col["inbound"]] == "True",
            "time": created,
            "text": record[col["text"]],
            "parent": parent,
            "type": "reply" if parent is not None else "post",
        })
    if stats is not None:
        stats["records"] = len(records) - 1
        stats["bad_records"] = bad
        stats["duplicates"] = duplicates
        stats["columns"] = header
    return messages, all_times


# ---------------------------------------------------------------- helpers

def mentioned_handles(text):
    """Lower-cased handles of @handle tokens in text."""
    handles = []
    for i, c in enumerate(text):
        if c != "@":
            continue
        if i > 0 and text[i - 1] in WORD_CHARS:
            continue
        j = i + 1
        while j < len(text) and text[j] in WORD_CHARS:
            j += 1
        if j > i + 1:
            handles.append(text[i + 1:j].lower())
    return handles


def id_sort_key(tweet_id):
    if tweet_id != "" and all(ch in DIGITS for ch in tweet_id):
        return (0, int(tweet_id), "")
    return (1, 0, tweet_id)


def quantile_type7(sorted_values, q):
    n = len(sorted_values)
    h = q * (n - 1)
    low = int(h)  # floor, h >= 0
    if low >= n - 1:
        return float(sorted_values[n - 1])
    return sorted_values[low] + (sorted_values[low + 1] - sorted_values[low]) * (h - low)


# ---------------------------------------------------------------- 3..8

def compute(path, dump_turns_for=None, stats=None):
    messages, all_times = read_twcs(path, stats)
    by_id = {}
    for m in messages:
        by_id[m["id"]] = m
    as_of = max(all_times)

    # 3. brands: authors of inbound=False rows; account compared case-insensitively
    brand_names = []
    brand_of_account = {}  # lower-cased account -> brand name
    for m in messages:
        if not m["inbound"] and m["author"].lower() not in brand_of_account:
            brand_of_account[m["author"].lower()] = m["author"]
            brand_names.append(m["author"])

    def brand_of_author(author):
        return brand_of_account.get(author.lower())  # None = audience

    # 4. conversations and depth
    for m in messages:
        current = m
        depth = 0
        visited = {m["id"]}
        while current["parent"] is not None and current["parent"] in by_id:
            if current["parent"] in visited:
                raise ValueError("reply cycle through %s" % m["id"])
            current = by_id[current["parent"]]
            visited.add(current["id"])
            depth += 1
        m["conversation"] = current["id"]
        m["depth"] = depth

    conversations = {}
    for m in messages:
        conversations.setdefault(m["conversation"], []).append(m)

    brands_in_conversation = {}
    for key, members in conversations.items():
        brands_in_conversation[key] = set()
        for m in members:
            b = brand_of_author(m["author"])
            if b is not None:
                brands_in_conversation[key].add(b)

    # who replied to whom: brands that replied to each message
    brands_replying_to = {}
    for m in messages:
        b = brand_of_author(m["author"])
        if b is not None and m["parent"] is not None:
            brands_replying_to.setdefault(m["parent"], set()).add(b)

    # 5. inbound-to sets
    for m in messages:
        m["inbound_to"] = set()
        if brand_of_author(m["author"]) is not None:
            continue  # brand messages are never inbound
        parent = by_id.get(m["parent"]) if m["parent"] is not None else None
        if parent is not None and brand_of_author(parent["author"]) is not None:
            m["inbound_to"].add(brand_of_author(parent["author"]))            # (a)
        for handle in mentioned_handles(m["text"]):
            if handle in brand_of_account:
                m["inbound_to"].add(brand_of_account[handle])                 # (b)
        for b in brands_replying_to.get(m["id"], set()):
            m["inbound_to"].add(b)                                            # (c)
        if m["inbound"] and len(brands_in_conversation[m["conversation"]]) == 1:
            m["inbound_to"].add(next(iter(brands_in_conversation[m["conversation"]])))  # (d)

    # 6. turns
    turns = {b: [] for b in brand_names}
    for key in sorted(conversations, key=id_sort_key):
        ordered = sorted(conversations[key],
                         key=lambda m: (m["time"], m["depth"], id_sort_key(m["id"])))
        for b in brand_names:
            open_turns = {}  # audience author -> turn
            for m in ordered:
                if brand_of_author(m["author"]) == b:
                    open_turns = {}
                elif b in m["inbound_to"]:
                    if m["author"] in open_turns:
                        open_turns[m["author"]]["messages"].append(m)
                    else:
                        turn = {"brand": b, "conversation": key, "author": m["author"],
                                "start": m["time"], "messages": [m]}
                        open_turns[m["author"]] = turn
                        turns[b].append(turn)

    # 7. answered / pending / unanswered
    for b in brand_names:
        for turn in turns[b]:
            ids = set(m["id"] for m in turn["messages"])
            best = None
            for m in conversations[turn["conversation"]]:
                if brand_of_author(m["author"]) == b and m["parent"] in ids:
                    delay = m["time"] - turn["start"]
                    if best is None or delay < best:
                        best = delay
            if best is not None:
                turn["status"] = "answered"
                turn["first_response_time"] = max(0, best)
            elif as_of - turn["start"] < HORIZON_SECONDS:
                turn["status"] = "pending"
            else:
                turn["status"] = "unanswered"

    if dump_turns_for is not None:
        for turn in turns.get(dump_turns_for, []):
            print("conv=%s author=%s start=%d msgs=%s status=%s frt=%s" % (
                turn["conversation"], turn["author"], turn["start"],
                ",".join(m["id"] for m in turn["messages"]), turn["status"],
                turn.get("first_response_time")), file=sys.stderr)

    # 8. metrics
    result = {}
    for b in brand_names:
        answered = [t for t in turns[b] if t["status"] == "answered"]
        pending = [t for t in turns[b] if t["status"] == "pending"]
        unanswered = [t for t in turns[b] if t["status"] == "unanswered"]
        times = sorted(t["first_response_time"] for t in answered)
        figures = {
            "inbound_turns": len(turns[b]),
            "answered_turns": len(answered),
            "pending_turns": len(pending),
            "unanswered_turns": len(unanswered),
            "response_rate": None,
            "response_time_median": None,
            "response_time_p90": None,
            "response_time_mean": None,
            "response_time_min": None,
            "response_time_max": None,
            "answered_within_sla": None,
        }
        if len(answered) + len(unanswered) > 0:
            figures["response_rate"] = len(answered) / (len(answered) + len(unanswered))
        if times:
            figures["response_time_median"] = quantile_type7(times, 0.5)
            figures["response_time_p90"] = quantile_type7(times, 0.9)
            figures["response_time_mean"] = sum(times) / len(times)
            figures["response_time_min"] = times[0]
            figures["response_time_max"] = times[-1]
            within = 0
            for t in times:
                if t <= SLA_SECONDS:
                    within += 1
            figures["answered_within_sla"] = within / len(times)
        result[b] = figures
    return result


def main(argv):
    args = argv[1:]
    dump = None
    if len(args) == 3 and args[1] == "--dump-turns":
        dump = args[2]
        args = args[:1]
    if len(args) != 1:
        print("usage: twcs_oracle.py FILE.csv [--dump-turns BRAND]", file=sys.stderr)
        return 2
    stats = {}
    result = compute(args[0], dump_turns_for=dump, stats=stats)
    print("oracle: %d records, %d skipped (wrong field count), %d duplicate ids, "
          "%d brands" % (stats["records"], stats["bad_records"], stats["duplicates"],
                         len(result)), file=sys.stderr)
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
