"""The running stack as an operator sees it: `var/stack/env`, the pid files scripts/run-stack
writes, the processes behind them, and how to start a killed one again exactly as it was.

A process is started again from what /proc says of it before it is killed (command line,
working directory, environment, where its output went), so the drill follows whatever
scripts/run-stack starts; Redis, which rewrites its process title, from its own CONFIG.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent


def env_read(path: Path) -> dict[str, str]:
    """KEY=VALUE lines (scripts/run-stack's var/stack/env); comments and blank lines skipped."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip().strip("'\"")
    return values


@dataclass
class Snapshot:
    """How a process was started, read from /proc while it runs."""

    pid: int
    argv: list[str]
    cwd: str
    environ: dict[str, str]
    output: str | None  # the file its stdout went to

    @classmethod
    def of(cls, pid: int) -> Snapshot:
        proc = Path(f"/proc/{pid}")
        argv = [part.decode() for part in proc.joinpath("cmdline").read_bytes().split(b"\0") if part]
        environ = {}
        for entry in proc.joinpath("environ").read_bytes().split(b"\0"):
            if b"=" in entry:
                key, value = entry.split(b"=", 1)
                environ[key.decode()] = value.decode(errors="replace")
        try:
            output = os.readlink(proc / "fd" / "1")
        except OSError:
            output = None
        if output and not output.startswith("/") or output in ("/dev/null",):
            output = None
        return cls(pid=pid, argv=argv, cwd=os.readlink(proc / "cwd"), environ=environ, output=output)

    def start(self) -> subprocess.Popen:
        """The same command again, in its own session, its output appended where it went."""
        output = open(self.output, "ab") if self.output else subprocess.DEVNULL  # noqa: SIM115
        try:
            return subprocess.Popen(  # noqa: S603  the stack's own command, read from /proc
                self.argv,
                cwd=self.cwd,
                env=self.environ,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            if output is not subprocess.DEVNULL:
                output.close()


def alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def children(pid: int) -> list[int]:
    """Every descendant of `pid`."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int(entry.joinpath("stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill9(pid: int, *, tree: bool = True) -> list[int]:
    """SIGKILL `pid` (and its descendants, all at once): what an OOM killer or a crash does."""
    victims = [pid, *(children(pid) if tree else [])]
    for victim in victims:
        try:
            os.kill(victim, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 10
    while any(alive(victim) for victim in victims) and time.monotonic() < deadline:
        time.sleep(0.05)
    return victims


def listening_pid(port: int) -> int | None:
    """The process listening on 127.0.0.1:`port` (TCP), from /proc/net/tcp and the fds."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            parts = row.split()
            local, state, inode = parts[1], parts[3], parts[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{inode}]")
    if not inodes:
        return None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in entry.joinpath("fd").iterdir():
                if os.readlink(fd) in inodes:
                    return int(entry.name)
        except OSError:
            continue
    return None


class Stack:
    """The parts of the stack under `state` (var/stack), as scripts/run-stack left them."""

    def __init__(self, state: Path):
        self.state = state
        self.env = env_read(state / "env")
        self.base_url = self.env.get("MARKETPLACE_BASE_URL", "http://127.0.0.1:8080").rstrip("/")
        host = urlsplit(self.base_url).hostname
        if host not in ("127.0.0.1", "localhost"):
            raise SystemExit(f"The drill loads 127.0.0.1 only; the stack answers at {self.base_url}")
        self.base_url = self.base_url.replace("//localhost", "//127.0.0.1")

    def pid(self, name: str) -> int | None:
        try:
            return int((self.state / f"{name}.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    def pid_write(self, name: str, pid: int) -> None:
        (self.state / f"{name}.pid").write_text(f"{pid}\n")

    def app_ports(self) -> list[int]:
        return sorted(int(path.stem.split("-", 1)[1]) for path in self.state.glob("gunicorn-*.pid"))

    def search_urls(self) -> list[str]:
        if self.env.get("SEARCH_BACKEND", "database") == "database":
            return []
        return [url.strip().rstrip("/") for url in self.env.get("SEARCH_URL", "").split(",") if url.strip()]

    def redis_port(self) -> int | None:
        url = self.env.get("CACHE_URL", "")
        return urlsplit(url).port if url.startswith("redis") else None

    def django_env(self) -> dict[str, str]:
        return {**os.environ, **self.env}

    def manage(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        python = ROOT / ".venv" / "bin" / "python"
        return subprocess.run(  # noqa: S603  the project's own manage.py
            [str(python), "manage.py", *args],
            cwd=ROOT,
            env=self.django_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def http_ok(url: str, *, timeout: float = 3) -> bool:
    try:
        session = requests.Session()
        session.trust_env = False
        return session.get(url, timeout=timeout).status_code == 200
    except requests.RequestException:
        return False


def wait_until(check, *, timeout: float, interval: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return bool(check())
