#!/usr/bin/env python3
"""Helpers for run-benchmark.sh (stdlib only).

Sub-commands:
  free-port                      print a free TCP port on 127.0.0.1
  wait-http URL TIMEOUT [PID]    wait until URL answers with any HTTP status (bounded)
  probe URL                      print the HTTP status of one GET (000 on failure)
  result WRK_OUT META_JSON       extract the BENCH_RESULT line of a wrk run, add META, print JSON
  create-sessions URL COUNT      GET URL COUNT times without cookies on one keep-alive
                                 connection; each answer must be 2xx, carry Set-Cookie and
                                 have body "1"; prints JSON {"created":..,"failed":..}
  histo FILE                     parse `jcmd PID GC.class_histogram` output -> JSON
  stats URL                      GET URL (/bench/stats) -> JSON (fallback heap measurement)
  heap-kind EP BEFORE AFTER CREATED_JSON   bytes/session from two histograms (or stats .json)
  heap-json METHOD JVM_OPTS KINDS_JSONL [NOTE]  assemble heap.json
  log-stats APP_LOG META_JSON    count ERROR/WARN lines of an app log (grouped by message, memory-store
                                 eviction warnings apart), add META, print JSON
  report RESULTS_JSONL HEAP_JSON META_JSON   print the markdown report
  check RESULTS_JSONL            list every wrk run with a failed answer (counter error, non-2xx, bad body, missing
                                 Set-Cookie, socket error, timeout, no result) on stderr; exit 1 if there is one,
                                 except on the endpoints in EXPECTED_FAILURES
  summary WRK_OUT                print one wrk run's successful answers per second; exit 1 (reasons on stderr) if
                                 any answer failed
  redis-wait PORT TIMEOUT [PID]  wait until redis-server on 127.0.0.1:PORT answers PING (bounded)
  redis-stats PORT [flush]       print INFO commandstats of 127.0.0.1:PORT as JSON {command: calls}; with
                                 flush, FLUSHALL first (the benchmark's commands, not the harness's, are counted)
  redis-delta BEFORE AFTER       commands sent between two redis-stats files, as JSON {command: calls}
  pg-wait URL TIMEOUT [PID]      wait until PostgreSQL (URL: postgresql://USER:PASSWORD@127.0.0.1:PORT/DB) answers
                                 a query on its database postgres (bounded)
  pg-init URL                    create the URL's database if missing and pg_stat_statements in it; print the version
  pg-stats URL [reset]           print pg_stat_statements' calls of the statements on the session tables as JSON
                                 {statement: calls}; with reset, TRUNCATE the session tables and reset the statistics
                                 first (each run starts on empty tables and counts only its own statements)
  pg-delta BEFORE AFTER          statements run between two pg-stats files, by store operation, as JSON {kind: calls}
  paired RESULTS_JSONL...        per-round ratios: each session endpoint's req/s over its baseline's from the
                                 same round (and route-counter over vertx-counter, counter-nb and route-counter over
                                 vertx-redis-flush-counter, each no-session endpoint over
                                 the same one in the app without the extension), pooled over the given runs
                                 of the same code, with their median; for comparisons that one run cannot settle
"""
import http.client
import json
import re
import socket
import statistics
import sys
import time
import urllib.parse

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _split(url):
    u = urllib.parse.urlsplit(url)
    if u.scheme != "http" or u.hostname not in LOOPBACK:
        raise SystemExit("bench.py: only http://127.0.0.1 URLs are allowed: %s" % url)
    path = u.path or "/"
    if u.query:
        path += "?" + u.query
    return u.hostname, u.port or 80, path


def _get(url, timeout=5.0):
    host, port, path = _split(url)
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def cmd_free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
    s.close()


def _alive(pid):
    if pid is None:
        return True
    try:
        import os
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def cmd_wait_http(url, timeout, pid=None):
    deadline = time.monotonic() + float(timeout)
    pid = int(pid) if pid else None
    while time.monotonic() < deadline:
        if not _alive(pid):
            print("process %s exited before answering" % pid, file=sys.stderr)
            return 2
        try:
            _get(url, timeout=2.0)
            return 0
        except (OSError, http.client.HTTPException):
            time.sleep(0.25)
    print("no answer from %s within %ss" % (url, timeout), file=sys.stderr)
    return 1


def cmd_probe(url):
    try:
        status, _ = _get(url)
        print("%03d" % status)
    except (OSError, http.client.HTTPException):
        print("000")


# ---------------------------------------------------------------- redis-server (RESP over a socket)

# The harness's own commands, left out of the benchmark's command counts.
HARNESS_COMMANDS = {"info", "flushall", "ping"}
# Redis counts the commands a script runs as well: these are what the Redis store's scripts call (the same list as
# RedisRoundTripsTest), not round trips, in a case that sent scripts (EVALSHA or EVAL).
SCRIPT_CALLS = {"hmget", "hset", "hdel", "pexpireat", "exists"}
SCRIPT_COMMANDS = {"evalsha", "eval"}


def _resp_command(port, *args, timeout=5.0):
    """Sends one command to 127.0.0.1:PORT -> its reply (str, int, list or None); raises OSError on failure."""
    with socket.create_connection(("127.0.0.1", int(port)), timeout=timeout) as s:
        s.sendall(("*%d\r\n" % len(args)).encode() + b"".join(
            b"$%d\r\n%s\r\n" % (len(a.encode()), a.encode()) for a in args))
        f = s.makefile("rb")
        return _resp_read(f)


def _resp_read(f):
    line = f.readline()
    if not line.endswith(b"\r\n"):
        raise OSError("redis-server closed the connection")
    kind, rest = line[:1], line[1:-2].decode()
    if kind == b"+":
        return rest
    if kind == b"-":
        raise OSError("redis-server: " + rest)
    if kind == b":":
        return int(rest)
    if kind == b"$":
        n = int(rest)
        return None if n < 0 else f.read(n + 2)[:-2].decode()
    if kind == b"*":
        n = int(rest)
        return None if n < 0 else [_resp_read(f) for _ in range(n)]
    raise OSError("unexpected reply from redis-server: %r" % line)


def parse_commandstats(info):
    """'cmdstat_hgetall:calls=3,usec=...' lines of INFO commandstats -> {"hgetall": 3}"""
    out = {}
    for line in info.splitlines():
        m = re.match(r"^cmdstat_([^:]+):calls=(\d+)", line)
        if m:
            out[m.group(1).lower()] = int(m.group(2))
    return out


def cmd_redis_wait(port, timeout, pid=None):
    deadline = time.monotonic() + float(timeout)
    pid = int(pid) if pid else None
    while time.monotonic() < deadline:
        if not _alive(pid):
            print("redis-server (pid %s) exited before answering" % pid, file=sys.stderr)
            return 2
        try:
            if _resp_command(port, "PING", timeout=1.0) == "PONG":
                return 0
        except OSError:
            pass
        time.sleep(0.1)
    print("no PONG from redis-server on 127.0.0.1:%s within %ss" % (port, timeout), file=sys.stderr)
    return 1


def cmd_redis_stats(port, flush=None):
    if flush == "flush":
        _resp_command(port, "FLUSHALL", timeout=60.0)
    print(json.dumps(parse_commandstats(_resp_command(port, "INFO", "commandstats")), sort_keys=True))


def cmd_redis_delta(before_path, after_path):
    before, after = _load_json(before_path), _load_json(after_path)
    print(json.dumps({c: n - before.get(c, 0) for c, n in sorted(after.items())
                      if c not in HARNESS_COMMANDS and n - before.get(c, 0) > 0}, sort_keys=True))


# ---------------------------------------------------------------- PostgreSQL (wire protocol v3 over a socket)

# The session store's default tables (quarkus_session_value contains the first name): a statement that names neither
# is not the store's. The harness's own TRUNCATE and its reads of pg_stat_statements are left out.
PG_SESSION_TABLES = ("quarkus_session_value", "quarkus_session")
# What each statement of the PostgreSQL store (SessionStatements) does, by what it contains, first match wins: only a
# cleanup skips locked rows, only a creation inserts a session row (with its created_at), an update of the times that
# also inserts or deletes values is a save, one that changes the key a regenerate, a bare one a touch.
PG_STATEMENT_KINDS = (
    ("schema", re.compile(r"pg_advisory_xact_lock|^(CREATE|DROP|ALTER)\b")),
    ("cleanup", re.compile(r"\bSKIP LOCKED\b")),
    ("create", re.compile(r"\bINSERT INTO \S+ \(session_key, created_at\b")),
    ("update", re.compile(r"^(?=.*\bUPDATE\b)(?=.*\b(INSERT|DELETE)\b)")),
    ("change-key", re.compile(r"\bUPDATE \S+ SET session_key\b")),
    ("touch", re.compile(r"^UPDATE\b")),
    ("delete", re.compile(r"^DELETE\b")),
    ("list", re.compile(r"^SELECT\b.*\bORDER BY\b")),
    ("load", re.compile(r"^SELECT\b")),
)


class PgError(OSError):
    pass


class _Pg:
    """A minimal PostgreSQL client: startup, cleartext/MD5/SCRAM-SHA-256 password, simple queries (text results)."""

    def __init__(self, url, timeout=10.0):
        u = urllib.parse.urlsplit(url)
        if u.scheme not in ("postgresql", "postgres") or u.hostname not in ("127.0.0.1", "localhost"):
            raise SystemExit("bench.py: only postgresql://USER:PASSWORD@127.0.0.1:PORT/DB URLs are allowed: %s" % url)
        self.user = urllib.parse.unquote(u.username or "postgres")
        self.password = urllib.parse.unquote(u.password or "")
        self.database = u.path.lstrip("/") or self.user
        self.sock = socket.create_connection((u.hostname, u.port or 5432), timeout=timeout)
        try:
            self._startup()
        except BaseException:
            self.sock.close()
            raise

    def close(self):
        try:
            self.sock.sendall(b"X\x00\x00\x00\x04")
        except OSError:
            pass
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _send(self, kind, body):
        self.sock.sendall(kind + (len(body) + 4).to_bytes(4, "big") + body)

    def _recv_exact(self, n):
        out = b""
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                raise PgError("PostgreSQL closed the connection")
            out += chunk
        return out

    def _recv(self):
        head = self._recv_exact(5)
        return head[:1], self._recv_exact(int.from_bytes(head[1:], "big") - 4)

    @staticmethod
    def _error(body):
        fields = {}
        for part in body.split(b"\x00"):
            if part:
                fields[part[:1].decode()] = part[1:].decode("utf-8", "replace")
        return PgError("PostgreSQL: %s %s: %s" % (fields.get("S", "ERROR"), fields.get("C", "?"), fields.get("M", "")))

    def _startup(self):
        params = {"user": self.user, "database": self.database, "application_name": "bench.py"}
        body = (196608).to_bytes(4, "big") + b"".join(k.encode() + b"\x00" + v.encode() + b"\x00"
                                                    for k, v in params.items()) + b"\x00"
        self.sock.sendall((len(body) + 4).to_bytes(4, "big") + body)
        scram = None
        while True:
            kind, body = self._recv()
            if kind == b"E":
                raise self._error(body)
            if kind == b"Z":
                return
            if kind != b"R":
                continue            # ParameterStatus, BackendKeyData, notices
            code = int.from_bytes(body[:4], "big")
            if code == 0:
                continue
            if code == 3:
                self._send(b"p", self.password.encode() + b"\x00")
            elif code == 5:
                import hashlib
                inner = hashlib.md5((self.password + self.user).encode()).hexdigest().encode()
                self._send(b"p", b"md5" + hashlib.md5(inner + body[4:8]).hexdigest().encode() + b"\x00")
            elif code == 10:
                if b"SCRAM-SHA-256\x00" not in body[4:]:
                    raise PgError("PostgreSQL offers no SCRAM-SHA-256: %r" % body[4:])
                scram = _Scram(self.password)
                first = scram.client_first().encode()
                self._send(b"p", b"SCRAM-SHA-256\x00" + len(first).to_bytes(4, "big") + first)
            elif code == 11 and scram:
                self._send(b"p", scram.client_final(body[4:].decode()).encode())
            elif code == 12 and scram:
                scram.verify(body[4:].decode())
            else:
                raise PgError("unsupported PostgreSQL authentication request %d" % code)

    def query(self, sql):
        """Runs SQL (one or more statements) -> the rows of the last result, as lists of str or None."""
        self._send(b"Q", sql.encode() + b"\x00")
        rows, error = [], None
        while True:
            kind, body = self._recv()
            if kind == b"T":
                rows = []
            elif kind == b"D":
                n, pos, row = int.from_bytes(body[:2], "big"), 2, []
                for _ in range(n):
                    size = int.from_bytes(body[pos:pos + 4], "big", signed=True)
                    pos += 4
                    if size < 0:
                        row.append(None)
                    else:
                        row.append(body[pos:pos + size].decode("utf-8", "replace"))
                        pos += size
                rows.append(row)
            elif kind == b"E":
                error = self._error(body)
            elif kind == b"Z":
                if error:
                    raise error
                return rows


class _Scram:
    """SCRAM-SHA-256 (RFC 7677) as PostgreSQL speaks it: no channel binding, the user name taken from the startup."""

    def __init__(self, password):
        import base64
        import os
        self.password = password.encode()
        self.nonce = base64.b64encode(os.urandom(18)).decode()
        self.first_bare = "n=,r=" + self.nonce

    def client_first(self):
        return "n,," + self.first_bare

    def client_final(self, server_first):
        import base64
        import hashlib
        import hmac
        attrs = dict(part.split("=", 1) for part in server_first.split(","))
        if not attrs.get("r", "").startswith(self.nonce):
            raise PgError("SCRAM: the server's nonce does not extend ours")
        salted = hashlib.pbkdf2_hmac("sha256", self.password, base64.b64decode(attrs["s"]), int(attrs["i"]))
        client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
        without_proof = "c=biws,r=" + attrs["r"]
        self.auth_message = ",".join((self.first_bare, server_first, without_proof)).encode()
        signature = hmac.new(hashlib.sha256(client_key).digest(), self.auth_message, hashlib.sha256).digest()
        self.server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
        proof = bytes(a ^ b for a, b in zip(client_key, signature))
        return without_proof + ",p=" + base64.b64encode(proof).decode()

    def verify(self, server_final):
        import base64
        import hashlib
        import hmac
        expected = hmac.new(self.server_key, self.auth_message, hashlib.sha256).digest()
        if server_final.strip() != "v=" + base64.b64encode(expected).decode():
            raise PgError("SCRAM: the server's signature does not match")


def _pg_url_with_db(url, database):
    u = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + database, u.query, u.fragment))


def cmd_pg_wait(url, timeout, pid=None):
    """Waits until the server answers a query on its maintenance database, postgres."""
    deadline = time.monotonic() + float(timeout)
    pid = int(pid) if pid else None
    last = "no answer yet"
    while time.monotonic() < deadline:
        if not _alive(pid):
            print("postgres (pid %s) exited before answering" % pid, file=sys.stderr)
            return 2
        try:
            with _Pg(_pg_url_with_db(url, "postgres"), timeout=2.0) as pg:
                pg.query("SELECT 1")
                return 0
        except OSError as e:       # refused while it starts, 57P03 while it recovers
            last = str(e)
        time.sleep(0.1)
    print("no answer from PostgreSQL on %s within %ss (%s)" % (urllib.parse.urlsplit(url).port, timeout, last),
          file=sys.stderr)
    return 1


def cmd_pg_init(url):
    """Creates the URL's database if missing and pg_stat_statements in it; prints the server's version."""
    database = urllib.parse.urlsplit(url).path.lstrip("/")
    if not re.match(r"^[a-z_][a-z0-9_]*$", database):
        raise SystemExit("bench.py: not a plain database name: %r" % database)
    with _Pg(_pg_url_with_db(url, "postgres")) as pg:
        if not pg.query("SELECT 1 FROM pg_database WHERE datname = '%s'" % database):
            pg.query("CREATE DATABASE " + database)
    with _Pg(url) as pg:
        pg.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        print(pg.query("SHOW server_version")[0][0])


def cmd_pg_stats(url, reset=None):
    """Prints {statement text: calls} of the statements on the session tables (pg_stat_statements); with reset, empties
    the session tables and resets the statistics first, so that a run starts on empty tables and counts only its own."""
    with _Pg(url, timeout=60.0) as pg:
        if reset == "reset":
            present = pg.query("SELECT to_regclass('%s') IS NOT NULL AND to_regclass('%s') IS NOT NULL"
                               % PG_SESSION_TABLES)
            if present and present[0][0] == "t":
                pg.query("TRUNCATE %s, %s" % PG_SESSION_TABLES)
            pg.query("SELECT pg_stat_statements_reset()")
        rows = pg.query("SELECT query, calls FROM pg_stat_statements WHERE query LIKE '%%%s%%' AND query NOT LIKE "
                        "'%%pg_stat_statements%%' AND query NOT ILIKE 'TRUNCATE%%'" % PG_SESSION_TABLES[1])
    out = {}
    for query, calls in rows:
        out[query] = out.get(query, 0) + int(calls)
    print(json.dumps(out, sort_keys=True))


def pg_statement_kind(query):
    """-> the store operation a statement's text belongs to (PG_STATEMENT_KINDS), or its first words."""
    q = " ".join(query.split())
    for kind, pattern in PG_STATEMENT_KINDS:
        if pattern.search(q):
            return kind
    return " ".join(q.split()[:3]).lower()


def cmd_pg_delta(before_path, after_path):
    """Statements run between two pg-stats files, by kind, as JSON {kind: calls}."""
    before, after = _load_json(before_path), _load_json(after_path)
    out = {}
    for query, n in after.items():
        d = n - before.get(query, 0)
        if d > 0:
            kind = pg_statement_kind(query)
            out[kind] = out.get(kind, 0) + d
    print(json.dumps(out, sort_keys=True))


def _read_result(wrk_out):
    """-> the BENCH_RESULT of a wrk run with "ok": True, or {"ok": False} when there is none."""
    res = None
    try:
        with open(wrk_out, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("BENCH_RESULT "):
                    try:
                        res = json.loads(line[len("BENCH_RESULT "):])
                    except ValueError:
                        res = None
    except OSError:
        pass
    if res is None:
        return {"ok": False}
    res["ok"] = True
    return res


def cmd_result(wrk_out, meta_json):
    out = json.loads(meta_json)
    out.update(_read_result(wrk_out))
    print(json.dumps(out, sort_keys=True))


# What makes an answer fail, by result field; "rps" counts only the answers that pass (see bench.lua).
FAILURE_FIELDS = (("counter_errors", "counter errors"), ("non2xx", "non-2xx answers"),
                  ("bad_body", "unexpected bodies"), ("no_cookie", "2xx answers without Set-Cookie"),
                  ("err_timeout", "timeouts"), ("err_connect", "connect errors"), ("err_read", "read errors"),
                  ("err_write", "write errors"))
# Comparison endpoints whose failures are the finding, not a broken run: reported, never failing it.
EXPECTED_FAILURES = {
    "vertx-cookie-counter": "Vert.x's CookieSessionStore shares one javax.crypto.Mac between event loops and fails "
                            "under concurrency (see the benchmark page)",
    "vertx-redis-counter": "Vert.x's stock SessionHandler saves to its RedisSessionStore after the response has left, "
                           "so a returning visitor's next request can read the previous counter (see the benchmark "
                           "page)",
}


def run_failures(r):
    """-> the reasons a run's answers failed, [] when every answer was a success."""
    if not r.get("ok"):
        return ["no result from wrk"]
    return ["%d %s" % (int(r.get(k, 0)), label) for k, label in FAILURE_FIELDS if int(r.get(k, 0))]


def _failing_runs(rows):
    """-> (failing, tolerated): lists of (row, reasons) of the runs with failed answers."""
    failing, tolerated = [], []
    for r in rows:
        why = run_failures(r)
        if why:
            (tolerated if r.get("endpoint") in EXPECTED_FAILURES else failing).append((r, why))
    return failing, tolerated


def _run_name(r):
    return "%s c%s round %s%s /bench/%s %s" % (r.get("store"), r.get("connections"), r.get("round"),
                                              " (warmup)" if r.get("warmup") else "", r.get("endpoint"),
                                              r.get("mode"))


def cmd_check(results_path):
    failing, tolerated = _failing_runs(_load_jsonl(results_path))
    for r, why in tolerated:
        print("tolerated (%s): %s: %s" % (EXPECTED_FAILURES[r["endpoint"]], _run_name(r), ", ".join(why)),
              file=sys.stderr)
    for r, why in failing:
        print("FAILED: %s: %s" % (_run_name(r), ", ".join(why)), file=sys.stderr)
    return 1 if failing else 0


def cmd_summary(wrk_out):
    r = _read_result(wrk_out)
    why = run_failures(r)
    if why:
        print("bench.py: %s: %s" % (wrk_out, ", ".join(why)), file=sys.stderr)
        return 1
    print("%.0f" % r["rps"])
    return 0


def cmd_create_sessions(url, count):
    count = int(count)
    host, port, path = _split(url)
    created = failed = 0
    conn = None
    t0 = time.monotonic()
    for _ in range(count):
        for attempt in range(3):          # bounded reconnects
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(host, port, timeout=10)
                conn.request("GET", path)   # never sends a Cookie header
                r = conn.getresponse()
                body = r.read()
                if 200 <= r.status < 300 and r.getheader("Set-Cookie") and body.strip() == b"1":
                    created += 1
                else:
                    failed += 1
                if (r.getheader("Connection") or "").lower() == "close":
                    conn.close()
                    conn = None
                break
            except (OSError, http.client.HTTPException):
                if conn is not None:
                    conn.close()
                conn = None
                if attempt == 2:
                    failed += 1
    if conn is not None:
        conn.close()
    print(json.dumps({"created": created, "failed": failed,
                      "seconds": round(time.monotonic() - t0, 2)}))


HISTO_ROW = re.compile(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)")
HISTO_TOTAL = re.compile(r"^Total\s+(\d+)\s+(\d+)")


def parse_histo(path):
    classes, total = {}, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = HISTO_ROW.match(line)
            if m:
                inst, nbytes, name = int(m.group(1)), int(m.group(2)), m.group(3)
                prev = classes.get(name, (0, 0))
                classes[name] = (prev[0] + inst, prev[1] + nbytes)
                continue
            m = HISTO_TOTAL.match(line)
            if m:
                total = (int(m.group(1)), int(m.group(2)))
    if total is None:
        raise SystemExit("bench.py: no 'Total' line in class histogram %s" % path)
    return {"instances": total[0], "bytes": total[1], "classes": classes}


def cmd_histo(path):
    h = parse_histo(path)
    print(json.dumps({"instances": h["instances"], "bytes": h["bytes"],
                      "classes": {k: list(v) for k, v in h["classes"].items()}}))


def cmd_stats(url):
    status, body = _get(url, timeout=60)
    if status != 200:
        raise SystemExit("bench.py: %s answered %d" % (url, status))
    data = json.loads(body.decode("utf-8"))
    if not isinstance(data.get("heapUsedBytes"), int):
        raise SystemExit("bench.py: %s: no integer heapUsedBytes in %r" % (url, data))
    print(json.dumps(data))


# ---------------------------------------------------------------- report

def _fmt_rps(v):
    return "n/a" if v is None else "{:,.0f}".format(v)


def _fmt_ms(us):
    return "n/a" if us is None else "%.2f ms" % (us / 1000.0)


def _fmt_bytes(b):
    if b is None:
        return "n/a"
    if abs(b) >= 10 * 1024 * 1024:
        return "%.1f MiB" % (b / 1024.0 / 1024.0)
    if abs(b) >= 10 * 1024:
        return "%.1f KiB" % (b / 1024.0)
    return "%d B" % b


def _load_jsonl(path):
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    try:
                        rows.append(json.loads(line))
                    except ValueError:
                        pass
    except OSError:
        pass
    return rows


def _load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def summarize(rows):
    """-> {(endpoint, mode): summary dict}"""
    groups = {}
    for r in rows:
        groups.setdefault((r.get("endpoint"), r.get("mode")), []).append(r)
    out = {}
    for key, rs in groups.items():
        measured = [r for r in rs if r.get("ok") and not r.get("warmup")]
        rps = [r["rps"] for r in measured]
        p99 = [r["lat_p99_us"] for r in measured]
        s = {
            "rounds": len(measured),
            "failed_runs": sum(1 for r in rs if not r.get("ok")),
            "rps": statistics.median(rps) if rps else None,
            "rps_min": min(rps) if rps else None,
            "rps_max": max(rps) if rps else None,
            "p99": statistics.median(p99) if p99 else None,
            "p99_max": max(p99) if p99 else None,
        }
        ok_all = [r for r in rs if r.get("ok")]          # correctness: warmup included
        for k in ("counter_errors", "resets", "bad_body", "no_cookie", "non2xx", "cookie_changes",
                  "err_connect", "err_read", "err_write", "err_timeout", "requests"):
            s[k] = sum(int(r.get(k, 0)) for r in ok_all)
        s["fail_streak_max"] = max([int(r.get("fail_streak_max", 0)) for r in ok_all] or [0])
        s["ended_failing_max"] = max([int(r.get("ended_failing", 0)) for r in ok_all] or [0])
        s["runs_ended_failing"] = sum(1 for r in ok_all if int(r.get("ended_failing", 0)) > 0)
        s["runs"] = len(ok_all)
        other = [r["cpu_other_share"] for r in measured if "cpu_other_share" in r]
        s["other_cpu_max"] = max(other) if other else None
        # CPU per request of the app and of wrk: the throughput ratio counts both, as they share the machine's CPUs.
        app_us = [1e6 * r["cpu_app_s"] / r["requests"] for r in measured if r.get("cpu_app_s") and r.get("requests")]
        wrk_us = [1e6 * r["cpu_wrk_s"] / r["requests"] for r in measured if r.get("cpu_wrk_s") and r.get("requests")]
        s["app_us"] = statistics.median(app_us) if app_us else None
        s["wrk_us"] = statistics.median(wrk_us) if wrk_us else None
        gmax = [r["gc_max_ms"] for r in measured if "gc_max_ms" in r]
        gtot = [r["gc_total_ms"] for r in measured if "gc_total_ms" in r]
        s["gc_max_ms"] = max(gmax) if gmax else None
        s["gc_total_ms_max"] = max(gtot) if gtot else None
        out[key] = s
    return out


LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) (ERROR|WARN)\s+\[([^\]]*)\] \([^)]*\) (.*)$")
EVICTION = re.compile(r"reached quarkus\.session\.memory\.max-sessions=(\d+) and evicted the (-?\d+)")


def cmd_log_stats(log_path, meta_json):
    """Count the ERROR / WARN lines of an app log, grouped by message (IDs and numbers blanked)."""
    out = json.loads(meta_json)
    groups = {}
    errors = warnings = tampered = 0
    evictions, negative, same_ms, first_eviction, max_sessions = 0, 0, 0, None, None
    eviction_stamps = []
    try:
        with open(log_path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = LOG_LINE.match(line)
                if not m:
                    continue
                level, cat, msg = m.group(3), m.group(4), m.group(5)
                if level == "ERROR":
                    errors += 1
                    if "Tampered" in msg:
                        tampered += 1
                else:
                    warnings += 1
                e = EVICTION.search(msg)
                if e:
                    evictions += 1
                    max_sessions = int(e.group(1))
                    if int(e.group(2)) < 0:
                        negative += 1
                    eviction_stamps.append(time.mktime(time.strptime(m.group(1), "%Y-%m-%d %H:%M:%S"))
                                        + int(m.group(2)) / 1000.0)
                    if first_eviction is None:
                        first_eviction = time.mktime(time.strptime(m.group(1), "%Y-%m-%d %H:%M:%S")) \
                            + int(m.group(2)) / 1000.0
                key = re.sub(r"error id: [^:\s]+", "error id: <id>", msg)
                key = re.sub(r"\d+", "N", key)[:200]
                g = groups.setdefault((level, cat, key), 0)
                groups[(level, cat, key)] = g + 1
    except OSError as ex:
        out["log_error"] = str(ex)
    stamps = sorted(eviction_stamps)
    same_ms = sum(1 for a, b in zip(stamps, stamps[1:]) if b - a < 1.0)   # second and later of a burst
    top = sorted(groups.items(), key=lambda kv: -kv[1])[:6]
    out["log"] = {"errors": errors, "warnings": warnings, "tampered": tampered,
                  "eviction_warnings": evictions, "eviction_negative": negative,
                  "eviction_same_ms": same_ms,
                  "first_eviction": first_eviction, "max_sessions": max_sessions,
                  "top": [{"level": k[0], "category": k[1], "message": k[2], "count": v} for k, v in top]}
    print(json.dumps(out, sort_keys=True))


BASELINES = {
    "counter": ["plain"],
    "counter-nb": ["plain-nb"],
    "route-counter": ["vertx-plain", "plain-nb"],
    "vertx-counter": ["vertx-plain", "plain-nb"],
    "vertx-cookie-counter": ["vertx-plain", "plain-nb"],
    "vertx-redis-counter": ["vertx-plain", "plain-nb"],
    "vertx-redis-flush-counter": ["vertx-plain", "plain-nb"],
}
# The same no-session endpoint in the baseline app, which has no extension (noext-X is its /bench/X).
WITHOUT_EXTENSION = {"plain": "noext-plain", "plain-nb": "noext-plain-nb", "vertx-plain": "noext-vertx-plain"}
ORDER = ["plain", "plain-nb", "vertx-plain", "noext-plain", "noext-plain-nb", "noext-vertx-plain", "counter", "counter-nb", "route-counter", "vertx-counter",
         "vertx-cookie-counter", "vertx-redis-counter", "vertx-redis-flush-counter"]
GC_PAUSE = re.compile(r"^\[([^\]]+)\].*GC\(\d+\) (Pause [A-Za-z]+).* ([\d.]+)ms\s*$")


def parse_gc_log(path):
    """-> [(epoch seconds at the end of the pause, pause ms, kind)] from a -Xlog:gc:file=...:time log."""
    import datetime
    out = []
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = GC_PAUSE.match(line)
                if not m:
                    continue
                try:
                    t = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
                except ValueError:
                    continue
                out.append((t, float(m.group(3)), m.group(2)))
    except OSError:
        pass
    return out


def add_gc(rows, pauses):
    """Adds gc_max_ms / gc_total_ms / gc_count to each row from the pauses inside its run."""
    if not pauses:
        return
    for r in rows:
        t0 = r.get("started")
        if not t0:
            continue
        t1 = t0 + float(r.get("duration_s", 0)) + 0.5
        inside = [ms for t, ms, _ in pauses if t0 <= t <= t1]
        r["gc_count"] = len(inside)
        r["gc_max_ms"] = max(inside) if inside else 0.0
        r["gc_total_ms"] = sum(inside)


def _fmt_us(us):
    return "n/a" if us is None else "%.1f µs" % us


def _ratios(parts):
    """'0.93× plain-nb; 1.02× vertx-plain' from (baseline, numerator, denominator) triples; n/a where one is missing."""
    return "; ".join("%.2f× %s" % (num / den, b) if num is not None and den else "n/a (%s)" % b
                     for b, num, den in parts)


def _table(L, rows, missing, store):
    """One throughput table (one store, one connection count); returns its notes."""
    summ = summarize(rows)
    L.append("| endpoint | visitors | req/s | spread | p99 | req/s vs baseline | p99 vs baseline "
             "| app CPU/req | app CPU vs baseline | wrk CPU/req | counter errors | non-2xx | rounds |")
    L.append("|---|---|---:|---:|---:|---|---|---:|---|---:|---:|---:|---:|")
    notes = []
    present = {ep for ep, _ in summ}
    for ep in ORDER:
        if ep not in present and ep not in missing:
            continue
        modes = ["plain"] if ep not in BASELINES else ["returning", "new"]
        for mode in modes:
            s = summ.get((ep, mode))
            label = "/bench/" + ep
            if ep.startswith("noext-"):
                label = "/bench/%s, app without the extension" % ep[len("noext-"):]
            visitors = "-" if mode == "plain" else mode
            if s is None:
                L.append("| %s | %s | %s | | | | | | | | | | 0 |" % (
                    label, visitors, "skipped (endpoint missing)" if ep in missing else "not run"))
                continue
            spread = "n/a"
            if s["rps"]:
                spread = "%.1f%%" % (100.0 * (s["rps_max"] - s["rps_min"]) / s["rps"])
            if ep in WITHOUT_EXTENSION and summ.get((WITHOUT_EXTENSION[ep], "plain")):
                bs = summ[(WITHOUT_EXTENSION[ep], "plain")]
                b = "without the extension"
                ratio_rps = _ratios([(b, s["rps"], bs.get("rps"))])
                ratio_p99 = _ratios([(b, s["p99"], bs.get("p99"))])
                ratio_cpu = _ratios([(b, bs.get("app_us"), s.get("app_us"))])
            elif mode == "plain":
                ratio_rps = ratio_p99 = ratio_cpu = "baseline"
            else:
                bases = [(b, summ.get((b, "plain")) or {}) for b in BASELINES[ep]]
                ratio_rps = _ratios([(b, s["rps"], bs.get("rps")) for b, bs in bases])
                ratio_p99 = _ratios([(b, s["p99"], bs.get("p99")) for b, bs in bases])
                # Inverted, like req/s: below 1 means the session endpoint costs the app more per request.
                ratio_cpu = _ratios([(b, bs.get("app_us"), s.get("app_us")) for b, bs in bases])
            if mode == "plain":
                cerr = s["bad_body"]
            elif mode == "new":
                cerr = s["bad_body"] + s["no_cookie"]
            else:
                cerr = s["counter_errors"] + s["bad_body"]
            L.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %d | %d |" % (
                label, visitors, _fmt_rps(s["rps"]), spread, _fmt_ms(s["p99"]), ratio_rps, ratio_p99,
                _fmt_us(s.get("app_us")), ratio_cpu, _fmt_us(s.get("wrk_us")), cerr, s["non2xx"], s["rounds"]))
            detail = []
            if s["non2xx"] and s["requests"]:
                detail.append("non-2xx: %d of %d requests (%.1f%%), all rounds" % (
                    s["non2xx"], s["requests"], 100.0 * s["non2xx"] / s["requests"]))
                detail.append("longest run of consecutive non-2xx on one connection: %d" % s["fail_streak_max"])
                if s["runs_ended_failing"]:
                    detail.append("in %d of %d wrk runs up to %d connection(s) ended on a non-2xx answer "
                                  "(a session the server no longer accepts)" % (
                                      s["runs_ended_failing"], s["runs"], s["ended_failing_max"]))
            if s["resets"]:
                detail.append("%d of the counter errors fell back to 1 (session lost, or its first write lost)"
                              % s["resets"])
            # cookie stores re-send the whole session in a new cookie on every write: no news there
            if s["cookie_changes"] and mode == "returning" and store != "cookie":
                detail.append("%d session-cookie changes mid-connection" % s["cookie_changes"])
            if s["bad_body"]:
                detail.append("%d unexpected bodies (%s)" % (
                    s["bad_body"], {"plain": "not 'ok'", "new": "not '1'", "returning": "not an integer"}[mode]))
            if mode == "new" and s["no_cookie"]:
                detail.append("%d responses without Set-Cookie" % s["no_cookie"])
            sock = s["err_connect"] + s["err_read"] + s["err_write"]
            if sock:
                detail.append("%d socket errors" % sock)
            if s["err_timeout"]:
                detail.append("%d timeouts" % s["err_timeout"])
            if mode == "returning" and (sock or s["err_timeout"]):
                detail.append("a request that timed out or failed on the socket may have incremented the "
                              "counter unseen, so each can also show up as one counter error")
            if s["p99"] and s["p99_max"] and s["p99_max"] > 3 * s["p99"]:
                detail.append("p99 spike: one round had p99 %s (median %s)" % (_fmt_ms(s["p99_max"]),
                                                                           _fmt_ms(s["p99"])))
            if s["gc_max_ms"] is not None and s["gc_max_ms"] >= 20:
                detail.append("GC pauses inside its measured runs: up to %.0f ms (%.0f ms in total in the "
                              "worst run)" % (s["gc_max_ms"], s["gc_total_ms_max"]))
            if s["other_cpu_max"] is not None and s["other_cpu_max"] > 0.15:
                detail.append("other processes took up to %.0f%% of the CPUs during one of its measured runs"
                              % (100 * s["other_cpu_max"]))
            if s["failed_runs"]:
                detail.append("%d wrk run(s) without a result" % s["failed_runs"])
            if detail:
                notes.append("- %s (%s): %s" % (label, visitors, "; ".join(detail)))
    return notes


def _redis_table(L, rows):
    """Redis commands per request of each case (INFO commandstats before and after each run), measured rounds."""
    cases = {}
    for r in rows:
        if r.get("ok") and not r.get("warmup") and "redis_calls" in r and r.get("requests"):
            c = cases.setdefault((r["endpoint"], r["mode"]), {"requests": 0, "calls": {}, "redis_us": []})
            c["requests"] += int(r["requests"])
            for cmd, n in r["redis_calls"].items():
                c["calls"][cmd] = c["calls"].get(cmd, 0) + int(n)
            if "cpu_redis_s" in r:
                c["redis_us"].append(1e6 * r["cpu_redis_s"] / r["requests"])
    if not any(c["calls"] for c in cases.values()):
        return
    L.append("Redis commands per request (INFO commandstats before and after each measured run, summed over the "
             "rounds, over the requests wrk completed; the harness's FLUSHALL, INFO and PING left out) and "
             "redis-server's CPU time per request (median run). Redis counts the commands its scripts run too: "
             "sent/req leaves out, where scripts were sent, what the Redis store's scripts call (%s)." % (
                 ", ".join(sorted(SCRIPT_CALLS))))
    L.append("")
    L.append("| endpoint | visitors | sent/req | commands/req | by command | redis CPU/req |")
    L.append("|---|---|---:|---:|---|---:|")
    for ep in ORDER:
        for mode in ("returning", "new"):
            c = cases.get((ep, mode))
            if not c or not c["calls"]:
                continue
            per = sorted(((n / c["requests"], cmd) for cmd, n in c["calls"].items()), reverse=True)
            scripted = any(cmd in SCRIPT_COMMANDS for cmd in c["calls"])
            sent = sum(x for x, cmd in per if not (scripted and cmd in SCRIPT_CALLS))
            L.append("| /bench/%s | %s | %.2f | %.2f | %s | %s |" % (
                ep, mode, sent, sum(x for x, _ in per),
                ", ".join("%s %.2f" % (cmd, x) for x, cmd in per if x >= 0.005),
                _fmt_us(statistics.median(c["redis_us"]) if c["redis_us"] else None)))
    L.append("")


# What the PostgreSQL store's documentation says each request costs (postgresql.adoc, "What each request costs"):
# a returning visitor's counter is read (load) and changed (update), a new visitor's session is created. The first
# request of each returning visitor's connection has no cookie yet, so it creates its session instead.
PG_DOCUMENTED = {"returning": {"load": 1, "update": 1}, "new": {"create": 1}}


def _pg_expected(mode, c):
    """-> {kind: statements per request} the documentation gives for a case (see PG_DOCUMENTED)."""
    if mode != "returning":
        return dict(PG_DOCUMENTED[mode])
    first = c["starts"] / float(c["requests"])
    return {"load": 1 - first, "update": 1 - first, "create": first}


def _pg_cases(rows):
    cases = {}
    for r in rows:
        if r.get("ok") and not r.get("warmup") and "pg_calls" in r and r.get("requests"):
            c = cases.setdefault((r["endpoint"], r["mode"]), {"requests": 0, "calls": {}, "pg_us": [], "starts": 0})
            c["requests"] += int(r["requests"])
            c["starts"] += int(r.get("connections", 0))     # each connection's first request carries no cookie
            for kind, n in r["pg_calls"].items():
                c["calls"][kind] = c["calls"].get(kind, 0) + int(n)
            if "cpu_postgres_s" in r:
                c["pg_us"].append(1e6 * r["cpu_postgres_s"] / r["requests"])
    return cases


def _pg_table(L, rows):
    """PostgreSQL statements per request of each case (pg_stat_statements reset before each run, read after)."""
    cases = _pg_cases(rows)
    if not cases:
        return
    L.append("PostgreSQL statements per request (pg_stat_statements reset before each measured run and read after it: "
             "the calls of the statements on the session tables, summed over the rounds, over the requests wrk "
             "completed; the harness's TRUNCATE and reads left out), by the store operation they belong to (%s), and "
             "the CPU time of all PostgreSQL processes per request (median run)." % (
                 ", ".join(kind for kind, _ in PG_STATEMENT_KINDS)))
    L.append("")
    L.append("| endpoint | visitors | statements/req | by statement | postgres CPU/req |")
    L.append("|---|---|---:|---|---:|")
    for ep in ORDER:
        if ep.startswith("noext-"):
            continue            # the app without the extension has no datasource
        for mode in ("plain", "returning", "new"):
            c = cases.get((ep, mode))
            if not c:
                continue
            per = sorted(((n / c["requests"], kind) for kind, n in c["calls"].items()), key=lambda t: (-t[0], t[1]))
            L.append("| /bench/%s | %s | %.2f | %s | %s |" % (
                ep, "-" if mode == "plain" else mode, sum(x for x, _ in per),
                ", ".join("%s %.2f" % (kind, x) for x, kind in per if x >= 0.005) or "none",
                _fmt_us(statistics.median(c["pg_us"]) if c["pg_us"] else None)))
    L.append("")


def _pg_checks(L, rows):
    """The PostgreSQL store's own checks: no lost update, and the statements its documentation promises."""
    summ, cases = summarize(rows), _pg_cases(rows)
    L.append("Checks of the PostgreSQL store (PostgreSQL on the same machine):")
    L.append("")
    eps = [ep for ep in ("counter", "counter-nb", "route-counter") if (ep, "returning") in summ]
    if eps:
        lost = sum(summ[(ep, "returning")]["counter_errors"] for ep in eps)
        failed = sum(summ[(ep, mode)][k] for ep in eps for mode in ("returning", "new") if (ep, mode) in summ
                     for k in ("non2xx", "bad_body", "no_cookie", "err_timeout", "err_connect", "err_read",
                               "err_write"))
        L.append("- %s: zero lost updates and zero failed answers: %d counter errors, %d other failed answers on %s, "
                 "warmup included" % ("met" if lost == 0 and failed == 0 else "**NOT met**", lost, failed,
                                      ", ".join("/bench/" + ep for ep in eps)))
    for mode, documented in PG_DOCUMENTED.items():
        seen = []
        for ep in ("counter", "counter-nb", "route-counter"):
            c = cases.get((ep, mode))
            if c:
                per = {kind: n / c["requests"] for kind, n in c["calls"].items()}
                expected = _pg_expected(mode, c)
                # the cleanup's batch once a minute is no statement of a request
                ok = all(abs(per.get(k, 0) - v) < 0.01 for k, v in expected.items()) and \
                    all(k in expected or k == "cleanup" or x < 0.01 for k, x in per.items())
                seen.append((ok, "/bench/%s %s" % (ep, ", ".join("%s %.2f" % (k, x) for k, x in sorted(per.items())
                                                                  if x >= 0.005) or "none")))
        if seen:
            L.append("- %s: %s visitors' statements as documented (%s%s): %s" % (
                "met" if all(ok for ok, _ in seen) else "**NOT met**", mode,
                ", ".join("%s %d" % kv for kv in documented.items()),
                "; create instead for the first request of each connection" if mode == "returning" else "",
                "; ".join(text for _, text in seen)))
    L.append("")


def _redis_targets(L, rows, connections):
    """The Redis store's targets (issue 19): returning visitors, event-loop endpoint, Redis on the same machine."""
    summ = summarize(rows)

    def get(ep, mode, key):
        return (summ.get((ep, mode)) or {}).get(key)

    def verdict(ok, text):
        return "- %s: %s" % ("met" if ok else "**NOT met**", text)

    L.append("Targets of the Redis store (returning visitors on /bench/counter-nb, Redis on the same machine%s):"
             % ("" if connections == 8 else "; stated for 8 connections, measured here at %s" % connections))
    L.append("")
    lost = get("counter-nb", "returning", "counter_errors")
    if lost is not None:
        others = ", ".join("/bench/%s %d" % (ep, get(ep, "returning", "counter_errors"))
                           for ep in ("counter", "route-counter", "vertx-redis-flush-counter", "vertx-redis-counter")
                           if get(ep, "returning", "counter_errors") is not None)
        L.append(verdict(lost == 0, "zero lost updates: %d counter errors in %d runs, warmup included (%s)" % (
            lost, get("counter-nb", "returning", "runs"), others or "no other endpoint measured")))
    ours, theirs = get("counter-nb", "returning", "rps"), get("vertx-redis-flush-counter", "returning", "rps")
    if ours and theirs:
        extra = []
        route = get("route-counter", "returning", "rps")
        if route:
            extra.append("/bench/route-counter on a Vert.x route: %.2f×" % (route / theirs))
        base = get("plain-nb", "plain", "rps")
        if base:
            extra.append("Vert.x's store with awaited flush reached %.2f of /bench/plain-nb, Quarkus Session %.2f"
                         % (theirs / base, ours / base))
        L.append(verdict(ours / theirs >= 1.5, "throughput at least 1.5× (aim 2.5×) Vert.x's RedisSessionStore with "
                         "awaited flush: %.2f× (%s vs %s req/s, medians)%s" % (
                             ours / theirs, _fmt_rps(ours), _fmt_rps(theirs),
                             "; " + "; ".join(extra) if extra else "")))
    p99, base_p99 = get("counter-nb", "new", "p99"), get("plain-nb", "plain", "p99")
    if p99 and base_p99:
        L.append(verdict(p99 / base_p99 <= 3, "new-visitor p99 at most 3× the no-session endpoint's: %.2f× (%s vs "
                         "%s on /bench/plain-nb, medians)" % (p99 / base_p99, _fmt_ms(p99), _fmt_ms(base_p99))))
    other = sorted(r["cpu_other_share"] for r in rows
                   if r.get("ok") and not r.get("warmup") and "cpu_other_share" in r)
    if other and statistics.median(other) > 0.10:
        L.append("- provisional: other processes took %.0f%% of the CPUs in the median run" % (
            100 * statistics.median(other)))
    L.append("")


def report(results_path, heap_path, meta_path):
    meta = _load_json(meta_path)
    heap = _load_json(heap_path)
    rows = _load_jsonl(results_path)
    L = []
    L.append("## Quarkus Session benchmark")
    L.append("")
    for k in ("date", "git", "jar", "java", "jvm_opts", "wrk", "cpus", "memory", "kernel", "load_at_end",
              "duration_s", "warmup_s", "rounds", "session_timeout_s", "pinned"):
        if k in meta:
            L.append("- %s: `%s`" % (k, meta[k]))
    L.append("")
    L.append("req/s count successful answers only: 2xx with the expected body (and Set-Cookie for new visitors, "
             "the next counter value for returning ones).")
    failing, tolerated = _failing_runs(rows)
    L.append("")
    if failing:
        L.append("**FAILED: %d wrk run(s) had failed answers** (the benchmark exits non-zero):" % len(failing))
        L.append("")
        L.extend("- %s: %s" % (_run_name(r), ", ".join(why)) for r, why in failing)
    else:
        L.append("Every answer of every run was a success%s." % (
            " (apart from the comparison endpoints below)" if tolerated else ""))
    for ep in sorted({r["endpoint"] for r, _ in tolerated}):
        n = sum(1 for r, _ in tolerated if r["endpoint"] == ep)
        L.append("")
        L.append("/bench/%s had failed answers in %d run(s), tolerated: %s." % (ep, n, EXPECTED_FAILURES[ep]))
    stores = meta.get("stores") or []
    if not stores:      # results of an older run: one section
        stores = [{"store": None, "connections": sorted({r.get("connections") for r in rows}, key=str)}]
    for st in stores:
        name = st.get("store")
        srows = [r for r in rows if r.get("store") == name]
        if st.get("gc_log"):
            add_gc([r for r in srows if not str(r.get("endpoint")).startswith("noext-")], parse_gc_log(st["gc_log"]))
        if st.get("baseline_gc_log"):
            add_gc([r for r in srows if str(r.get("endpoint")).startswith("noext-")],
                   parse_gc_log(st["baseline_gc_log"]))
        L.append("")
        L.append("### %s" % ("%s store" % name if name else "Throughput"))
        L.append("")
        if st.get("jvm_args"):
            L.append("App started with `%s`." % st["jvm_args"])
            L.append("")
        if st.get("app_died"):
            L.append("**The app died during these runs**; results are partial.")
            L.append("")
        missing = (st.get("missing_endpoints") or "").split()
        for n in st.get("connections") or []:
            crows = [r for r in srows if r.get("connections") == n]
            L.append("#### %s connection(s) = %s wrk thread(s), loopback" % (n, n))
            L.append("")
            L.append("Medians over the measured rounds (warmup excluded). spread = (max-min)/median of req/s. "
                     "Ratios = median of the endpoint / median of its baseline from the same app run and "
                     "connection count. Errors are summed over all rounds, warmup included. "
                     "app CPU/req and wrk CPU/req: CPU time of the app and of wrk divided by the requests served "
                     "(median run); app CPU vs baseline = baseline's app CPU/req / the endpoint's, so below 1 means "
                     "the session costs the app that much more per request, whatever wrk's own share of the CPUs.")
            L.append("")
            measured = [r for r in crows if r.get("ok") and not r.get("warmup")]
            other = sorted(r["cpu_other_share"] for r in measured if "cpu_other_share" in r)
            loads = sorted(r["load1_after"] for r in measured if "load1_after" in r)
            if other:
                L.append("Machine during the measured runs: other processes (neither the app nor wrk) took "
                         "%.0f%% of the CPUs in the median run, %.0f%% at most; 1-minute load average after "
                         "each run: median %.2f, max %.2f (it counts the app and wrk too)." % (
                             100 * statistics.median(other), 100 * other[-1],
                             statistics.median(loads) if loads else float("nan"),
                             loads[-1] if loads else float("nan")))
                L.append("")
            summ = summarize(crows)
            untouched = [(ep, summ[(ep, "plain")]["rps"], summ[(base, "plain")]["rps"])
                         for ep, base in WITHOUT_EXTENSION.items()
                         if summ.get((ep, "plain")) and summ.get((base, "plain"))]
            if untouched:
                L.append("Requests that never use a session, with the extension against the same endpoints in an app "
                         "without it (medians of req/s, same rounds): %s." % _ratios(untouched))
                L.append("")
            notes = _table(L, crows, missing, name)
            if notes:
                L.append("")
                L.append("Notes:")
                L.extend(notes)
            L.append("")
            _redis_table(L, crows)
            if name == "redis":
                _redis_targets(L, crows, n)
            _pg_table(L, crows)
            if name == "postgresql":
                _pg_checks(L, crows)
        lg = st.get("log") or {}
        if lg:
            L.append("App log: %d ERROR and %d WARN lines%s." % (
                lg.get("errors", 0), lg.get("warnings", 0),
                ("; %d of the errors are Vert.x's \"Session data was Tampered!\"" % lg["tampered"])
                if lg.get("tampered") else ""))
            if lg.get("eviction_warnings"):
                first_new = [r.get("started") for r in srows
                             if r.get("mode") == "new" and r.get("started")
                             and r.get("endpoint") in ("counter", "counter-nb", "route-counter")]
                after = ""
                if first_new and lg.get("first_eviction"):
                    after = ", the first %.1f s after the start of the first new-visitor run" % (
                        lg["first_eviction"] - min(first_new))
                L.append("")
                L.append("Memory store at its limit: %d eviction warnings (max-sessions=%s)%s. New-visitor runs "
                         "create a session per request, so they reach the default limit within seconds and then "
                         "run with eviction." % (lg["eviction_warnings"], lg.get("max_sessions"), after))
                odd = []
                if lg.get("eviction_same_ms"):
                    odd.append("%d logged less than a second after another one" % lg["eviction_same_ms"])
                if lg.get("eviction_negative"):
                    odd.append("%d with a negative count of evicted sessions" % lg["eviction_negative"])
                if odd:
                    L.append("Eviction warnings meant to come at most once a minute: %s (a race in the "
                             "warning's bookkeeping, not in the eviction)." % "; ".join(odd))
            tops = [t for t in lg.get("top", []) if "max-sessions" not in t.get("message", "")]
            if tops:
                L.append("")
                L.append("| level | logger | message (numbers as N) | lines |")
                L.append("|---|---|---|---:|")
                for t in tops:
                    L.append("| %s | `%s` | %s | %d |" % (t["level"], t["category"],
                                                         t["message"].replace("|", "\\|"), t["count"]))
            L.append("")
        if st.get("fs_files", -1) >= 0:
            L.append("Session files left in the filesystem store's directory at the end (then deleted): %d."
                     % st["fs_files"])
            L.append("")
    L.append("### Heap per session")
    L.append("")
    kinds = heap.get("kinds", []) if isinstance(heap, dict) else []
    if heap.get("skipped"):
        L.append("skipped: %s" % heap.get("skipped"))
    elif not kinds:
        L.append("not measured (%s)" % heap.get("error", "no data"))
    else:
        L.append("Fresh JVM (`%s`), %s; N new-visitor sessions created one by one, live heap measured "
                 "before and after." % (heap.get("jvm_opts", "?"), heap.get("method", "?")))
        L.append("")
        L.append("| sessions of | N created | failed | live heap before | live heap after | bytes/session |")
        L.append("|---|---:|---:|---:|---:|---:|")
        for k in kinds:
            bps = k.get("bytes_per_session")
            L.append("| %s | %s | %s | %s | %s | %s |" % (
                k.get("endpoint"), k.get("created", "n/a"), k.get("failed", "n/a"),
                _fmt_bytes(k.get("before")), _fmt_bytes(k.get("after")),
                "n/a" if bps is None else "%.0f" % bps))
        for k in kinds:
            top = k.get("top_classes") or []
            if top:
                L.append("")
                L.append("Largest per-session class deltas for %s:" % k.get("endpoint"))
                L.append("")
                L.append("| class | instances/session | bytes/session |")
                L.append("|---|---:|---:|")
                for c in top:
                    L.append("| `%s` | %.2f | %.1f |" % (c["class"], c["instances_per_session"],
                                                         c["bytes_per_session"]))
        errs = [k for k in kinds if k.get("error")]
        for k in errs:
            L.append("")
            L.append("- %s: %s" % (k.get("endpoint"), k["error"]))
    print("\n".join(L))


def cmd_heap_kind(endpoint, before_path, after_path, created_json, top="8"):
    """Combine two histograms (jcmd) or two stats JSONs into one heap.kinds entry."""
    created = json.loads(created_json)
    n = created.get("created", 0)
    entry = {"endpoint": endpoint, "created": n, "failed": created.get("failed", 0)}
    b = _load_json(before_path) if before_path.endswith(".json") else parse_histo(before_path)
    a = _load_json(after_path) if after_path.endswith(".json") else parse_histo(after_path)
    before = b.get("bytes", b.get("heapUsedBytes"))
    after = a.get("bytes", a.get("heapUsedBytes"))
    entry["before"], entry["after"] = before, after
    if n > 0 and before is not None and after is not None:
        entry["bytes_per_session"] = (after - before) / float(n)
        if "classes" in a and "classes" in b:
            deltas = []
            for name, (ai, ab) in a["classes"].items():
                bi, bb = b["classes"].get(name, (0, 0))
                if ab - bb > 0:
                    deltas.append((ab - bb, ai - bi, name))
            deltas.sort(reverse=True)
            entry["top_classes"] = [{"class": name, "bytes_per_session": db / float(n),
                                     "instances_per_session": di / float(n)}
                                    for db, di, name in deltas[:int(top)]
                                    if db / float(n) >= 1.0]
    else:
        entry["bytes_per_session"] = None
        entry["error"] = "no sessions created" if n == 0 else "no heap numbers"
    print(json.dumps(entry))


def cmd_heap_json(method, jvm_opts, kinds_jsonl, note=""):
    kinds = _load_jsonl(kinds_jsonl)
    out = {"method": method, "jvm_opts": jvm_opts, "kinds": kinds}
    if note:
        out["skipped" if note.startswith("skipped:") else "error"] = note.split(":", 1)[-1].strip()
    print(json.dumps(out))


def cmd_paired(*results_paths):
    """Pairs runs of one round: the machine's state drifts less within a round than across a whole run."""
    by_round = {}
    for n, path in enumerate(results_paths):
        for r in _load_jsonl(path):
            if r.get("warmup") or not r.get("ok", True):
                continue
            by_round.setdefault((r["store"], r["connections"], n, r["round"]), {})[(r["endpoint"], r["mode"])] = r["rps"]
    comparisons = [(ep, mode, base, "plain") for ep, bases in BASELINES.items() for mode in ("returning", "new")
                   for base in bases]
    comparisons += [("route-counter", mode, "vertx-counter", mode) for mode in ("returning", "new")]
    comparisons += [(ep, mode, "vertx-redis-flush-counter", mode) for ep in ("counter-nb", "route-counter")
                    for mode in ("returning", "new")]
    comparisons += [(ep, "plain", base, "plain") for ep, base in WITHOUT_EXTENSION.items()]
    print("store | conns | endpoint | visitors | vs | per-round ratios | median")
    for store, conns in sorted({(k[0], k[1]) for k in by_round}):
        rounds = [v for k, v in sorted(by_round.items()) if k[0] == store and k[1] == conns]
        for ep, mode, base, base_mode in comparisons:
            ratios = [r[(ep, mode)] / r[(base, base_mode)] for r in rounds
                      if (ep, mode) in r and (base, base_mode) in r and r[(base, base_mode)] > 0]
            if ratios:
                print(f"{store} | {conns} | {ep} | {mode} | {base} | {' '.join(f'{x:.2f}' for x in ratios)} | "
                      f"{statistics.median(ratios):.2f}")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd, args = argv[1], argv[2:]
    if cmd == "free-port":
        cmd_free_port()
    elif cmd == "wait-http":
        return cmd_wait_http(*args)
    elif cmd == "probe":
        cmd_probe(*args)
    elif cmd == "result":
        cmd_result(*args)
    elif cmd == "create-sessions":
        cmd_create_sessions(*args)
    elif cmd == "histo":
        cmd_histo(*args)
    elif cmd == "stats":
        cmd_stats(*args)
    elif cmd == "heap-kind":
        cmd_heap_kind(*args)
    elif cmd == "heap-json":
        cmd_heap_json(*args)
    elif cmd == "log-stats":
        cmd_log_stats(*args)
    elif cmd == "report":
        report(*args)
    elif cmd == "check":
        return cmd_check(*args)
    elif cmd == "summary":
        return cmd_summary(*args)
    elif cmd == "redis-wait":
        return cmd_redis_wait(*args)
    elif cmd == "redis-stats":
        cmd_redis_stats(*args)
    elif cmd == "redis-delta":
        cmd_redis_delta(*args)
    elif cmd == "pg-wait":
        return cmd_pg_wait(*args)
    elif cmd == "pg-init":
        cmd_pg_init(*args)
    elif cmd == "pg-stats":
        cmd_pg_stats(*args)
    elif cmd == "pg-delta":
        cmd_pg_delta(*args)
    elif cmd == "paired":
        cmd_paired(*args)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
