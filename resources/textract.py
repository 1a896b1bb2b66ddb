"""The text of an uploaded file, read in a child process that a hostile file
cannot hang or exhaust.

`read(data, fmt, mode)` (in the caller's process) runs resources/textread.py
as a program of its own: a fresh Python, isolated (-I: no PYTHON* variables, no
user site) and with an empty environment (no secrets to leak), fed the file's
bytes on its standard input. Before it reads a byte, the child lowers its own
limits: address space (memory), processor seconds, no files written, no core
dump; the caller kills it after a wall-clock timeout. Whatever the file does to
the reader (a decompression bomb, a page tree or a form that loops, a crash in a
parser), only the child dies, and the caller gets a Result that says why.

Modes: "probe" opens the file as a reader would (at upload, in the request: a
file that cannot be opened is refused with a clear message); "extract" reads the
text of every page (in the worker, resources/filetext.py).
"""

import json
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from resources.textread import (  # noqa: F401 - the limits, read here too
    FORMATS,
    MAX_CHARS,
    MAX_INPUT_BYTES,
    MAX_PAGE_CHARS,
    MAX_PAGES,
)

CHILD = Path(__file__).resolve().with_name("textread.py")


@dataclass(frozen=True)
class Limits:
    seconds: float = 60.0  # wall clock, then the child is killed
    cpu_seconds: int = 60  # processor time, then the kernel stops it (SIGXCPU)
    memory_mb: int = 1024  # address space


EXTRACT = Limits()
PROBE = Limits(seconds=15.0, cpu_seconds=15, memory_mb=768)


@dataclass
class Result:
    ok: bool
    pages: list[str] = field(default_factory=list)
    page_count: int = 0  # in the file; more than len(pages) when capped
    truncated: bool = False  # pages or text cut at the caps
    # When not ok: encrypted, damaged, too_large, timeout, cpu, memory, crashed,
    # unavailable (the child could not be started)
    reason: str = ""
    detail: str = ""


def format_of(name: str) -> str | None:
    """The reader for a file name, or None for a format whose text is not read."""
    return FORMATS.get(Path(name).suffix.lower().lstrip("."))


# --- The caller's side ---------------------------------------------------------------


def read(data: bytes, fmt: str, mode: str = "extract", limits: Limits | None = None):
    """Run the child on the file's bytes (within EXTRACT's limits unless given);
    never raises for what the file does."""
    limits = limits or EXTRACT
    if len(data) > MAX_INPUT_BYTES:
        return Result(False, reason="too_large", detail=f"{len(data)} bytes")
    command = [sys.executable, "-I", str(CHILD), mode, fmt]
    command.append(json.dumps([limits.cpu_seconds, limits.memory_mb]))
    try:
        done = subprocess.run(  # noqa: S603 - our own program, no shell
            command,
            input=data,
            capture_output=True,
            timeout=limits.seconds,
            env={"LC_ALL": "C.UTF-8"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Result(False, reason="timeout", detail=f"{limits.seconds:g} s")
    except OSError as error:
        return Result(False, reason="unavailable", detail=str(error)[:200])
    return _result(done)


def _result(done: subprocess.CompletedProcess) -> Result:
    stderr = done.stderr[-2000:].decode("utf-8", "replace")
    if done.returncode < 0:
        sig = -done.returncode
        if sig == signal.SIGXCPU:
            return Result(False, reason="cpu")
        if sig == signal.SIGKILL:  # the kernel's OOM killer, most likely
            return Result(False, reason="memory")
        return Result(False, reason="crashed", detail=signal.Signals(sig).name)
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        if "MemoryError" in stderr:
            return Result(False, reason="memory")
        last = stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
        return Result(False, reason="crashed", detail=last[0][:200])
    return Result(
        ok=bool(answer.get("ok")),
        pages=[str(page) for page in answer.get("pages", [])][:MAX_PAGES],
        page_count=int(answer.get("page_count", 0)),
        truncated=bool(answer.get("truncated")),
        reason=str(answer.get("reason", ""))[:20],
        detail=str(answer.get("detail", ""))[:300],
    )
