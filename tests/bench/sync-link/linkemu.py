#!/usr/bin/env python3
# linkemu.py — an emulated satellite link between two network namespaces
#
# This kernel has no sch_netem, so the link is emulated in user space: one
# TUN device in each namespace, and this process forwarding IP packets
# between them with, in each direction, a one-way delay, serialisation at a
# fixed rate, random loss and a tail-drop queue.
#
# It counts what it carries, per direction: IP packets and bytes offered to
# the link (lost ones included: they were sent), packets lost, dropped at
# the queue or while the link is down, and TCP connections opened (SYNs
# without ACK, retransmissions not counted again).  A control socket (--control PATH, a Unix stream socket)
# takes one command a connection and answers one line of JSON:
#   stats          the counters
#   down / up      cut the link (every packet is dropped) / restore it
#
# Python standard library only.  Run as root; the namespaces must exist.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import ctypes
import fcntl
import heapq
import json
import os
import random
import select
import signal
import socket
import struct
import subprocess
import sys
import time

CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454CA
IFF_TUN, IFF_NO_PI = 0x0001, 0x1000


def open_tun_in_ns(libc, ns, ifname):
    """Creates a TUN device inside namespace @ns; the fd stays usable here."""
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    target = os.open(f"/run/netns/{ns}", os.O_RDONLY)
    try:
        if libc.setns(target, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns into {ns} failed")
        try:
            fd = os.open("/dev/net/tun", os.O_RDWR)
            fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", ifname.encode(), IFF_TUN | IFF_NO_PI))
        finally:
            if libc.setns(home, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), "setns back home failed")
    finally:
        os.close(home)
        os.close(target)
    os.set_blocking(fd, False)
    return fd


def tcp_summary(pkt):
    """seq ack window flags of an IPv4 TCP segment, for --trace."""
    if len(pkt) < 40 or pkt[0] >> 4 != 4 or pkt[9] != 6:
        return ""
    ihl = (pkt[0] & 0x0F) * 4
    seq, ack = struct.unpack_from("!II", pkt, ihl + 4)
    flags, win = pkt[ihl + 13], struct.unpack_from("!H", pkt, ihl + 14)[0]
    names = "".join(c for bit, c in ((0x02, "S"), (0x01, "F"), (0x04, "R"), (0x08, "P"), (0x10, ".")) if flags & bit)
    return f" seq={seq} ack={ack} win={win} {names}"


def tcp_syn(pkt):
    """For an IPv4 TCP segment with SYN and without ACK, which opens a
    connection: (source port, initial sequence number), the same for a
    retransmitted SYN.  Otherwise None."""
    if len(pkt) < 20 or pkt[0] >> 4 != 4 or pkt[9] != 6:
        return None
    ihl = (pkt[0] & 0x0F) * 4
    if len(pkt) < ihl + 14:
        return None
    flags = pkt[ihl + 13]
    if not flags & 0x02 or flags & 0x10:
        return None
    return struct.unpack_from("!H", pkt, ihl)[0], struct.unpack_from("!I", pkt, ihl + 4)[0]


class Direction:
    def __init__(self, name, rate_bps, delay_s, loss, qlimit, rng):
        self.name, self.rate, self.delay, self.loss = name, rate_bps, delay_s, loss
        self.qlimit, self.rng = qlimit, rng
        self.busy_until = 0.0
        self.queue = []              # (leaves the queue at, bytes)
        self.queued = 0
        self.stats = dict(pkts=0, bytes=0, lost=0, qdrop=0, down_drop=0,
                          delivered_pkts=0, delivered_bytes=0, tcp_syn=0)
        self.syns = set()

    def admit(self, now, pkt, down):
        """Returns when @pkt arrives at the other end, or None if dropped."""
        n = len(pkt)
        if down:
            self.stats["down_drop"] += 1
            return None
        self.stats["pkts"] += 1
        self.stats["bytes"] += n
        syn = tcp_syn(pkt)
        if syn is not None and syn not in self.syns:
            self.syns.add(syn)
            self.stats["tcp_syn"] += 1
        while self.queue and self.queue[0][0] <= now:
            self.queued -= heapq.heappop(self.queue)[1]
        if self.queued + n > self.qlimit:
            self.stats["qdrop"] += 1
            return None
        start = max(now, self.busy_until)
        self.busy_until = start + (n * 8.0 / self.rate if self.rate else 0.0)
        heapq.heappush(self.queue, (self.busy_until, n))
        self.queued += n
        # Lost on the way: it took its share of the link all the same.
        if self.loss and self.rng.random() < self.loss:
            self.stats["lost"] += 1
            return None
        self.stats["delivered_pkts"] += 1
        self.stats["delivered_bytes"] += n
        return self.busy_until + self.delay   # FIFO: the same delay for all


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ns-a", required=True)
    ap.add_argument("--ns-b", required=True)
    ap.add_argument("--addr-a", default="10.199.78.1")
    ap.add_argument("--addr-b", default="10.199.78.2")
    ap.add_argument("--ifname", default="ltun0")
    ap.add_argument("--delay-ms", type=float, default=350.0, help="one way, each direction")
    ap.add_argument("--rate-kbit", type=float, default=400.0, help="each direction; 0: unlimited")
    ap.add_argument("--loss", type=float, default=0.01, help="probability per packet, each direction")
    ap.add_argument("--queue-bytes", type=int, default=64000)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--control", default=None, help="Unix socket for stats/down/up")
    ap.add_argument("--ready", default=None, help="file written once the link is up")
    ap.add_argument("--trace", default=None, help="log every packet: time, direction, bytes, fate")
    a = ap.parse_args()

    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    fa = open_tun_in_ns(libc, a.ns_a, a.ifname)
    fb = open_tun_in_ns(libc, a.ns_b, a.ifname)
    for ns, addr in ((a.ns_a, a.addr_a), (a.ns_b, a.addr_b)):
        subprocess.run(["ip", "-n", ns, "addr", "add", f"{addr}/30", "dev", a.ifname], check=True)
        subprocess.run(["ip", "-n", ns, "link", "set", a.ifname, "mtu", "1500", "up"], check=True)
        subprocess.run(["ip", "-n", ns, "link", "set", "lo", "up"], check=True)

    rng = random.Random(a.seed)
    rate = a.rate_kbit * 1000
    d_ab = Direction("up", rate, a.delay_ms / 1000, a.loss, a.queue_bytes, rng)
    d_ba = Direction("down", rate, a.delay_ms / 1000, a.loss, a.queue_bytes, rng)
    route = {fa: (d_ab, fb), fb: (d_ba, fa)}
    heap, seq = [], 0
    state = {"stop": False, "down": False}

    ctl = None
    if a.control:
        try:
            os.unlink(a.control)
        except FileNotFoundError:
            pass
        ctl = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        ctl.bind(a.control)
        ctl.listen(4)
        ctl.setblocking(False)

    def on_signal(*_):
        state["stop"] = True
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def answer(command):
        if command == "down":
            state["down"] = True
        elif command == "up":
            state["down"] = False
        elif command != "stats":
            return {"error": f"unknown command {command!r}"}
        return {"up": dict(d_ab.stats), "down": dict(d_ba.stats),
                "link_down": state["down"], "time": time.monotonic()}

    if a.ready:
        with open(a.ready, "w") as f:
            f.write(f"{os.getpid()}\n")
    print(f"linkemu: {a.delay_ms:g} ms each way, {a.rate_kbit:g} kbit/s, loss {a.loss:g}", flush=True)

    trace = open(a.trace, "w", buffering=1 << 16) if a.trace else None
    watched = [fa, fb] + ([ctl] if ctl else [])
    while not state["stop"]:
        now = time.monotonic()
        while heap and heap[0][0] <= now:
            _, _, out_fd, pkt = heapq.heappop(heap)
            try:
                os.write(out_fd, pkt)
            except (BlockingIOError, OSError):
                pass
        timeout = max(0.0, heap[0][0] - time.monotonic()) if heap else 0.5
        try:
            ready, _, _ = select.select(watched, [], [], timeout)
        except InterruptedError:
            continue
        now = time.monotonic()
        for fd in ready:
            if fd is ctl:
                try:
                    conn, _ = ctl.accept()
                except BlockingIOError:
                    continue
                with conn:
                    conn.settimeout(2)
                    try:
                        command = conn.recv(256).decode().strip()
                        conn.sendall((json.dumps(answer(command)) + "\n").encode())
                    except OSError:
                        pass
                continue
            d, out_fd = route[fd]
            while True:
                try:
                    pkt = os.read(fd, 65535)
                except BlockingIOError:
                    break
                except OSError:
                    break
                t = d.admit(now, pkt, state["down"])
                if trace:
                    trace.write(f"{now:.4f} {d.name} {len(pkt)} {'-' if t is None else f'{t:.4f}'}{tcp_summary(pkt)}\n")
                if t is not None:
                    seq += 1
                    heapq.heappush(heap, (t, seq, out_fd, pkt))

    if trace:
        trace.close()
    if ctl:
        ctl.close()
        try:
            os.unlink(a.control)
        except OSError:
            pass
    print(json.dumps({"up": d_ab.stats, "down": d_ba.stats}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
