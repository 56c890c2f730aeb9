"""A real nginx (Debian's package) on 127.0.0.1 with a configuration derived from
deploy/nginx/kunskapsbanken.conf, serving the fixture corpus published into it by `kb publicera`.
Used by tests/site/test_nginx.py and tests/browser/test_csp.py (import the fixture `nginx_site`).

Outside CI a missing nginx skips those tests with the reason; in CI (CI=true) it fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kunskapsbanken.cli import main as kb
from tests.support import FIXTURE_PROJECTS, REPO, site_config

CONF = REPO / "deploy" / "nginx" / "kunskapsbanken.conf"
PREFIX = "/kunskapsbanken/"
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data"}


def _nginx_binary() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)
    if found is None:
        reason = "nginx saknas; installera med 'apt-get install -y nginx'"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " – i CI måste nginx-testet köras")
        pytest.skip(reason)
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def derived_config(site_root: Path, port: int, replacements: tuple[tuple[str, str], ...] = ()) -> str:
    """The sample configuration with this test's port and published folder; every change is checked."""
    text = CONF.read_text(encoding="utf-8")
    for old, new in [("listen 80;", f"listen 127.0.0.1:{port};"),
                     ("alias /srv/www/kunskapsbanken/;", f"alias {site_root}/;"), *replacements]:
        assert text.count(old) == 1, f"{CONF.name} has no single '{old}' any more; update the test"
        text = text.replace(old, new)
    return text


class Nginx:
    def __init__(self, workdir: Path, site_root: Path, port: int, replacements: tuple[tuple[str, str], ...] = ()):
        self.port = port
        self.workdir = workdir
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"):
            (workdir / name).mkdir(parents=True, exist_ok=True)
        (workdir / "kunskapsbanken.conf").write_text(derived_config(site_root, port, replacements), encoding="utf-8")
        mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").is_file() else \
            "types { text/html html; text/css css; application/javascript js; application/json json; " \
            "application/pdf pdf; image/png png; image/svg+xml svg; application/xml xml; }"
        user = "user root;" if os.geteuid() == 0 else ""  # pytest's temporary folders are private to us
        (workdir / "nginx.conf").write_text(f"""
{user}
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/logs/error.log warn;
events {{ worker_connections 64; }}
http {{
    {mime}
    default_type application/octet-stream;
    access_log {workdir}/logs/access.log;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/kunskapsbanken.conf;
}}
""", encoding="utf-8")
        binary = _nginx_binary()
        command = [binary, "-p", str(workdir), "-c", str(workdir / "nginx.conf")]
        check = subprocess.run(command + ["-t"], capture_output=True, text=True)
        assert check.returncode == 0, f"nginx -t: {check.stderr}"
        self.process = subprocess.Popen(command + ["-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise AssertionError(f"nginx stopped: {self.process.stderr.read()}")
                time.sleep(0.05)
        self.stop()
        raise AssertionError("nginx did not start listening")

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, follow: bool = True, headers: dict | None = None):
    """(status, headers, body) of a GET through the server."""
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("nginx")
    projects = base / "projects"
    shutil.copytree(FIXTURE_PROJECTS, projects)
    config = site_config(projects, base / "ignored-site")
    _nginx_binary()
    port = _free_port()
    target = base / "www" / "kunskapsbanken"
    address = f"http://127.0.0.1:{port}{PREFIX}"
    assert kb(["publicera", str(target), "--konfiguration", str(config), "--adress", address]) == 0
    nginx = Nginx(base / "nginx", target, port)
    nginx.projects, nginx.config, nginx.target, nginx.address = projects, config, target, address
    yield nginx
    nginx.stop()
