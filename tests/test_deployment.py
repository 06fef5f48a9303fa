"""docker-compose.yml and the README: checked as files (no Docker engine needed)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
import yaml

from pipeline.settings import Settings
from tests.corpus import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
README = (ROOT / "README.md").read_text()


def test_compose_has_every_service():
    assert {"postgres", "redis", "migrate", "watcher", "worker", "flower", "web"} <= set(SERVICES)


def _long_running() -> list[str]:
    """Every service but the one-shot ones (restart "no", like the migration)."""
    return [name for name, service in SERVICES.items() if service.get("restart") != "no"]


def test_the_long_running_services_are_found():
    assert {"postgres", "redis", "watcher", "worker", "flower", "web"} <= set(_long_running())
    assert "migrate" not in _long_running()


@pytest.mark.parametrize("name", _long_running())
def test_every_long_running_service_has_a_healthcheck(name: str):
    check = SERVICES[name]["healthcheck"]
    assert check["test"]
    assert check["interval"]
    assert check["retries"] >= 1


def test_the_watcher_healthcheck_reads_the_heartbeat_it_is_told_to_write():
    watcher = SERVICES["watcher"]
    heartbeat = watcher["environment"]["WIRE_HEARTBEAT_FILE"]
    assert heartbeat in " ".join(watcher["healthcheck"]["test"])
    assert watcher["environment"]["WIRE_DATABASE_URL"]  # the shared settings are kept


def test_the_watcher_runs_as_the_owner_of_the_bind_mounted_folders():
    assert SERVICES["watcher"]["user"] == "${WIRE_UID:-10001}:${WIRE_GID:-10001}"
    assert "WIRE_UID" in README
    assert "WIRE_DB_PORT" in README


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


def _commands(group: typer.Typer, prefix: str = "wire") -> set[str]:
    named = {
        f"{prefix} {command.name or command.callback.__name__.replace('_', '-')}"  # type: ignore[union-attr]
        for command in group.registered_commands
    }
    for sub in group.registered_groups:
        named |= _commands(sub.typer_instance, f"{prefix} {sub.name}")  # type: ignore[arg-type]
    return named


def test_every_command_is_in_the_readme_reference():
    from workers.cli.main import app

    commands = _commands(app)
    assert {"wire run", "wire parse", "wire db upgrade", "wire bench ingest"} <= commands
    missing = sorted(
        name for name in commands if f"{name} " not in README and f"{name}\n" not in README
    )
    assert not missing, f"commands missing from the README: {missing}"


def test_ci_runs_the_readme_test_command():
    command = re.search(r"```bash\n(bash scripts/test\.sh)\n```", README)
    assert command is not None
    assert command.group(1) in (ROOT / ".ci" / "run").read_text()
