"""The deployment guide's files work: units, nginx, compose, backups, the Meilisearch forge job.

Each is checked by its own tool from Debian where it can be (.ci/run installs them):
`systemd-analyze verify` for the units, nginx itself (`nginx -t`, then a real nginx in front of
the real app), `docker-compose config` for the compose file, pg_dump and pg_restore for backups.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from string import Template
from typing import Any

import httpx2 as httpx
import pytest
import yaml
from sqlalchemy import create_engine, text
from sqlmodel import Session

from directory.app import create_app
from directory.catalogue.store import read_solutions
from directory.cli import build_parser
from directory.config import PROJECT_ROOT, Settings
from directory.db import create_db_engine, normalize_url
from directory.search.meili_server import MIN_VERSION, parse_version

from .conftest import FIXTURES, IN_CI, _postgres_url, sync_folder
from .live_server import live_server

DEPLOY = PROJECT_ROOT / "deploy"
GUIDE = (PROJECT_ROOT / "docs" / "deploiement.md").read_text(encoding="utf-8")
UNITS = sorted((DEPLOY / "systemd").iterdir())
NGINX_TEMPLATE = DEPLOY / "nginx" / "annuaire.conf.template"
COMPOSE = DEPLOY / "compose.yaml"
FORGE_JOB = PROJECT_ROOT / ".github" / "workflows" / "meilisearch.yml"
SETTINGS = {name.upper() for name in Settings.model_fields}
# Meilisearch's own settings (crates/meilisearch/src/option.rs), those a deployment may set.
MEILI_OPTIONS = {
    "MEILI_DB_PATH",
    "MEILI_HTTP_ADDR",
    "MEILI_MASTER_KEY",
    "MEILI_ENV",
    "MEILI_NO_ANALYTICS",
    "MEILI_HTTP_PAYLOAD_SIZE_LIMIT",
    "MEILI_LOG_LEVEL",
    "MEILI_DUMP_DIR",
    "MEILI_SNAPSHOT_DIR",
    "MEILI_SCHEDULE_SNAPSHOT",
    "MEILI_MAX_INDEXING_MEMORY",
    "MEILI_MAX_INDEXING_THREADS",
}


def require(tool: str, package: str) -> str:
    found = shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/sbin")
    if found:
        return found
    if IN_CI:
        pytest.fail(f"{tool} introuvable : .ci/run doit installer le paquet Debian {package}")
    pytest.skip(f"{tool} absent : installez le paquet Debian « {package} »")


def env_file(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs if not key.startswith("#")}


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return loaded


# --- systemd -----------------------------------------------------------------------------


def test_the_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    tool = require("systemd-analyze", "systemd")
    meilisearch = tmp_path / "meilisearch"  # the binary is not installed here: a stand-in
    meilisearch.write_text("#!/bin/sh\n")
    meilisearch.chmod(0o755)
    folder = tmp_path / "units"
    folder.mkdir()
    for unit in UNITS:
        installed = unit.read_text().replace("/opt/annuaire", str(PROJECT_ROOT))
        installed = installed.replace("/usr/local/bin/meilisearch", str(meilisearch))
        (folder / unit.name).write_text(installed)
    names = [unit.name for unit in UNITS]
    done = subprocess.run(
        [tool, "verify", "--man=no", *names], cwd=folder, capture_output=True, text=True
    )
    complaints = [line for line in done.stderr.splitlines() if any(n in line for n in names)]
    assert done.returncode == 0 and complaints == [], done.stderr


def directory_commands() -> list[tuple[str, list[str]]]:
    """Every `directory …` command line of the units, the compose file and the image."""
    found = []
    for unit in UNITS:
        for line in unit.read_text().splitlines():
            if line.startswith("ExecStart="):
                argv = shlex.split(line.removeprefix("ExecStart="))
                if argv[0].endswith("/directory"):
                    found.append((unit.name, argv[1:]))
    for name, service in compose()["services"].items():
        if service.get("command", [""])[0] == "directory":
            found.append((f"compose:{name}", service["command"][1:]))
    cmd = re.search(r"^CMD (\[.*\])$", (DEPLOY / "Dockerfile").read_text(), re.MULTILINE)
    assert cmd is not None
    found.append(("Dockerfile", yaml.safe_load(cmd.group(1))[1:]))
    return found


@pytest.mark.parametrize(("where", "argv"), directory_commands())
def test_every_directory_command_line_is_one_the_cli_accepts(where: str, argv: list[str]) -> None:
    parsed = build_parser().parse_args(argv)
    assert parsed.command == argv[0], where


def test_env_examples_name_only_real_settings() -> None:
    site = env_file(DEPLOY / "env" / "annuaire.env.exemple")
    indexing = env_file(DEPLOY / "env" / "indexation.env.exemple")
    assert set(site) <= SETTINGS and set(indexing) <= SETTINGS
    assert "MEILI_ADMIN_KEY" not in site  # the site never holds the indexing key
    assert set(indexing) == {"MEILI_ADMIN_KEY"}
    Settings.model_validate({k.lower(): v for k, v in {**site, **indexing}.items()})
    meili = env_file(DEPLOY / "env" / "meilisearch.env.exemple")
    assert set(meili) <= MEILI_OPTIONS
    assert meili["MEILI_ENV"] == "production" and meili["MEILI_HTTP_ADDR"].startswith("127.0.0.1:")
    assert site["MEILI_URL"].endswith(meili["MEILI_HTTP_ADDR"])


def test_only_the_catalogue_unit_reads_the_indexing_key() -> None:
    readers = [u.name for u in UNITS if "indexation.env" in u.read_text()]
    assert readers == ["annuaire-catalogue.service"]


# --- nginx -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ipv6_works() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


def rendered_nginx(folder: Path, upstream: str, ports: dict[int, int]) -> Path:
    """The template as envsubst renders it, on free ports and in a temporary folder."""
    (folder / "cache").mkdir()
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=annuaire.test", "-keyout", str(folder / "privkey.pem")),
            *("-out", str(folder / "fullchain.pem")),
        ],
        check=True,
        capture_output=True,
    )
    site = Template(NGINX_TEMPLATE.read_text()).safe_substitute(
        ANNUAIRE_DOMAINE="annuaire.test", ANNUAIRE_UPSTREAM=upstream, ANNUAIRE_CERTIFICATS=folder
    )
    assert "${ANNUAIRE" not in site
    for standard, port in ports.items():
        site = re.sub(rf"listen (\[::\]:)?{standard}\b", rf"listen \g<1>{port}", site)
    if not ipv6_works():
        site = re.sub(r"^\s*listen \[::\].*$", "", site, flags=re.MULTILINE)
    site = site.replace("/var/log/nginx/", f"{folder}/").replace(
        "/var/cache/nginx/annuaire", f"{folder}/cache"
    )
    (folder / "site.conf").write_text(site)
    main = folder / "nginx.conf"
    # As root, nginx's workers would run as `nobody`, who cannot enter pytest's folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main.write_text(
        f"{user}pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  include {folder}/site.conf;\n}}\n"
    )
    folder.chmod(0o755)
    (folder / "cache").chmod(0o777)
    return main


def test_the_nginx_template_passes_nginx_t(tmp_path: Path) -> None:
    nginx = require("nginx", "nginx")
    main = rendered_nginx(tmp_path, "127.0.0.1:9", {80: free_port(), 443: free_port()})
    done = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr


@pytest.fixture
def behind_nginx(settings: Settings, tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    """The real app behind a real nginx configured by the template: (https, http, folder)."""
    nginx = require("nginx", "nginx")
    sync_folder(settings, FIXTURES / "valid")
    http, https = free_port(), free_port()
    with live_server(create_app(settings)) as app_url:
        main = rendered_nginx(tmp_path, app_url.removeprefix("http://"), {80: http, 443: https})
        server = subprocess.Popen(
            [nginx, "-p", str(tmp_path), "-c", str(main), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # nginx writes its errors to error.log there
        )
        try:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", https)) == 0:
                        break
                time.sleep(0.05)
            yield f"https://127.0.0.1:{https}", f"http://127.0.0.1:{http}", tmp_path
        finally:
            server.terminate()
            server.wait(10)


def site(base: str) -> httpx.Client:
    """A client naming the site as a browser would (TLS name and Host)."""
    return httpx.Client(base_url=base, verify=False, headers={"host": "annuaire.test"}, timeout=10)


def sni(name: str = "annuaire.test") -> dict[str, Any]:
    return {"sni_hostname": name}


def test_nginx_serves_the_site_over_tls_and_keeps_its_headers(
    behind_nginx: tuple[str, str, Path],
) -> None:
    https, http, _ = behind_nginx
    with site(https) as client:
        page = client.get("/a-propos", extensions=sni())
        assert page.status_code == 200 and "Annuaire mobilité" in page.text
        assert page.headers["strict-transport-security"] == "max-age=63072000"
        assert "script-src 'self'" in page.headers["content-security-policy"]
    with site(https) as client, pytest.raises(httpx.ConnectError):
        client.get("/a-propos", extensions=sni("autre.example"))  # no certificate shown
    with site(http) as client:
        moved = client.get("/recherche?q=bus")
        assert moved.status_code == 301
        assert moved.headers["location"] == "https://annuaire.test/recherche?q=bus"


def test_nginx_keeps_static_files_and_limits_bursts(behind_nginx: tuple[str, str, Path]) -> None:
    https, _, _ = behind_nginx
    with site(https) as client:
        first = client.get("/static/css/site.css?v=1", extensions=sni())
        second = client.get("/static/css/site.css?v=1", extensions=sni())
        assert (first.headers["x-cache-status"], second.headers["x-cache-status"]) == (
            "MISS",
            "HIT",
        )
        # Concurrent, so that the burst outruns the refill (10 a second) even on a busy machine.
        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(lambda _: client.get("/health", extensions=sni()), range(120)))
    statuses = [answer.status_code for answer in answers]
    assert statuses.count(200) >= 40 and 429 in statuses  # a burst of 40, then 10 a second
    refused = next(answer for answer in answers if answer.status_code == 429)
    assert refused.text.startswith("Trop de demandes en peu de temps")


def test_nginx_logs_no_situation_and_the_request_id_of_the_site(
    behind_nginx: tuple[str, str, Path],
) -> None:
    https, _, folder = behind_nginx
    with site(https) as client:
        answer = client.get("/conseiller?commune=Lod%C3%A8ve&age=68", extensions=sni())
    request_id = answer.headers["x-request-id"]
    log = folder / "annuaire.access.log"
    deadline = time.monotonic() + 5
    while request_id not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    line = next(line for line in log.read_text().splitlines() if request_id in line)
    assert '"GET /conseiller HTTP/' in line
    assert line.startswith("127.0.0.0 ")  # the address cut to its network
    assert "commune" not in log.read_text() and "age=" not in log.read_text()


# --- compose -----------------------------------------------------------------------------


def test_the_compose_file_is_valid_for_docker_compose() -> None:
    tool = require("docker-compose", "docker-compose")
    done = subprocess.run(
        [tool, "-f", str(COMPOSE), "--env-file", str(DEPLOY / "compose.env.exemple"), "config"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_compose_runs_the_same_set_up_as_the_guide() -> None:
    services = compose()["services"]
    assert set(services) == {"postgres", "meilisearch", "app", "catalogue", "nginx"}
    for name in ("app", "catalogue"):
        assert set(services[name]["environment"]) <= SETTINGS
    assert "MEILI_ADMIN_KEY" not in services["app"]["environment"]
    assert "MEILI_ADMIN_KEY" in services["catalogue"]["environment"]
    tag = services["meilisearch"]["image"].split(":")[1]
    assert parse_version(tag.removeprefix("v")) >= MIN_VERSION
    assert set(services["meilisearch"]["environment"]) <= MEILI_OPTIONS
    template_names = set(re.findall(r"\$\{(ANNUAIRE_\w+)\}", NGINX_TEMPLATE.read_text()))
    nginx_env = services["nginx"]["environment"]
    assert template_names == {k for k in nginx_env if k.startswith("ANNUAIRE_")}
    for volume in services["nginx"]["volumes"] + services["catalogue"]["volumes"]:
        source = volume.split(":")[0]
        if source.startswith("."):
            assert (DEPLOY / source).exists(), volume


def test_the_image_installs_what_ci_installs_for_the_pdf() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    packages = re.findall(r"(lib[\w.-]+|fonts-[\w-]+)", dockerfile)
    assert packages and all(package in ci for package in packages)
    assert "--constraint constraints.txt" in dockerfile


# --- backups -----------------------------------------------------------------------------


@pytest.fixture
def databases() -> Iterator[tuple[str, str]]:
    """Two empty databases on the test PostgreSQL server: the saved one and the restored one."""
    base = _postgres_url()
    names = [f"annuaire_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    admin = create_engine(normalize_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    root = base.rsplit("/", 1)[0]
    yield f"{root}/{names[0]}", f"{root}/{names[1]}"
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_the_backup_script_writes_a_dump_that_restores_the_catalogue(
    databases: tuple[str, str], tmp_path: Path
) -> None:
    saved, restored = databases
    sync_folder(Settings(database_url=saved), FIXTURES / "valid")
    environment = {**os.environ, "DATABASE_URL": saved, "BACKUP_DIR": str(tmp_path)}
    done = subprocess.run(
        [str(DEPLOY / "sauvegarde.sh")], env=environment, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    [dump] = tmp_path.glob("annuaire-*.dump")
    assert f"Sauvegarde écrite : {dump}" in done.stdout
    subprocess.run(["pg_restore", "--no-owner", "--dbname", restored, str(dump)], check=True)
    engine = create_db_engine(restored)
    with Session(engine) as session:
        assert sorted(s.id for s in read_solutions(session)) == [
            "aide-test-region",
            "transport-test-lodeve",
        ]
    engine.dispose()


# --- the forge job and the guide ---------------------------------------------------------


def test_the_forge_job_runs_the_search_suite_on_meilisearch_1_10_and_latest() -> None:
    job = yaml.safe_load(FORGE_JOB.read_text())["jobs"]["moteur"]
    assert job["strategy"]["matrix"]["meilisearch"] == ["v1.10", "latest"]
    assert (
        job["services"]["meilisearch"]["image"] == "getmeili/meilisearch:${{ matrix.meilisearch }}"
    )
    assert job["env"]["MEILI_URL"] == "http://127.0.0.1:7700"
    run = " ".join(step.get("run", "") for step in job["steps"])
    assert "-m meilisearch" in run
    for test_file in re.findall(r"tests/\S+\.py", run):
        assert (PROJECT_ROOT / test_file).exists(), test_file


def test_the_guide_names_every_deployment_file() -> None:
    files = [p for p in DEPLOY.rglob("*") if p.is_file()]
    for path in [*files, FORGE_JOB]:
        assert str(path.relative_to(PROJECT_ROOT)) in GUIDE, path


def test_every_directory_command_in_the_guide_exists() -> None:
    commands = set(re.findall(r"directory ([a-z][a-z-]+)", GUIDE))
    choices = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert commands and commands <= set(choices), commands - set(choices)


def test_every_setting_the_guide_names_exists() -> None:
    named = set(
        re.findall(r"\b(?:MEILI|LOG|DATABASE|SOLUTIONS|DATA|SITE|CATALOGUE)_[A-Z_]+\b", GUIDE)
    )
    assert named <= SETTINGS | MEILI_OPTIONS | {"MEILI_SEARCH_KEY", "MEILI_INDEXING_KEY"}, (
        named - SETTINGS - MEILI_OPTIONS
    )
