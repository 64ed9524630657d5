"""The two checks every public page passes: axe-core (accessibility: WCAG 2.x A and AA and
axe's best practices, its default rule set) and the Nu HTML checker (valid HTML), both from
the npm packages in package.json (`npm ci` puts them in node_modules/).

Without Node's packages or Java the checks are skipped with one line saying why, unless
STANDARDS_REQUIRED is set (CI), which makes that an error."""

import contextlib
import functools
import json
import os
import shutil
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# axe's defaults (every rule but the experimental ones), results limited to what fails.
AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


def missing_tools():
    """Why the checks cannot run here, or None when they can."""
    if not AXE.is_file() or not VNU.is_file():
        return "node_modules has no axe-core or vnu-jar (run `npm ci`; Debian: apt-get install nodejs npm)"
    if not shutil.which("java"):
        return "no Java for the Nu HTML checker (apt-get install openjdk-17-jre-headless)"
    return None


def required():
    return bool(os.environ.get("STANDARDS_REQUIRED"))


@functools.cache
def axe_source():
    return AXE.read_text(encoding="utf-8")


def axe_violations(page):
    """axe-core's violations on the page as it is now (scripts run, fonts in)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol rather than added as a <script>: the page's
        # Content-Security-Policy (no inline scripts) stays as it is in production.
        page.evaluate(axe_source())
    return page.evaluate(AXE_RUN)


def axe_report(violations):
    lines = []
    for violation in violations:
        rule, impact, help_url = violation["id"], violation["impact"], violation["helpUrl"]
        lines.append(f"{rule} ({impact}): {violation['help']} <{help_url}>")
        for node in violation["nodes"]:
            said = (node["summary"] or "").splitlines()
            summary = " / ".join(line.strip() for line in said if line.strip())
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


def vnu_errors(files):
    """The Nu HTML checker's errors over `files`, in one run: {file name: [message, ...]}."""
    result = subprocess.run(  # noqa: S603  our own jar, our own files
        [shutil.which("java") or "java", "-Xss1024k", "-jar", str(VNU), "--format", "json", "--errors-only"]
        + [str(file) for file in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError) as error:
        raise AssertionError(f"the Nu HTML checker said nothing readable: {result.stderr[-2000:]}") from error
    errors = {Path(file).name: [] for file in files}
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        name = Path(message.get("url", "").removeprefix("file:")).name
        where = f"line {message.get('lastLine', '?')}"
        extract = " ".join((message.get("extract") or "").split())
        errors.setdefault(name, []).append(f"{where}: {message.get('message')}  [{extract}]")
    return errors


def _sequences_reset():
    """Put each table's id sequence after its highest id again. `flush` set them back to 1 and
    the rows put back keep their ids: on PostgreSQL the next test's new row would take an id
    already in use (SQLite takes the highest id + 1 by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@contextlib.contextmanager
def walk_server(django_db_blocker):
    """A live server of its own for a module-scoped walk (not pytest-django's `live_server`,
    which would make every test of the module a transactional one emptying the database): what
    the walk writes is committed, then the database is put back as it was found, its sequences
    reset, and the cache emptied before and after."""
    from pytest_django.live_server_helper import LiveServer

    cache.clear()  # no page cached or rate counted by an earlier test
    with django_db_blocker.unblock():
        before = connection.creation.serialize_db_to_string()
        server = LiveServer("localhost")
        async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # ORM calls beside Playwright's loop
        try:
            yield server
        finally:
            if async_unsafe is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            server.stop()
            call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(before)
            _sequences_reset()
            cache.clear()  # nor a page of the walk's for a later test
