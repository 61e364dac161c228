#!/usr/bin/env python3
"""Measures lede end to end, side by side with less, fmt and jq in the same run, and prints
the speed table of the README: the real release binary in a pseudo-terminal (time to the first
screen, key to frame, resize to frame), peak memory as `/usr/bin/time -v` reports it (the
"Maximum resident set size" of the reader quit after a search; /proc's VmHWM where there is no
/usr/bin/time), and `lede print` / `lede parse` against `fmt` / `jq`.

    python3 scripts/measure.py            # builds what it needs first
    python3 scripts/measure.py --runs 5

Figures are medians of several runs; they move when something else shares the cores.
"""

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEDE = ROOT / "target" / "release" / "lede"
GEN = ROOT / "target" / "release" / "examples" / "gen_article"
SEED = ROOT / "assets" / "000_addf95f289c0a8cc.txt"
FRAME_END = b"\x1b[?25l"  # ratatui hides the cursor at the end of every frame


class Terminal:
    """A program in a pseudo-terminal of `cols` x `rows`, its output collected."""

    def __init__(self, argv, env, cols=120, rows=40):
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd, self.output = pid, fd, b""

    def read_until(self, ready, timeout=30.0):
        """Reads until `ready(output)` holds; returns the seconds since `since` (start)."""
        deadline = time.perf_counter() + timeout
        while not ready(self.output):
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(self.output[-300:])
            if select.select([self.fd], [], [], left)[0]:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise EOFError(self.output[-300:])
                self.output += chunk
                # answer as a terminal does: the background colour, the device attributes
                if b"\x1b]11;?" in chunk:
                    os.write(self.fd, b"\x1b]11;rgb:0000/0000/0000\x1b\\")
                if b"\x1b[c" in chunk:
                    os.write(self.fd, b"\x1b[?62;22c")
        return time.perf_counter()

    def key_to_frame(self, key):
        """Sends `key` and returns the seconds until the frame it caused is whole."""
        mark = len(self.output)
        sent = time.perf_counter()
        os.write(self.fd, key)
        done = self.read_until(lambda out: FRAME_END in out[mark:])
        return done - sent

    def resize_to_frame(self, cols, rows, word):
        mark = len(self.output)
        sent = time.perf_counter()
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        done = self.read_until(lambda out: word in out[mark:] and out.endswith(FRAME_END))
        return done - sent

    def peak_kb(self):
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0

    def quit_peak_kb(self):
        """Quits with `q` and returns the peak resident set size `/usr/bin/time -v` reports."""
        mark = len(self.output)
        os.write(self.fd, b"q")
        try:
            self.read_until(lambda out: b"Maximum resident set size" in out[mark:] and out.endswith(b"\n"))
        except EOFError:
            pass
        for line in self.output[mark:].decode(errors="replace").splitlines():
            if "Maximum resident set size" in line:
                return int(line.split(":")[1])
        return 0

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def whole_shown(out):
    """Whether the status bar went from "reading the rest…" to the percent and minutes."""
    at = out.rfind(b"reading")
    return at >= 0 and b"min left" in out[at:]


def env(data):
    e = {k: v for k, v in os.environ.items() if not k.startswith("LEDE")}
    e.update(TERM="xterm-256color", LEDE_DATA_DIR=str(data), LEDE_CONFIG=str(data / "none.toml"))
    return e


def first_screen(argv, word, environment, frame_end=None):
    """Seconds from starting `argv` to the first screen showing `word` (and, given `frame_end`,
    whole: lede's frame ends with it, so a screen still being written is not counted); then
    `q`, as a person leaves (lede closes its store cleanly, so the next run starts as a
    person's next one does)."""
    term = Terminal(argv, environment)
    try:
        done = term.read_until(lambda out: word in out and (frame_end is None or out.endswith(frame_end)))
        os.write(term.fd, b"q")
        try:
            term.read_until(lambda out: False, timeout=2)
        except (EOFError, TimeoutError):
            pass
        return done - term.started
    finally:
        term.close()


def median(values):
    return statistics.median(values)


def timed(argv, runs, stdout=subprocess.DEVNULL):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=stdout, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return median(times)


def ms(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "--bin", "lede", "--example", "gen_article"],
            cwd=ROOT,
            check=True,
        )
    work = Path(tempfile.mkdtemp(prefix="lede-measure-"))
    try:
        big = work / "big.txt"
        subprocess.run([str(GEN), str(big)], check=True, stderr=subprocess.DEVNULL)
        data = work / "data"
        data.mkdir()
        e = env(data)
        size_mb = big.stat().st_size / 1e6
        rows = []

        # lede and less in turn, many times: a 2-core machine drifts between a fast and a slow
        # state, and runs taken in turn meet the same states
        seed_lede, seed_less = [], []
        for _ in range(args.runs * 4):
            seed_lede.append(first_screen([str(LEDE), str(SEED)], b"significant", e, FRAME_END))
            seed_less.append(first_screen(["less", str(SEED)], b"significant", e))
        seed_lede, seed_less = median(seed_lede), median(seed_less)
        rows.append(("first screen of the seed article", "<= 1.3 x less",
                     f"{ms(seed_lede)} (less {ms(seed_less)}: {seed_lede / seed_less:.2f} x)"))

        big_lede, big_less = [], []
        for _ in range(args.runs):
            big_lede.append(first_screen([str(LEDE), str(big)], b"paragraph", e, FRAME_END))
            big_less.append(first_screen(["less", str(big)], b"paragraph", e))
        big_lede, big_less = median(big_lede), median(big_less)
        rows.append((f"first screen of a {size_mb:.0f} MB article", "<= 100 ms",
                     f"{ms(big_lede)} (less {ms(big_less)})"))

        time_v = Path("/usr/bin/time").exists()
        term = Terminal((["/usr/bin/time", "-v"] if time_v else []) + [str(LEDE), str(big)], e)
        try:
            term.read_until(lambda out: b"paragraph" in out and out.endswith(FRAME_END))
            # keys while the whole is read, parsed and wrapped in the background
            during = []
            while not whole_shown(term.output) and len(during) < 20:
                during.append(term.key_to_frame(b"j"))
            # the whole article follows its beginning: measure on the whole
            term.read_until(whole_shown, timeout=60)
            keys = {}
            for name, key in [("j", b"j"), ("G", b"G"), ("9", b"9"), ("]", b"]")]:
                keys[name] = median([term.key_to_frame(key) for _ in range(args.runs)])
                term.key_to_frame(b"g")
            term.key_to_frame(b"/ceasefire\r")
            keys["n"] = median([term.key_to_frame(b"n") for _ in range(args.runs)])
            worst = max(keys.values())
            detail = ", ".join(f"{k} {ms(v)}" for k, v in keys.items())
            rows.append(("any key in that article, to the next frame", "<= 16 ms", f"{ms(worst)} worst ({detail})"))
            if during:
                rows.append(("j while the whole loads, to the next frame", "<= 16 ms",
                             f"{ms(max(during))} worst of {len(during)} (median {ms(median(during))})"))
            resize = term.resize_to_frame(100, 40, b"paragraph")
            rows.append(("first frame after a resize of that article", "<= 100 ms", ms(resize)))
            kb = term.quit_peak_kb() if time_v else term.peak_kb()
            peak = kb * 1024 / big.stat().st_size
            rows.append(("peak memory with that article open", "<= 1.5 x the file",
                         f"{peak:.2f} x ({kb / 1024:.1f} MiB, searched)"))
        finally:
            term.close()

        lede_print = timed([str(LEDE), "print", "--width", "100", str(big)], args.runs)
        fmt = timed(["fmt", "-w", "100", str(big)], args.runs)
        rows.append(("`lede print --width 100` of that article", "faster than fmt -w 100",
                     f"{ms(lede_print)} (fmt {ms(fmt)})"))

        as_json = work / "big.json"
        with open(as_json, "wb") as out:
            subprocess.run([str(LEDE), "parse", str(big)], stdout=out, check=True)
        lede_parse = timed([str(LEDE), "parse", str(big)], args.runs)
        if shutil.which("jq"):
            jq = timed(["jq", "-c", ".", str(as_json)], args.runs)
            versus = f"(jq -c . {ms(jq)})"
        else:
            versus = "(jq not installed)"
        rows.append(("`lede parse` of that article to JSON", "faster than jq -c .", f"{ms(lede_parse)} {versus}"))

        width = max(len(r[0]) for r in rows)
        print(f"\n{'what':<{width}}  {'target':<24}  measured")
        for what, target, got in rows:
            print(f"{what:<{width}}  {target:<24}  {got}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
