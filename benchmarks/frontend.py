"""Front-end benchmark: Lighthouse 12 on the shopper's pages under the production settings.

Not a test: it starts its own small production-shaped site on 127.0.0.1, measures it and stops
it again. What it serves:

- a copy of a demo database (SQLite, `--database`, by default ./db.sqlite3 as `scripts/run-site`
  leaves it), prepared with `manage.py site_prepare`; the search uses the database fallback;
- `marketplace.settings.production` (DEBUG off, WhiteNoise's hashed and compressed static
  files, collected into a temporary STATIC_ROOT) behind one gunicorn instance
  (deploy/gunicorn.conf.py);
- nginx in front, as in production, from `deploy/render-nginx --standalone` (static files with
  gzip_static, media from ./media, gzip, the anonymous page cache).

Pages (Lighthouse's defaults: mobile form factor, simulated slow 4G and a 4x slower CPU):
home, catalogue, a product, a search, a trace page, the basket with one line and the
checkout's first step (the basket's cookies are sent with `--extra-headers`).

Baseline, measured in the same run: each page's own HTML, saved as a static file served by the
same nginx, with the shell the site had before issue 16: Oscar's whole `styles.css` (Bootstrap
4 and the Font Awesome icon font) instead of base.css, and jQuery, Bootstrap's JS and ui.js
loaded synchronously at the end of the body. Being a static file it has no application time,
so the baseline flatters the old shell a little, never the new one.

Budgets (issue 16, item 6): performance >= 95, accessibility, best practices and SEO 100 on
every page, CLS <= 0.05, at most 150 KiB transferred for the product page. The script exits 1
when one is missed and names the page, the budget and the failing audits.

    .venv/bin/python benchmarks/frontend.py --database /path/to/demo.sqlite3   # ~8 minutes
    .venv/bin/python benchmarks/frontend.py --quick     # home and product only, no baseline

Needs nginx (Debian's), Debian's Chromium at /usr/bin/chromium and `npm ci` (Lighthouse).
The figures and the machine: benchmarks/README.md, "frontend.py".
"""

# ruff: noqa: S603, S607, S310
# (it runs the project's own tools, nginx and Lighthouse, and fetches from 127.0.0.1 only)

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-background-networking"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

BUDGET_SCORES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
BUDGET_CLS = 0.05
BUDGET_KIB = {"product": 150}


@dataclass
class Page:
    name: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    html: str = ""


@dataclass
class Measure:
    name: str
    url: str
    scores: dict[str, int]
    cls: float
    lcp_ms: float
    kib: float
    failing: dict[str, list[str]]


# ---------------------------------------------------------------------------
# The site: production settings, gunicorn, nginx
# ---------------------------------------------------------------------------


class Site:
    def __init__(self, workdir: Path, database: Path, port: int, app_port: int):
        self.workdir = workdir
        self.port = port
        self.app_port = app_port
        self.url = f"http://127.0.0.1:{port}"
        self.static_root = workdir / "static"
        self.nginx_dir = workdir / "nginx"
        self.gunicorn: subprocess.Popen | None = None
        self.nginx_started = False
        db = workdir / "site.sqlite3"
        shutil.copyfile(database, db)
        media = (ROOT / "media").resolve()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "marketplace.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{db}",
            "SEARCH_BACKEND": "database",
            "MARKETPLACE_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "MARKETPLACE_BASE_URL": self.url,
            "DJANGO_STATIC_ROOT": str(self.static_root),
            "DJANGO_MEDIA_ROOT": str(media),
            "MARKETPLACE_PRIVATE_MEDIA_ROOT": str(workdir / "private"),
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "MARKETPLACE_PUBLIC_HOST_REQUIRED": "false",
            "MARKETPLACE_DEMO_DATA_ALLOWED": "true",
            "MARKETPLACE_LOG_FORMAT": "plain",
            "EMAIL_URL": "consolemail://",
            "GUNICORN_BIND": f"127.0.0.1:{app_port}",
            "GUNICORN_WORKERS": "2",
            "OCOP_APP_ADDRESSES": f"127.0.0.1:{app_port}",
            "OCOP_HTTP_LISTEN": f"127.0.0.1:{port}",
            "OCOP_SERVER_NAME": "127.0.0.1",
            "OCOP_STATIC_ROOT": str(self.static_root),
            "OCOP_MEDIA_MODE": "disk",
            "OCOP_MEDIA_ROOT": str(media),
            "OCOP_NGINX_LOGS": str(workdir / "logs"),
        }
        (workdir / "logs").mkdir()

    def manage(self, *args: str) -> None:
        # Its output goes to stderr with the progress: stdout keeps the figures only.
        subprocess.run(
            [str(PYTHON), "manage.py", *args], cwd=ROOT, env=self.env, check=True, stdout=sys.stderr
        )

    def start(self) -> None:
        step("preparing the database (site_prepare) and collecting static files")
        self.manage("site_prepare")
        self.manage("collectstatic", "--noinput", "-v", "0")
        step(f"gunicorn on 127.0.0.1:{self.app_port}, nginx on {self.url}")
        log = open(self.workdir / "logs" / "gunicorn.log", "w")  # noqa: SIM115 (closed with the process)
        self.gunicorn = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "marketplace.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(f"http://127.0.0.1:{self.app_port}/healthz", 90)
        subprocess.run(
            [str(ROOT / "deploy" / "render-nginx"), "--standalone", str(self.nginx_dir)],
            env=self.env,
            check=True,
        )
        subprocess.run(
            ["nginx", "-c", str(self.nginx_dir / "nginx.conf"), "-p", str(self.nginx_dir)],
            env=self.env,
            check=True,
        )
        self.nginx_started = True
        wait_for(self.url + "/healthz", 30)

    def stop(self) -> None:
        if self.nginx_started:
            subprocess.run(
                ["nginx", "-c", str(self.nginx_dir / "nginx.conf"), "-p", str(self.nginx_dir), "-s", "quit"],
                check=False,
            )
        if self.gunicorn and self.gunicorn.poll() is None:
            self.gunicorn.send_signal(signal.SIGTERM)
            try:
                self.gunicorn.wait(30)
            except subprocess.TimeoutExpired:
                self.gunicorn.kill()

    def static_url(self, name: str) -> str:
        manifest = json.loads((self.static_root / "staticfiles.json").read_text())
        return "/static/" + manifest["paths"][name]


def wait_for(url: str, seconds: int) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (127.0.0.1)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit(f"{url} did not answer within {seconds} s")


def step(text: str) -> None:
    print(f"-- {text}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# The pages, read from the running site
# ---------------------------------------------------------------------------


def pages_find(site: Site) -> list[Page]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(path: str) -> tuple[str, str]:
        with opener.open(site.url + path, timeout=60) as response:
            return response.read().decode(), urllib.parse.urlsplit(response.url).path

    catalogue, _ = get("/shop/catalogue/")
    products = re.findall(r'href="(/shop/catalogue/(?!category/)[^"/]+_\d+/)"', catalogue)
    if not products:
        sys.exit("no product links on /shop/catalogue/: is the demo data loaded?")
    product = products[0]
    product_html, _ = get(product)
    traces = re.findall(r'href="(?:https?://[^/"]+)?(/t/[A-Za-z0-9-]+)"', product_html)
    for other in products[1:10]:
        if traces:
            break
        traces = re.findall(r'href="(?:https?://[^/"]+)?(/t/[A-Za-z0-9-]+)"', get(other)[0])
    if not traces:
        sys.exit("no trace link on the first products' pages")
    add = re.search(r'action="(/shop/basket/add/\d+/)"', product_html)
    if not add:
        sys.exit(f"no add-to-basket form on {product}")

    # A visitor with one line in the basket: the cookies the basket and checkout are sent with.
    token = json.loads(get("/csrf-token/")[0])["token"]
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "quantity": "1"}).encode()
    request = urllib.request.Request(
        site.url + add.group(1), data=body, headers={"Referer": site.url + product}
    )
    opener.open(request, timeout=60).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    basket_html, _ = get("/shop/basket/")
    checkout_html, checkout = get("/shop/checkout/")

    personal = {"Cookie": cookie}
    return [
        Page("home", "/"),
        Page("catalogue", "/shop/catalogue/"),
        Page("product", product),
        Page("search", "/shop/search/?q=m%E1%BA%ADt+ong"),
        Page("trace", traces[0]),
        Page("basket", "/shop/basket/", personal, basket_html),
        Page("checkout", checkout, personal, checkout_html),
    ]


def baseline_write(site: Site, page: Page) -> str:
    """The page's HTML with the shell before issue 16, as a static file; returns its path."""
    html = page.html
    if not html:
        with urllib.request.urlopen(site.url + page.path, timeout=60) as response:  # noqa: S310
            html = response.read().decode()
    oscar_css = site.static_url("oscar/css/styles.css")
    html = re.sub(
        r'<link rel="stylesheet" href="/static/marketplace/css/base\.[^"]*\.css">',
        f'<link rel="stylesheet" href="{oscar_css}">',
        html,
    )
    scripts = "".join(
        f'<script src="{site.static_url(name)}"></script>'
        for name in (
            "oscar/js/jquery/jquery.min.js",
            "oscar/js/bootstrap4/bootstrap.bundle.min.js",
            "oscar/js/oscar/ui.js",
        )
    )
    html = html.replace("</body>", scripts + "</body>")
    # Relative addresses of the page keep working from /static/frontend-baseline/.
    html = html.replace("<head>", f'<head><base href="{site.url}{page.path}">', 1)
    folder = site.static_root / "frontend-baseline"
    folder.mkdir(exist_ok=True)
    (folder / f"{page.name}.html").write_text(html)
    return f"/static/frontend-baseline/{page.name}.html"


# ---------------------------------------------------------------------------
# Lighthouse
# ---------------------------------------------------------------------------


def lighthouse(url: str, name: str, headers: dict[str, str], workdir: Path) -> Measure:
    output = workdir / f"lighthouse-{name}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if headers:
        command.append(f"--extra-headers={json.dumps(headers)}")
    # Lighthouse now and then fails to record a trace (NO_NAVSTART on a busy machine): again.
    for attempt in range(1, 4):
        output.unlink(missing_ok=True)
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, check=False, timeout=300)
        report = json.loads(output.read_text()) if output.exists() else {}
        if done.returncode == 0 and report and not report.get("runtimeError"):
            break
        step(f"Lighthouse failed on {url} (attempt {attempt}): {report.get('runtimeError', done.returncode)}")
    else:
        sys.exit(f"Lighthouse failed three times on {url}")
    audits = report["audits"]
    scores, failing = {}, {}
    for category in CATEGORIES:
        data = report["categories"][category]
        scores[category] = round((data["score"] or 0) * 100)
        failing[category] = [
            ref["id"]
            for ref in data["auditRefs"]
            if ref.get("weight")
            and audits[ref["id"]].get("score") is not None
            and audits[ref["id"]]["score"] < 1
        ]
    return Measure(
        name=name,
        url=url,
        scores=scores,
        cls=audits["cumulative-layout-shift"]["numericValue"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        kib=audits["total-byte-weight"]["numericValue"] / 1024,
        failing=failing,
    )


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def report(ours: list[Measure], baselines: dict[str, Measure]) -> list[str]:
    print()
    print(
        f"{'page':<10} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'CLS':>6} {'LCP ms':>7} {'KiB':>6}"
        f"  | baseline {'perf':>4} {'LCP ms':>7} {'KiB':>6} | KiB ratio  LCP ratio"
    )
    for m in ours:
        line = (
            f"{m.name:<10} {m.scores['performance']:>4} {m.scores['accessibility']:>4} "
            f"{m.scores['best-practices']:>4} {m.scores['seo']:>4} "
            f"{m.cls:>6.3f} {m.lcp_ms:>7.0f} {m.kib:>6.1f}"
        )
        base = baselines.get(m.name)
        if base:
            line += (
                f"  |          {base.scores['performance']:>4} {base.lcp_ms:>7.0f} {base.kib:>6.1f} |"
                f" {m.kib / base.kib:>8.2f}  {m.lcp_ms / base.lcp_ms:>9.2f}"
            )
        print(line)
    misses = []
    for m in ours:
        for category, floor in BUDGET_SCORES.items():
            if m.scores[category] < floor:
                misses.append(
                    f"{m.name}: {category} {m.scores[category]} < {floor} "
                    f"(audits: {', '.join(m.failing[category]) or '?'})"
                )
        if m.cls > BUDGET_CLS:
            misses.append(f"{m.name}: CLS {m.cls:.3f} > {BUDGET_CLS}")
        if m.name in BUDGET_KIB and m.kib > BUDGET_KIB[m.name]:
            misses.append(f"{m.name}: {m.kib:.1f} KiB transferred > {BUDGET_KIB[m.name]} KiB")
    print()
    for miss in misses:
        print(f"MISS {miss}")
    if not misses:
        print("PASS every page within every budget")
    return misses


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database",
        type=Path,
        default=ROOT / "db.sqlite3",
        help="a SQLite demo database to copy (default ./db.sqlite3)",
    )
    parser.add_argument("--port", type=int, default=8095, help="nginx's port on 127.0.0.1")
    parser.add_argument("--app-port", type=int, default=8096, help="gunicorn's port on 127.0.0.1")
    parser.add_argument("--pages", help="comma-separated page names (default: all seven)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline runs")
    parser.add_argument("--quick", action="store_true", help="home and product only, no baseline")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (Lighthouse reports, logs)")
    return parser.parse_args()


def main() -> None:
    args = arguments()
    if not args.database.is_file():
        sys.exit(f"no database at {args.database}: run scripts/run-site once, or pass --database")
    for tool in (LIGHTHOUSE, Path(CHROME)):
        if not tool.exists():
            sys.exit(f"{tool} is missing (npm ci; apt-get install chromium)")
    wanted = set(args.pages.split(",")) if args.pages else None
    if args.quick:
        wanted, args.no_baseline = {"home", "product"}, True
    workdir = Path(tempfile.mkdtemp(prefix="frontend-bench-"))
    site = Site(workdir, args.database, args.port, args.app_port)
    try:
        site.start()
        pages = [page for page in pages_find(site) if not wanted or page.name in wanted]
        ours, baselines = [], {}
        for page in pages:
            step(f"Lighthouse: {page.name} {page.path}")
            # Warm the page (the application's first render, the page cache) before measuring.
            urllib.request.urlopen(
                urllib.request.Request(site.url + page.path, headers=page.headers), timeout=60
            ).read()  # noqa: S310
            ours.append(lighthouse(site.url + page.path, page.name, page.headers, workdir))
            if not args.no_baseline:
                step(f"Lighthouse: {page.name} baseline")
                baseline = baseline_write(site, page)
                baselines[page.name] = lighthouse(site.url + baseline, f"{page.name}-baseline", {}, workdir)
        misses = report(ours, baselines)
    finally:
        site.stop()
        if args.keep:
            step(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if misses else 0)


if __name__ == "__main__":
    main()
