#!/usr/bin/env python3
"""Measures lede end to end, side by side with less, fmt and jq in the same run, and prints
the speed table of the README: the real release binary in a pseudo-terminal (time to the first
screen, key to frame, resize to frame), peak memory as `/usr/bin/time -v` reports it (the
"Maximum resident set size" of the reader quit after a search; /proc's VmHWM where there is no
/usr/bin/time), and `lede print` / `lede parse` against `fmt` / `jq`; then the library at 10,000 articles (and
100,000 with --library-100k): the reader's first rows at a first start (a fresh store) and a
second, a filter keystroke, its peak memory once the scan has finished, and `lede search` building
the index and answering from it, against `rg -l` and `cat` of the same files.

    python3 scripts/measure.py                    # builds what it needs first
    python3 scripts/measure.py --runs 5
    python3 scripts/measure.py --library-100k     # also 100,000 articles (1.4 GB, minutes)
    python3 scripts/measure.py --library DIR      # a library made already, instead of 10,000
    python3 scripts/measure.py --library-only     # the library's rows alone

The libraries are written once by `examples/gen_titled.rs` (byte for byte `gen_articles.py
titled`: "coral" in every article, "09999" in one title) into target/bench-library/titled-N,
where `cargo bench --bench library` finds them too.

Figures are medians of several runs; they move when something else shares the cores.
"""

import argparse
import fcntl
import os
import pty
import re
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
GEN_TITLED = ROOT / "target" / "release" / "examples" / "gen_titled"
LIBRARIES = ROOT / "target" / "bench-library"
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
        self.last_output = self.started  # when the last output came
        self.usage = None  # the rusage of the program once it has ended and been waited for

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
                self.last_output = time.perf_counter()
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

    def quiet(self, seconds, timeout=600.0):
        """Reads until no output has come for `seconds`."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            mark = len(self.output)
            try:
                self.read_until(lambda out: len(out) > mark, timeout=seconds)
            except TimeoutError:
                return
        raise TimeoutError(self.output[-300:])

    def whole_frame(self, cols, rows):
        """The text of a whole frame: a resize makes ratatui draw every cell again."""
        mark = len(self.output)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.read_until(lambda out: FRAME_END in out[mark:])
        self.quiet(0.3)
        return self.output[mark:]

    def wait_exit(self, timeout=30.0):
        """Reads until the program ends, then waits for it: its rusage (peak memory in KiB)."""
        try:
            self.read_until(lambda out: False, timeout=timeout)
        except EOFError:
            pass
        except TimeoutError:
            os.kill(self.pid, signal.SIGKILL)  # it would block writing to a terminal no one reads
        if self.usage is None:
            _, status, self.usage = os.wait4(self.pid, 0)
            self.status = status
        return self.usage

    def close(self):
        if self.usage is None:
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


# what only a row of the library shows: a file's name (before its title is read) or a title
LIBRARY_ROW = re.compile(rb"Library item \d{5}|\d{5}\.txt")
# the library's progress in its status bar, while the scan goes on
SCANNING = re.compile(rb"looking for articles|scanning\xe2\x80\xa6|reading \d|indexing \d")


def spread(values):
    """The median, and the lowest and highest when there are several."""
    if len(values) == 1:
        return ms(values[0])
    return f"{ms(median(values))} ({ms(min(values))}-{ms(max(values))})"


def mib(kb):
    return f"{kb / 1024:.0f} MiB" if kb >= 10 * 1024 else f"{kb / 1024:.1f} MiB"


def grouped(n):
    return f"{n:,}"


def generated(n):
    """target/bench-library/titled-N, written once (a marker beside it says it is whole)."""
    folder = LIBRARIES / f"titled-{n}"
    whole = LIBRARIES / f"titled-{n}.whole"
    if not whole.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        print(f"writing {grouped(n)} articles into {folder}…", file=sys.stderr)
        subprocess.run([str(GEN_TITLED), str(folder), str(n)], check=True)
        whole.write_text("")
    return folder


def articles_of(lib):
    """The article files under `lib`: how many, and their bytes."""
    count = size = 0
    for entry in os.scandir(lib):
        if entry.is_file() and entry.name.endswith(".txt"):
            count += 1
            size += entry.stat().st_size
    return count, size


def store_kb(data):
    return sum(p.stat().st_size for p in Path(data).glob("lede.db*")) / 1024


class Reader:
    """`lede --library DIR` in a pseudo-terminal, with the store in `data`."""

    def __init__(self, lib, data):
        self.term = Terminal([str(LEDE), "--library", str(lib)], env(data))

    def first_rows(self):
        """Seconds from the start to the first whole frame showing a row of the library."""
        done = self.term.read_until(lambda out: LIBRARY_ROW.search(out) is not None and out.endswith(FRAME_END),
                                    timeout=120)
        return done - self.term.started

    def finished(self):
        """Waits until the scan has ended (no output for a second, and a whole frame drawn again
        says nothing of reading or indexing); returns the seconds from the start to the last
        frame before that, the one that took the progress away."""
        size = [(121, 40), (120, 40)]
        for turn in range(1000):
            self.term.quiet(1.0)
            last = self.term.last_output
            if not SCANNING.search(self.term.whole_frame(*size[turn % 2])):
                return last - self.term.started
        raise TimeoutError("the scan did not finish")

    def keystrokes(self, keys):
        """Each key's time to its frame."""
        return [self.term.key_to_frame(key) for key in keys]

    def quit(self):
        """`Q`, and waits for the reader to end."""
        os.write(self.term.fd, b"Q")
        self.term.wait_exit()
        self.term.close()


def reader_start(lib, data, filter_keys=False):
    """A start of the reader: first rows, when the scan ended, its peak memory (VmHWM, KiB)
    once it had, and keys in the filter (given `filter_keys`)."""
    reader = Reader(lib, data)
    try:
        rows = reader.first_rows()
        finished = reader.finished()
        peak = reader.term.peak_kb()
        keys = []
        if filter_keys:
            reader.term.key_to_frame(b"/")
            keys = reader.keystrokes([b"0", b"9", b"9", b"9", b"9"] + [b"\x7f"] * 5)
            reader.term.key_to_frame(b"\x1b")
            peak = reader.term.peak_kb()
        reader.quit()
        return rows, finished, peak, keys
    finally:
        if reader.term.usage is None:
            reader.term.close()


# A child's own peak: a forked child's count starts at this script's resident set (Linux
# keeps the peak of the memory an exec replaces), GNU time's starts at its own, a few MiB.
TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def peak_of(argv, environment, terminal=False):
    """Runs `argv` once (in a terminal, given `terminal`): its seconds, its peak memory in KiB
    and, in a terminal, what it wrote there."""
    with tempfile.NamedTemporaryFile(prefix="lede-peak-") as report:
        wrapped = [TIME, "-f", "%M", "-o", report.name] + argv if TIME else argv
        if terminal:
            term = Terminal(wrapped, environment)
            try:
                usage = term.wait_exit(timeout=600)
                took, output = time.perf_counter() - term.started, term.output
            finally:
                term.close()
        else:
            start = time.perf_counter()
            child = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env=environment)
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)  # waited for: Popen is told
            took, output = time.perf_counter() - start, b""
        kb = int(Path(report.name).read_text().split()[-1]) if TIME else usage.ru_maxrss
    return took, kb, output


def timed_in_turn(commands, runs, environment):
    """The median seconds of each of `commands`, run in turn `runs` times (output dropped)."""
    times = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=environment, check=False)
            times[name].append(time.perf_counter() - start)
    return {name: median(t) for name, t in times.items()}


def library_rows(lib, runs, work):
    """The library's rows for the folder `lib`."""
    count, size = articles_of(lib)
    n = grouped(count)
    rows = []

    # a first start, a fresh store each time; then second starts on the last one's store
    cold, data = [], None
    for run in range(runs if count <= 20_000 else 1):
        data = work / f"reader-{count}-{run}"
        data.mkdir()
        cold.append(reader_start(lib, data))
    warm = [reader_start(lib, data, filter_keys=(i == 0)) for i in range(runs)]
    rows.append((f"{n}: reader, first rows, fresh store", "<= 150 ms",
                 f"{spread([c[0] for c in cold])} (scan finished at {median([c[1] for c in cold]):.1f} s)"))
    rows.append((f"{n}: reader, first rows, second start", "<= 60 ms",
                 f"{spread([w[0] for w in warm])} (scan finished at {ms(median([w[1] for w in warm]))})"))
    keys = warm[0][3]
    rows.append((f"{n}: filter keystroke to its frame", "<= 16 ms",
                 f"{ms(max(keys))} worst of {len(keys)} (median {ms(median(keys))})"))
    rows.append((f"{n}: reader's peak memory", "<= 200 MiB",
                 f"{mib(max(c[2] for c in cold))} fresh store, indexed; {mib(max(w[2] for w in warm))} second start"))

    # lede search: the index built (a fresh store), then from the index, beside rg and cat
    data = work / f"search-{count}"
    data.mkdir()
    e = env(data)
    took, peak, output = peak_of([str(LEDE), "search", "coral", str(lib)], e, terminal=True)
    db = store_kb(data)
    progress = "progress line shown" if b"indexing" in output else "NO progress line"
    rows.append((f"{n}: `lede search coral`, fresh store", "<= 30 s, <= 200 MiB",
                 f"{took:.2f} s, {mib(peak)}, {progress}"))
    commands = {
        "coral": [str(LEDE), "search", "coral", str(lib)],
        "09999": [str(LEDE), "search", "09999", str(lib)],
    }
    rg = shutil.which("rg")
    if rg:
        commands["rg"] = [rg, "-l", "coral", str(lib)]
    if count <= 20_000:
        cat_name = f"cat {lib.name}/*"
        commands["cat"] = ["sh", "-c", 'cat "$1"/* > /dev/null', "sh", str(lib)]
    else:
        cat_name = "find | xargs -0 cat"
        commands["cat"] = ["sh", "-c", 'find "$1" -name "*.txt" -print0 | xargs -0 cat > /dev/null', "sh", str(lib)]
    times = timed_in_turn(commands, max(runs, 3) * 2, e)
    peaks = {word: peak_of(commands[word], e)[1] for word in ("coral", "09999")}
    versus = f"rg -l {ms(times['rg'])}: {times['coral'] / times['rg']:.2f} x" if rg else "rg not installed"
    rows.append((f"{n}: `lede search coral`, warm", "<= 0.5 x rg -l coral",
                 f"{ms(times['coral'])} ({versus}; {cat_name} {ms(times['cat'])}; {mib(peaks['coral'])})"))
    rows.append((f"{n}: `lede search 09999`, warm", "<= 100 ms",
                 f"{ms(times['09999'])} ({mib(peaks['09999'])})"))
    rows.append((f"{n}: lede.db against the articles", "<= 0.5 x",
                 f"{db * 1024 / size:.2f} x ({mib(db)} for {mib(size / 1024)})"))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--library", action="append", type=Path, default=[], metavar="DIR",
                        help="measure this library (repeatable) instead of the generated 10,000")
    parser.add_argument("--library-100k", action="store_true",
                        help="also the generated library of 100,000 articles (1.4 GB, minutes)")
    parser.add_argument("--library-only", action="store_true", help="the library's rows alone")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "--bin", "lede", "--example", "gen_article",
             "--example", "gen_titled"],
            cwd=ROOT,
            check=True,
        )
    libraries = [lib.resolve() for lib in args.library] or [generated(10_000)]
    if args.library_100k:
        libraries.append(generated(100_000))
    work = Path(tempfile.mkdtemp(prefix="lede-measure-"))
    try:
        rows = [] if args.library_only else article_rows(args, work)
        for lib in libraries:
            rows += library_rows(lib, args.runs, work)
        width = max(len(r[0]) for r in rows)
        print(f"\n{'what':<{width}}  {'target':<24}  measured")
        for what, target, got in rows:
            print(f"{what:<{width}}  {target:<24}  {got}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def article_rows(args, work):
    """The big article's rows, and the seed's."""
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
    return rows


if __name__ == "__main__":
    sys.exit(main())
