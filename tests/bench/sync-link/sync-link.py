#!/usr/bin/env python3
# sync-link.py — Liaison sync over an emulated satellite link, against PouchDB
#
# Two network namespaces joined by linkemu.py (400 kbit/s, 350 ms each way,
# 1 % loss by default); liaison-hq serves HTTPS in one, liaison-cli syncs
# from the other.  For each case it prints wall time, IP bytes on the wire
# each way (the emulator's counters: every IP packet offered to the link,
# lost ones included), HTTP requests and TCP connections, next to the
# link's limit: the gzip-compressed payload ÷ bandwidth + one round trip.
# PouchDB 9 replicating the same documents to express-pouchdb 4.2 over the
# same link is measured the same way.  See README.md beside this file.
#
# Exits 77 (skipped) when not root, or without network namespaces or TUN.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import atexit
import gzip
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
ADDR_CLI, ADDR_HQ = "10.199.78.1", "10.199.78.2"
HQ_PORT, POUCH_PORT = 8470, 5984
OPERATION = "op-bench"
# The 10,000-record device and the interrupted one work in operations of
# their own, so that their syncs have nothing of the other devices to pull.
OPERATION_C = "op-bench-c"
OPERATION_D = "op-bench-d"
SEED = 20261129
NPM_PACKAGES = ["pouchdb@9", "express-pouchdb@4.2", "express@4", "pouchdb-adapter-memory@9"]

# Targets (issue 6).
T_BYTES = 1.2      # wire bytes ≤ 1.2 × gzip payload
T_TIME = 1.5       # wall ≤ 1.5 × link limit
T_POUCH = 3.0      # ≥ 3× faster than PouchDB
T_NOOP_REQ = 2     # a no-op sync: ≤ 2 round trips
T_NOOP_BYTES = 1024  # … and < 1 KB


def log(*args):
    print(*args, flush=True)


def skip(reason):
    log(f"SKIP: {reason}")
    sys.exit(SKIP)


class Bench:
    def __init__(self, a):
        self.a = a
        self.procs = []                   # what we started, to stop by pid
        self.ns_cli = f"lsb{os.getpid()}c"
        self.ns_hq = f"lsb{os.getpid()}s"
        self.namespaces = []
        self.emu = None
        self.work = os.path.abspath(a.work_dir)
        self.run_dir = os.path.join(self.work, "run")
        self.control = os.path.join(self.run_dir, "linkemu.sock")
        self.rtt = 2 * a.delay_ms / 1000
        self.bps = a.rate_kbit * 1000
        self.results = []
        self.pouch = None

    # ---- set-up and tear-down ----------------------------------------------

    def teardown(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                try:
                    os.kill(p.pid, signal.SIGTERM)
                    p.wait(timeout=5)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    try:
                        os.kill(p.pid, signal.SIGKILL)
                        p.wait(timeout=5)
                    except (ProcessLookupError, subprocess.TimeoutExpired):
                        pass
        self.procs.clear()
        for ns in self.namespaces:
            subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)
        self.namespaces.clear()

    def start(self, argv, ns=None, env=None, **kw):
        if ns:
            argv = ["ip", "netns", "exec", ns] + argv
        p = subprocess.Popen(argv, env=env, **kw)
        self.procs.append(p)
        return p

    def run(self, argv, ns=None, env=None, check=True, timeout=None):
        """Runs to the end; returns (exit status, stdout, stderr, seconds)."""
        if ns:
            argv = ["ip", "netns", "exec", ns] + argv
        t0 = time.monotonic()
        p = self.start(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.kill(p.pid, signal.SIGKILL)
            out, err = p.communicate()
        seconds = time.monotonic() - t0
        self.procs.remove(p)
        if check and p.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed ({p.returncode}):\n{out}\n{err}")
        return p.returncode, out, err, seconds

    def check_preconditions(self):
        if os.geteuid() != 0:
            skip("needs root, for network namespaces and TUN devices")
        if not shutil.which("ip"):
            skip("needs iproute2 (ip)")
        if not os.path.exists("/dev/net/tun"):
            skip("needs /dev/net/tun")
        if not shutil.which("openssl"):
            skip("needs openssl, to make HQ's certificate")
        for ns in (self.ns_cli, self.ns_hq):
            r = subprocess.run(["ip", "netns", "add", ns], capture_output=True, text=True)
            if r.returncode != 0:
                self.teardown()
                skip(f"cannot create a network namespace: {r.stderr.strip()}")
            self.namespaces.append(ns)

    def link_up(self):
        ready = os.path.join(self.run_dir, "linkemu.ready")
        self.emu = self.start([sys.executable, os.path.join(HERE, "linkemu.py"),
                               "--ns-a", self.ns_cli, "--ns-b", self.ns_hq,
                               "--addr-a", ADDR_CLI, "--addr-b", ADDR_HQ,
                               "--delay-ms", str(self.a.delay_ms), "--rate-kbit", str(self.a.rate_kbit),
                               "--loss", str(self.a.loss), "--seed", str(SEED),
                               "--control", self.control, "--ready", ready]
                              + (["--trace", os.path.join(self.run_dir, "linkemu.trace")] if self.a.trace else []),
                              stdout=open(os.path.join(self.run_dir, "linkemu.log"), "w"),
                              stderr=subprocess.STDOUT)
        for _ in range(100):
            if os.path.exists(ready):
                break
            if self.emu.poll() is not None:
                self.teardown()
                skip("the link emulator could not start (see linkemu.log): no TUN in namespaces?")
            time.sleep(0.1)
        else:
            raise RuntimeError("the link emulator did not start")

    def emu_command(self, command):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(10)
        s.connect(self.control)
        s.sendall(command.encode())
        data = b""
        while not data.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        s.close()
        return json.loads(data)

    def wait_for_port(self, port, timeout=60):
        code = ("import socket,sys,time\n"
                f"end=time.time()+{timeout}\n"
                "while time.time()<end:\n"
                f"  try: socket.create_connection(('{ADDR_HQ}',{port}),timeout=5).close(); sys.exit(0)\n"
                "  except OSError: time.sleep(0.5)\n"
                "sys.exit(1)\n")
        rc, _, _, _ = self.run([sys.executable, "-c", code], ns=self.ns_cli, check=False)
        if rc != 0:
            raise RuntimeError(f"nothing answers on {ADDR_HQ}:{port} across the link")

    # ---- measuring ---------------------------------------------------------

    def measure(self, fn):
        """Runs fn(); returns (its result, wall seconds, wire deltas)."""
        before = self.emu_command("stats")
        t0 = time.monotonic()
        result = fn()
        wall = time.monotonic() - t0
        # Let the last packets (FIN, ACK) cross before reading the counters.
        time.sleep(self.rtt + 0.3)
        after = self.emu_command("stats")
        wire = {
            "up_bytes": after["up"]["bytes"] - before["up"]["bytes"],
            "down_bytes": after["down"]["bytes"] - before["down"]["bytes"],
            "up_pkts": after["up"]["pkts"] - before["up"]["pkts"],
            "down_pkts": after["down"]["pkts"] - before["down"]["pkts"],
            "lost": (after["up"]["lost"] - before["up"]["lost"]) + (after["down"]["lost"] - before["down"]["lost"]),
            "qdrop": (after["up"]["qdrop"] - before["up"]["qdrop"]) + (after["down"]["qdrop"] - before["down"]["qdrop"]),
            "connections": after["up"]["tcp_syn"] - before["up"]["tcp_syn"],
        }
        return result, wall, wire

    def limit(self, payload_gz):
        return payload_gz * 8 / self.bps + self.rtt

    # ---- Liaison -----------------------------------------------------------

    def cli_env(self, data_dir):
        env = dict(os.environ)
        env["LIAISON_DATA_DIR"] = data_dir
        env.pop("G_DEBUG", None)
        return env

    def hq(self, *args, check=True):
        return self.run([self.a.hq] + list(args), check=check)

    def enrol(self, name, operation=OPERATION):
        data_dir = os.path.join(self.run_dir, name)
        _, out, _, _ = self.hq("enrol-code", "--db", self.hq_db, "--operation", operation,
                               "--clearance", "confidential", "--tls-cert", self.cert)
        m = re.search(r"LIA1-[A-Za-z0-9+/=-]+", out)
        if not m:
            raise RuntimeError(f"no enrolment code in: {out}")
        _, out, _, secs = self.run([self.a.cli, "enrol", self.hq_url, m.group(0), "--name", name, "--json"],
                                   ns=self.ns_cli, env=self.cli_env(data_dir))
        info = json.loads(out)
        log(f"  enrolled {name} as {info['device_id']} ({secs:.1f} s)")
        return data_dir, info["device_id"]

    def generate(self, name, count, seed, operation=OPERATION):
        data_dir = os.path.join(self.run_dir, name)
        docs = os.path.join(self.run_dir, f"{name}.jsonl")
        _, out, _, secs = self.run([self.a.gen, "create", data_dir, str(count), operation, str(seed), docs])
        log(f"  {name}: {out.strip()} in {secs:.1f} s")
        return data_dir, docs

    def payload(self, docs):
        raw = open(docs, "rb").read()
        return len(raw), len(gzip.compress(raw, 6))

    def sync(self, data_dir, check=True, timeout=None):
        rc, out, err, _ = self.run([self.a.cli, "sync", "--json"], ns=self.ns_cli,
                                   env=self.cli_env(data_dir), check=check, timeout=timeout)
        if rc != 0:
            return {"failed": True, "rc": rc, "error": err.strip()}
        return json.loads(out)

    def start_hq(self):
        self.cert = os.path.join(self.run_dir, "hq-cert.pem")
        self.key = os.path.join(self.run_dir, "hq-key.pem")
        self.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                  "-nodes", "-days", "3", "-subj", "/CN=liaison-hq-bench",
                  "-keyout", self.key, "-out", self.cert])
        self.hq_db = os.path.join(self.run_dir, "hq.db")
        self.hq_url = f"https://{ADDR_HQ}:{HQ_PORT}"
        self.start([self.a.hq, "serve", "--db", self.hq_db, "--listen", ADDR_HQ, "--port", str(HQ_PORT),
                    "--tls-cert", self.cert, "--tls-key", self.key],
                   ns=self.ns_hq, stdout=open(os.path.join(self.run_dir, "hq.log"), "w"),
                   stderr=subprocess.STDOUT)
        self.wait_for_port(HQ_PORT)

    def acked_batches(self, device_id):
        db = sqlite3.connect(f"file:{self.hq_db}?mode=ro", uri=True, timeout=30)
        try:
            return db.execute("SELECT count(*) FROM batches WHERE device_id = ?", (device_id,)).fetchone()[0]
        finally:
            db.close()

    def record(self, case, records, wall, wire, stats, payload_raw=None, payload_gz=None,
               direction="up", system="liaison", **extra):
        r = {"case": case, "system": system, "records": records, "wall_s": round(wall, 2),
             "up_bytes": wire["up_bytes"], "down_bytes": wire["down_bytes"],
             "up_pkts": wire["up_pkts"], "down_pkts": wire["down_pkts"],
             "lost_pkts": wire["lost"], "queue_drops": wire["qdrop"],
             "connections": wire["connections"],
             "requests": stats.get("requests"),
             "http_bytes_sent": stats.get("bytes_sent"), "http_bytes_received": stats.get("bytes_received"),
             "direction": direction}
        if payload_gz:
            lim = self.limit(payload_gz)
            data_bytes = wire["up_bytes"] if direction == "up" else wire["down_bytes"]
            r.update(payload_raw=payload_raw, payload_gz=payload_gz, limit_s=round(lim, 2),
                     time_ratio=round(wall / lim, 2), bytes_ratio=round(data_bytes / payload_gz, 3))
        r.update(extra)
        # Round trips: one per HTTP request on an open connection, and for
        # each new connection one for TCP's handshake and, over TLS 1.3
        # (Liaison), one for TLS's.
        if r["requests"] is not None:
            r["round_trips"] = r["requests"] + r["connections"] * (2 if system == "liaison" else 1)
        self.results.append(r)
        log(f"  -> {json.dumps(r)}")
        return r

    def want(self, case):
        return self.a.only is None or case in self.a.only.split(",")

    def liaison_cases(self):
        a = self.a
        n, n_big = a.records, a.big_records
        log("== Generating records")
        dir_a, docs_a = self.generate("device-a", n, 1)
        raw_a, gz_a = self.payload(docs_a)
        # The interrupted device pushes the very same bodies as device A.
        dir_d, _ = self.generate("device-d", n, 1, OPERATION_D)
        dir_c = docs_c = None
        if n_big:
            dir_c, docs_c = self.generate("device-c", n_big, 3, OPERATION_C)
        self.docs_a, self.payload_a = docs_a, (raw_a, gz_a)
        log(f"  payload of {n} records: {raw_a} bytes, {gz_a} gzip")

        log("== Enrolling devices A and B over the link")
        _, _ = self.enrol("device-a")
        dir_b, _ = self.enrol("device-b")

        log(f"== Liaison: initial push of {n} records (device A)")
        stats, wall, wire = self.measure(lambda: self.sync(dir_a))
        push = self.record(f"initial push", n, wall, wire, stats, raw_a, gz_a, "up", batches=stats["batches"])

        if self.want("pull"):
            log(f"== Liaison: initial pull of {n} records (device B)")
            stats, wall, wire = self.measure(lambda: self.sync(dir_b))
            if stats.get("pulled") != n:
                raise RuntimeError(f"device B pulled {stats.get('pulled')} records, not {n}")
            self.record(f"initial pull", n, wall, wire, stats, raw_a, gz_a, "down", pages=stats["pages"])

        if n_big and self.want("big"):
            raw_c, gz_c = self.payload(docs_c)
            self.enrol("device-c", OPERATION_C)
            log(f"== Liaison: initial push of {n_big} records (device C)")
            stats, wall, wire = self.measure(lambda: self.sync(dir_c))
            if stats.get("pushed") != n_big or stats.get("pulled") != 0:
                raise RuntimeError(f"device C pushed {stats.get('pushed')} records, not {n_big}, "
                                   f"and pulled {stats.get('pulled')}")
            self.record(f"initial push", n_big, wall, wire, stats, raw_c, gz_c, "up", batches=stats["batches"])

        if self.want("incremental"):
            log("== Liaison: incremental sync of 10 edited records (A pushes, B pulls)")
            edited = os.path.join(self.run_dir, "edited.jsonl")
            self.run([a.gen, "edit", dir_a, "10", "7", edited])
            raw_e, gz_e = self.payload(edited)
            stats, wall, wire = self.measure(lambda: self.sync(dir_a))
            self.record("incremental push", 10, wall, wire, stats, raw_e, gz_e, "up")
            stats, wall, wire = self.measure(lambda: self.sync(dir_b))
            self.record("incremental pull", 10, wall, wire, stats, raw_e, gz_e, "down", pulled=stats.get("pulled"))

            log("== Liaison: no-op sync (device A)")
            stats, wall, wire = self.measure(lambda: self.sync(dir_a))
            self.record("no-op sync", 0, wall, wire, stats, None, None, "up")

        if self.want("interrupted"):
            log(f"== Liaison: push of {n} records cut by a link outage half-way, then resumed (device D)")
            self.interrupted(dir_d, n, push, raw_a, gz_a)

    def interrupted(self, dir_d, n, ref, raw, gz):
        _, device_d = self.enrol("device-d", OPERATION_D)
        # Half-way, in the middle of a batch: once HQ has acknowledged half
        # the batches (or, with one batch, at once), half a batch later.
        half_batches = ref["batches"] // 2
        half_batch_bytes = ref["up_bytes"] // ref["batches"] // 2
        before = self.emu_command("stats")
        t0 = time.monotonic()
        p = self.start([self.a.cli, "sync", "--json"], ns=self.ns_cli, env=self.cli_env(dir_d),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        cut_at = cut_bytes = mark = None
        while p.poll() is None:
            s = self.emu_command("stats")
            sent = s["up"]["bytes"] - before["up"]["bytes"]
            if mark is None and self.acked_batches(device_d) >= half_batches:
                mark = sent
            if mark is not None and sent - mark >= half_batch_bytes:
                self.emu_command("down")
                cut_at, cut_bytes = time.monotonic() - t0, sent
                break
            time.sleep(0.1)
        log(f"  link down at {cut_at and round(cut_at, 1)} s, {cut_bytes} bytes up "
            f"({cut_bytes and round(100 * cut_bytes / ref['up_bytes'])} % of an uninterrupted push); "
            "waiting for the CLI to give up")
        try:
            out, err = p.communicate(timeout=self.a.outage_timeout)
            gave_up = True
        except subprocess.TimeoutExpired:
            os.kill(p.pid, signal.SIGKILL)
            out, err = p.communicate()
            gave_up = False
        self.procs.remove(p)
        first_wall = time.monotonic() - t0
        log(f"  first sync ended after {first_wall:.1f} s (exit {p.returncode}"
            f"{'' if gave_up else ', killed'}): {err.strip()[:200]}")
        self.emu_command("up")
        time.sleep(1)
        mid = self.emu_command("stats")
        acked_first = self.acked_batches(device_d)
        stats, wall, wire = self.measure(lambda: self.sync(dir_d))
        if stats.get("pushed") is None:
            raise RuntimeError(f"the resumed sync failed: {stats}")
        up_first = mid["up"]["bytes"] - before["up"]["bytes"]
        down_first = mid["down"]["bytes"] - before["down"]["bytes"]
        total_up = up_first + wire["up_bytes"]
        resent = total_up - ref["up_bytes"]
        # Batches sent: those HQ acknowledged in the first sync, the one cut
        # short, those of the resumed sync; against those of an uninterrupted
        # push of the same records.
        in_flight = 1 if p.returncode != 0 else 0
        batches_resent = acked_first + in_flight + stats["batches"] - ref["batches"]
        # A batch on the wire: the uninterrupted push's bytes per batch.
        one_batch = ref["up_bytes"] / ref["batches"]
        wire_total = dict(wire)
        wire_total["up_bytes"] = total_up
        wire_total["down_bytes"] = down_first + wire["down_bytes"]
        wire_total["connections"] = (mid["up"]["tcp_syn"] - before["up"]["tcp_syn"]) + wire["connections"]
        r = self.record("interrupted push, resumed", n, first_wall + wall, wire_total, stats, raw, gz, "up",
                    first_sync_s=round(first_wall, 1), first_sync_exit=p.returncode, cut_at_s=cut_at and round(cut_at, 1),
                    cut_at_up_bytes=cut_bytes,
                    first_up_bytes=up_first, resumed_up_bytes=wire["up_bytes"], resumed_wall_s=round(wall, 2),
                    acked_before_cut=acked_first, batches_resumed=stats["batches"],
                    reference_up_bytes=ref["up_bytes"], resent_bytes=resent, batches_resent=batches_resent,
                    one_batch_bytes=int(one_batch))
        # An outage of a minute or more: against the link's limit, no sense.
        r["time_ratio"] = None

    # ---- PouchDB -----------------------------------------------------------

    def npm_ready(self):
        npm_dir = os.path.join(self.work, "npm")
        mods = os.path.join(npm_dir, "node_modules")
        need = ["pouchdb", "express-pouchdb", "express", "pouchdb-adapter-memory"]
        if not shutil.which("node") or not shutil.which("npm"):
            return None, "node and npm are not installed"
        if not all(os.path.isdir(os.path.join(mods, m)) for m in need):
            os.makedirs(npm_dir, exist_ok=True)
            log(f"== Installing {' '.join(NPM_PACKAGES)} into {npm_dir}")
            r = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", npm_dir] + NPM_PACKAGES,
                               capture_output=True, text=True, timeout=900)
            if r.returncode != 0:
                return None, f"npm install failed: {r.stderr.strip()[-400:]}"
        return mods, None

    def pouchdb_cases(self):
        mods, why = self.npm_ready()
        if mods is None:
            log(f"== PouchDB: not measured ({why})")
            self.pouch = why
            return
        env = dict(os.environ, NODE_PATH=mods)
        counter = os.path.join(self.run_dir, "pouch-requests")
        self.start(["node", os.path.join(HERE, "pouch-server.js"), ADDR_HQ, str(POUCH_PORT), counter],
                   ns=self.ns_hq, env=env, stdout=open(os.path.join(self.run_dir, "pouch-server.log"), "w"),
                   stderr=subprocess.STDOUT)
        self.wait_for_port(POUCH_PORT)
        url = f"http://{ADDR_HQ}:{POUCH_PORT}/liaison-bench"
        raw, gz = self.payload_a
        n = self.a.records

        def requests():
            try:
                return int(open(counter).read().strip() or 0)
            except (OSError, ValueError):
                return 0

        for mode in ("push", "pull"):
            log(f"== PouchDB: initial {mode} of {n} records")
            r0 = requests()
            args = ["node", os.path.join(HERE, "pouch-client.js"), mode, url] + ([self.docs_a] if mode == "push" else [])
            (rc, out, err, _), wall, wire = self.measure(
                lambda: self.run(args, ns=self.ns_cli, env=env, check=False, timeout=self.a.pouch_timeout))
            time.sleep(0.5)
            stats = {"requests": requests() - r0}
            try:
                info = json.loads(out.strip().splitlines()[-1])
            except (ValueError, IndexError):
                info = {"error": (err or out).strip()[-300:]}
            if rc != 0:
                log(f"  PouchDB {mode} failed ({rc}): {err.strip()[-300:]}")
            # The replication's own time: without starting node and loading
            # the local database.
            secs = info.get("seconds", wall)
            self.record(f"initial {mode}", n, secs, wire, stats, raw, gz, "up" if mode == "push" else "down",
                        system="pouchdb", process_wall_s=round(wall, 2), ok=rc == 0,
                        docs_written=info.get("docs_written"), error=info.get("error"))

    # ---- report ------------------------------------------------------------

    def verdicts(self):
        ours = {(r["case"], r["records"]): r for r in self.results if r["system"] == "liaison"}
        pouch = {(r["case"], r["records"]): r for r in self.results if r["system"] == "pouchdb"}
        for key, r in ours.items():
            v = {}
            if r["case"].startswith("initial"):
                v["bytes"] = r["bytes_ratio"] <= T_BYTES
                v["time"] = r["time_ratio"] <= T_TIME
                p = pouch.get(key)
                if p and p.get("ok"):
                    r["pouchdb_wall_s"] = p["wall_s"]
                    r["speedup_vs_pouchdb"] = round(p["wall_s"] / r["wall_s"], 2)
                    v["pouchdb_3x"] = r["speedup_vs_pouchdb"] >= T_POUCH
            elif r["case"].startswith("incremental"):
                v["bytes"] = r["bytes_ratio"] <= T_BYTES
            elif r["case"] == "no-op sync":
                http = (r["http_bytes_sent"] or 0) + (r["http_bytes_received"] or 0)
                r["http_bytes"] = http
                v["round_trips"] = r["requests"] <= T_NOOP_REQ
                v["under_1kb"] = http < T_NOOP_BYTES
            elif r["case"].startswith("interrupted"):
                v["one_batch"] = r["batches_resent"] <= 1 and r["resent_bytes"] <= r["one_batch_bytes"]
            r["verdict"] = {k: "PASS" if ok else "MISS" for k, ok in v.items()}

    def table(self):
        self.verdicts()
        hdr = (f"{'case':<27} {'system':<8} {'records':>7} {'wall s':>8} {'up B':>10} {'down B':>10} "
               f"{'req':>4} {'conn':>4} {'RTs':>4} {'gz B':>9} {'limit s':>7} {'×limit':>6} {'B/gz':>5}  "
               f"{'PouchDB s':>9} {'speedup':>7}  targets")
        lines = [hdr, "-" * len(hdr)]
        for r in self.results:
            fmt = lambda k, spec: (format(r[k], spec) if r.get(k) is not None else "—")
            v = r.get("verdict", {})
            targets = " ".join(f"{k}:{val}" for k, val in v.items())
            if r["case"] == "no-op sync":
                targets += f" (HTTP: {r['requests']} request(s), {r.get('http_bytes')} B)"
            if r["case"].startswith("incremental"):
                targets += " (time: bound by round trips, not judged)"
            if r["case"].startswith("interrupted"):
                targets += (f" (re-sent {r['resent_bytes']} B, {r['batches_resent']} batch(es);"
                            f" a batch ≈ {r['one_batch_bytes']} B on the wire)")
            lines.append(
                f"{r['case']:<27} {r['system']:<8} {r['records']:>7} {r['wall_s']:>8.1f} {r['up_bytes']:>10} "
                f"{r['down_bytes']:>10} {fmt('requests', 'd'):>4} {r['connections']:>4} {fmt('round_trips', 'd'):>4} {fmt('payload_gz', 'd'):>9} "
                f"{fmt('limit_s', '.1f'):>7} {fmt('time_ratio', '.2f'):>6} {fmt('bytes_ratio', '.2f'):>5}  "
                f"{fmt('pouchdb_wall_s', '.1f'):>9} {fmt('speedup_vs_pouchdb', '.1f'):>7}  {targets}")
        return "\n".join(lines)

    def main(self):
        a = self.a
        self.check_preconditions()
        atexit.register(self.teardown)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, lambda *_: sys.exit(1))
        shutil.rmtree(self.run_dir, ignore_errors=True)
        os.makedirs(self.run_dir)
        log(f"sync-link: {a.rate_kbit:g} kbit/s, {a.delay_ms:g} ms each way, {a.loss * 100:g} % loss; "
            f"{a.records} records{f', {a.big_records}' if a.big_records else ''}; "
            f"PouchDB {'no' if a.no_pouchdb else 'yes'}; work in {self.run_dir}")
        load_start = os.getloadavg()
        self.link_up()
        if a.tcp_cc:
            for ns in self.namespaces:
                subprocess.run(["ip", "netns", "exec", ns, "sysctl", "-q", "-w",
                                f"net.ipv4.tcp_congestion_control={a.tcp_cc}"], check=True)
        cc = subprocess.run(["ip", "netns", "exec", self.ns_cli, "sysctl", "-n", "net.ipv4.tcp_congestion_control"],
                            capture_output=True, text=True).stdout.strip()
        self.start_hq()
        self.liaison_cases()
        if not a.no_pouchdb and self.want("pouchdb"):
            self.pouchdb_cases()
        # Emulator totals: the whole run.
        totals = self.emu_command("stats")
        table = self.table()
        log("")
        log(f"Link: {a.rate_kbit:g} kbit/s each way, {a.delay_ms:g} ms each way (RTT {self.rtt * 1000:.0f} ms), "
            f"{a.loss * 100:g} % loss, TCP congestion control {cc}.  Liaison over HTTPS (TLS, pinned key), "
            "PouchDB over plain HTTP.")
        log(f"Load average at the start {load_start[0]:.1f}, at the end {os.getloadavg()[0]:.1f} "
            f"({os.cpu_count()} CPUs): HQ's and the CLI's processing shares them.")
        log("up/down B: IP bytes on the wire (emulator); req: HTTP requests (Liaison: liaison-cli's count; "
            "PouchDB: express's); conn: TCP connections opened; RTs: round trips, req + conn × 2 (TCP, TLS 1.3) "
            "for Liaison, req + conn for PouchDB (plain HTTP); gz B: the records' JSON gzip-compressed; "
            "limit: gz B ÷ bandwidth + one RTT; ×limit: wall ÷ limit; B/gz: wire bytes in the data's direction ÷ gz B.")
        log(table)
        out = {"link": {"rate_kbit": a.rate_kbit, "delay_ms_each_way": a.delay_ms, "loss": a.loss,
                        "tcp_congestion_control": cc},
               "load_average": {"start": load_start[0], "end": os.getloadavg()[0], "cpus": os.cpu_count()},
               "targets": {"bytes_ratio": T_BYTES, "time_ratio": T_TIME, "vs_pouchdb": T_POUCH,
                           "noop_requests": T_NOOP_REQ, "noop_bytes": T_NOOP_BYTES},
               "pouchdb": self.pouch or "measured" if not a.no_pouchdb else "not run",
               "results": self.results, "emulator_totals": totals}
        with open(a.json, "w") as f:
            json.dump(out, f, indent=2)
        log(f"\nResults in {a.json}")
        return 0


def report(a):
    data = json.load(open(a.report))
    link = data["link"]
    a.work_dir = os.path.dirname(os.path.abspath(a.report))
    a.delay_ms, a.rate_kbit, a.only = link["delay_ms_each_way"], link["rate_kbit"], None
    b = Bench(a)
    b.results = data["results"]
    # Results of a run before one_batch_bytes was recorded.
    for r in b.results:
        if r["case"].startswith("interrupted") and "one_batch_bytes" not in r:
            ref = next(x for x in b.results if x["system"] == "liaison" and x["case"] == "initial push"
                       and x["records"] == r["records"])
            r["one_batch_bytes"] = r["reference_up_bytes"] // ref["batches"]
    log(b.table())
    return 0


def main():
    ap = argparse.ArgumentParser(description="Liaison sync over an emulated satellite link, against PouchDB.")
    ap.add_argument("--cli")
    ap.add_argument("--hq")
    ap.add_argument("--gen")
    ap.add_argument("--work-dir")
    ap.add_argument("--report", default=None, metavar="JSON", help="print the table of an earlier run's results")
    ap.add_argument("--json", default=None, help="result file (default: WORK_DIR/sync-link.json)")
    ap.add_argument("--quick", action="store_true", help="200 records, no 10,000-record push, no PouchDB")
    ap.add_argument("--records", type=int, default=2000)
    ap.add_argument("--big-records", type=int, default=10000, help="0: no large push")
    ap.add_argument("--no-pouchdb", action="store_true")
    ap.add_argument("--delay-ms", type=float, default=350)
    ap.add_argument("--rate-kbit", type=float, default=400)
    ap.add_argument("--loss", type=float, default=0.01)
    ap.add_argument("--tcp-cc", default=None, help="TCP congestion control in both namespaces (default: as inherited)")
    ap.add_argument("--trace", action="store_true", help="log every packet to WORK_DIR/run/linkemu.trace")
    ap.add_argument("--only", default=None, help="comma-separated: push,pull,big,incremental,noop,interrupted,pouchdb")
    ap.add_argument("--outage-timeout", type=float, default=240)
    ap.add_argument("--pouch-timeout", type=float, default=1800)
    a = ap.parse_args()
    if a.report:
        return report(a)
    if os.environ.get("LIAISON_BENCH_SYNC_LINK_QUICK"):
        a.quick = True
    if a.quick:
        a.records, a.big_records, a.no_pouchdb = 200, 0, True
    if not (a.cli and a.hq and a.gen and a.work_dir):
        ap.error("--cli, --hq, --gen and --work-dir are needed")
    a.json = a.json or os.path.join(os.path.abspath(a.work_dir), "sync-link.json")
    os.makedirs(a.work_dir, exist_ok=True)
    return Bench(a).main()


if __name__ == "__main__":
    sys.exit(main())
