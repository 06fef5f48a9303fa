"""docker-compose.yml and the README: checked as files (no Docker engine needed)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from pipeline.settings import Settings
from tests.corpus import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
README = (ROOT / "README.md").read_text()


def test_compose_has_every_service():
    assert {"postgres", "redis", "migrate", "watcher", "worker", "flower", "web"} <= set(SERVICES)


@pytest.mark.parametrize("name", ["postgres", "redis", "web"])
def test_stores_have_healthchecks(name: str):
    assert SERVICES[name]["healthcheck"]["test"]


@pytest.mark.parametrize(
    ("name", "dependency", "condition"),
    [
        ("migrate", "postgres", "service_healthy"),
        ("watcher", "migrate", "service_completed_successfully"),
        ("watcher", "redis", "service_healthy"),
        ("worker", "migrate", "service_completed_successfully"),
        ("worker", "redis", "service_healthy"),
        ("web", "migrate", "service_completed_successfully"),
    ],
)
def test_start_order(name: str, dependency: str, condition: str):
    assert SERVICES[name]["depends_on"][dependency]["condition"] == condition


def test_web_serves_the_status_page_and_checks_its_health():
    web = SERVICES["web"]
    assert web["command"][0] == "serve"
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert web["ports"] == ["127.0.0.1:${WIRE_WEB_PORT:-8000}:8000"]


def test_demo_prints_the_status_page_address():
    demo = (ROOT / "scripts" / "demo.sh").read_text()
    assert "Status page: http://127.0.0.1:$port/" in demo
    assert "wire serve" in demo


def test_watcher_folders_are_bind_mounts():
    targets = {volume.split(":")[1] for volume in SERVICES["watcher"]["volumes"]}
    assert {"/data/inbox", "/data/processed", "/data/failed"} == targets
    assert all(volume.startswith("./") for volume in SERVICES["watcher"]["volumes"])


def test_worker_scales_without_fixed_names_or_ports():
    worker = SERVICES["worker"]
    assert "container_name" not in worker
    assert "ports" not in worker


def test_nothing_published_beyond_localhost():
    for name, service in SERVICES.items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port}"
    assert "ports" not in SERVICES["redis"]


def test_credentials_come_from_the_environment():
    text = (ROOT / "docker-compose.yml").read_text()
    assert "${WIRE_DB_PASSWORD:?" in text
    assert SERVICES["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith("${")


def test_no_credential_is_written_into_compose():
    text = (ROOT / "docker-compose.yml").read_text()
    passwords = re.findall(r"://[^:/@\s]+:(.+?)@", text)
    assert passwords
    assert all(password.startswith("${") for password in passwords)
    secrets = {
        key: value
        for service in SERVICES.values()
        for key, value in (service.get("environment") or {}).items()
        if "PASSWORD" in key
    }
    assert secrets
    assert all(str(value).startswith("${") for value in secrets.values())


def test_every_setting_is_in_the_readme_table():
    documented = set(re.findall(r"^\| `(WIRE_[A-Z_]+)` \|", README, flags=re.M))
    expected = {f"WIRE_{name.upper()}" for name in Settings.model_fields}
    assert expected == documented


def test_ci_runs_the_readme_test_command():
    command = re.search(r"```bash\n(bash scripts/test\.sh)\n```", README)
    assert command is not None
    assert command.group(1) in (ROOT / ".ci" / "run").read_text()
