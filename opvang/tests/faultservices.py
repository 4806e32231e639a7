"""Dedicated Redis and PostgreSQL servers for the fault tests (marked ``faults``).

Each test starts its own server on a free port, so stopping it to simulate an outage never
touches the services the rest of the suite (or another test run) uses.
"""

from __future__ import annotations

import email
import os
import shutil
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path

import pytest
import redis
from django.db import connection

from opvang.celery import app

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class RedisServer:
    """``redis-server`` in the foreground as a child process; stop() is the outage."""

    def __init__(self, log: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = log
        self.process: subprocess.Popen | None = None

    def _ping(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=0.5).ping())
        except redis.RedisError:
            return False

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        command += ["--appendonly", "no", "--daemonize", "no"]
        self.process = subprocess.Popen(command, stdout=self.log.open("a"), stderr=subprocess.STDOUT)
        wait_for(self._ping, 10, "the test Redis to start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def queue_length(self, queue: str = "celery") -> int:
        return int(redis.Redis(port=self.port).llen(queue))


def _as_postgres(*command: str) -> None:
    prefix = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]
    subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=60)


def copy_test_database(cluster: PostgresCluster) -> None:
    """pg_dump of this test's database, loaded into a database of the same name in ``cluster``."""
    s = connection.settings_dict
    source = ["-h", s["HOST"] or "127.0.0.1", "-p", str(s["PORT"] or 5432), "-U", s["USER"] or "postgres"]
    target = ["-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres"]
    dump = subprocess.run([str(PG_BIN / "pg_dump"), *source, s["NAME"]], capture_output=True, check=True, timeout=60)
    subprocess.run([str(PG_BIN / "createdb"), *target, s["NAME"]], check=True, timeout=30)
    load = [str(PG_BIN / "psql"), "-q", "-v", "ON_ERROR_STOP=1", *target, "-d", s["NAME"]]
    subprocess.run(load, input=dump.stdout, capture_output=True, check=True, timeout=60)


class PostgresCluster:
    """A throw-away PostgreSQL cluster (initdb into a temporary directory, its own port)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="opvang-faults-pg-"))
        self.data = self.directory / "data"
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        _as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.directory / "server.log")
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.directory, ignore_errors=True)


@contextmanager
def celery_publishing_to(server: RedisServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[RedisServer]:
    """The Celery app pointed at ``server``, publishing for real (not eager), then put back."""
    # Celery reads the broker URL from the environment before its configuration (as CI sets it).
    monkeypatch.setenv("CELERY_BROKER_URL", server.url)
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}

    def reset_pools() -> None:
        # The app caches its connection pools; drop them so the new broker URL is used.
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.update(broker_url=server.url, task_always_eager=False)
    reset_pools()
    try:
        yield server
    finally:
        server.stop()
        app.conf.update(saved)
        reset_pools()


BASE = Path(__file__).resolve().parents[2]


def start_worker(broker: str, log: Path, *, settings: dict | None = None) -> subprocess.Popen:
    """A real Celery worker (solo pool) on this test's database and ``broker``.

    ``settings`` overrides Django settings in the worker (the mail server, for instance); the
    test settings' eager mode is switched off there.
    """
    s = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "opvang.settings.test",
        "DATABASE_URL": f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}",
        "CELERY_BROKER_URL": broker,
    }
    boot = (
        "import sys, django; django.setup();"
        "from django.conf import settings;"
        f"[setattr(settings, k, v) for k, v in {settings or {}!r}.items()];"
        "from opvang.celery import app; app.conf.task_always_eager = False;"
        "sys.argv = ['celery'] + sys.argv[1:];"
        "from celery.__main__ import main; main()"
    )
    # No -Q: the worker takes every declared queue (celery, reports, mail), as in production.
    command = [sys.executable, "-c", boot, "-A", "opvang", "worker", "--pool=solo"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"]
    return subprocess.Popen(command, cwd=BASE, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def stop_worker(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=10)


class _TcpServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SmtpServer:
    """A minimal SMTP server on its own port (enough for smtplib); it keeps what it receives.

    Before ``start()`` nothing listens on the port: that is the mail server that is down.
    """

    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list[Message] = []
        self._server: _TcpServer | None = None

    def settings(self) -> dict:
        """Django settings that send mail here."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_TIMEOUT": 5,
        }

    def start(self) -> None:
        received = self.messages

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(line.encode() + b"\r\n")

            def handle(self) -> None:
                self.reply("220 opvang-test ESMTP")
                data: list[bytes] | None = None
                for raw in self.rfile:
                    if data is not None:
                        if raw.rstrip(b"\r\n") == b".":
                            received.append(email.message_from_bytes(b"".join(data)))
                            data = None
                            self.reply("250 OK")
                        else:
                            data.append(raw[1:] if raw.startswith(b"..") else raw)
                        continue
                    verb = raw[:4].upper()
                    if verb == b"EHLO":
                        self.reply("250-opvang-test")
                        self.reply("250 8BITMIME")
                    elif verb == b"DATA":
                        data = []
                        self.reply("354 End data with <CR><LF>.<CR><LF>")
                    elif verb == b"QUIT":
                        self.reply("221 Bye")
                        return
                    else:  # HELO, MAIL, RCPT, RSET, NOOP
                        self.reply("250 OK")

        self._server = _TcpServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def start_silent(self) -> None:
        """A mail server that takes the connection and never answers (hung, or a black hole)."""

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.rfile.read()  # until the client gives up and closes

        self._server = _TcpServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
