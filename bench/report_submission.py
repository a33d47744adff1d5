"""Benchmark: reports submitted per second through the served app (gunicorn), SQLite and PostgreSQL.

Each simulated victim first answers every question page over HTTP (timed separately as
journey pages per second), then all victims press "Send report" from concurrent clients.
The figures printed are for that final, durable step: report stored, contact rules stored,
notice queued and audit entry chained, all in one transaction.

    .venv/bin/python bench/report_submission.py [--victims 300] [--clients 8] [--workers 4]
"""

import argparse
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(rb'name="submission_key" value="([^"]+)"')

ANSWERS = [
    ("in-danger", {"in_danger": "no"}),
    ("what-happened", {"what_happened": "Benchmark: my bike was stolen from outside the library."}),
    ("when", {"occurred_approximately": "Last week"}),
    ("where", {"where": "unknown"}),
    ("people", {"people_involved": ""}),
    ("injuries", {"injured": "no"}),
    ("your-name", {"victim_name": "Bench Mark"}),
    ("contact", {"channels": "email", "email": "bench@example.com"}),
    ("safe-times", {"safe_times": "any"}),
    ("wording", {"neutral_wording": "no"}),
    ("support", {"support": "none"}),
    ("referral", {"referral_consent": "no"}),
]


class Victim:
    """One browser: its own cookies (session and CSRF)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirect(),
        )

    def get(self, path: str) -> bytes:
        with self.opener.open(self.base + path, timeout=60) as response:
            return bytes(response.read())

    def post(self, path: str, data: dict[str, str], token: bytes) -> int:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.decode()}).encode()
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:  # 302 arrives here because redirects are not followed
            return int(error.code)

    def answer_everything(self) -> None:
        for slug, data in ANSWERS:
            token = CSRF.search(self.get(f"/report/{slug}"))
            assert token, slug
            status = self.post(f"/report/{slug}", data, token.group(1))
            assert status == 302, (slug, status)

    def ready_to_send(self) -> tuple[bytes, bytes]:
        page = self.get("/report/check-your-answers")
        token, key = CSRF.search(page), KEY.search(page)
        assert token and key
        return token.group(1), key.group(1)

    def send(self, token: bytes, key: bytes) -> float:
        started = time.perf_counter()
        status = self.post("/report/check-your-answers", {"submission_key": key.decode()}, token)
        elapsed = time.perf_counter() - started
        assert status == 302, status
        return elapsed


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def database_env(kind: str, workdir: Path) -> dict[str, str] | None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "victimsrights.settings"}
    env.pop("DATABASE_URL", None)
    if kind == "sqlite":
        env["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
        return env
    try:
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/test", autocommit=True, connect_timeout=3) as connection:
            connection.execute("DROP DATABASE IF EXISTS vrs_bench")
            connection.execute("CREATE DATABASE vrs_bench")
    except Exception as error:
        print(f"PostgreSQL not reachable ({type(error).__name__}): skipped")
        return None
    env["DATABASE_URL"] = f"{POSTGRES_SERVER}/vrs_bench"
    return env


def run(kind: str, victims: int, clients: int, workers: int, port: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = database_env(kind, Path(tmp))
        if env is None:
            return
        for command in (["migrate", "--verbosity", "0"], ["createcachetable"], ["load_areas"]):
            manage(env, *command)
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "victimsrights.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base)
            people = [Victim(base) for _ in range(victims)]
            started = time.perf_counter()
            with ThreadPoolExecutor(clients) as pool:
                list(pool.map(Victim.answer_everything, people))
            journey_seconds = time.perf_counter() - started
            with ThreadPoolExecutor(clients) as pool:
                forms = list(pool.map(Victim.ready_to_send, people))
            started = time.perf_counter()
            with ThreadPoolExecutor(clients) as pool:
                latencies = list(pool.map(lambda pair: pair[0].send(*pair[1]), zip(people, forms, strict=True)))
            send_seconds = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait()
    pages = victims * len(ANSWERS) * 2
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"{kind:<10} reports submitted: {victims} in {send_seconds:.2f}s = {victims / send_seconds:.0f}/s; "
        f"submit latency p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms; "
        f"journey pages (GET+POST): {pages / journey_seconds:.0f}/s"
    )


def wait_until_up(base: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--victims", type=int, default=300)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    print(f"{args.victims} victims, {args.clients} concurrent clients, gunicorn with {args.workers} sync workers")
    for kind in ("sqlite", "postgresql"):
        run(kind, args.victims, args.clients, args.workers, args.port)


if __name__ == "__main__":
    main()
