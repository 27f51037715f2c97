"""What a new user meets first: the compose file, the README, the console script."""

import shutil
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_docker_compose_parses_and_names_every_service():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "migrate", "web", "worker", "mailpit"}
    assert services["postgres"]["image"] == "postgres:16"
    assert services["migrate"]["command"] == ["yousaid", "migrate"]
    assert services["migrate"]["restart"] == "no"
    assert services["web"]["command"][:2] == ["yousaid", "serve"]
    assert services["worker"]["command"] == ["yousaid", "worker"]
    assert services["mailpit"]["image"].startswith("axllent/mailpit")
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
        assert services[name]["environment"]["YOUSAID_DATABASE_URL"].startswith("postgresql")


def test_readme_opens_with_the_two_set_up_commands():
    readme = (ROOT / "README.md").read_text()
    opening = readme[: readme.index("## ")]
    assert "make run" in opening and "make test" in opening


def test_readme_documents_every_setting():
    from api.core.config import Settings

    readme = (ROOT / "README.md").read_text()
    for name in Settings.model_fields:
        assert f"YOUSAID_{name.upper()}" in readme, name


def test_the_distribution_and_console_script():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == "yousaid"
    assert project["requires-python"] == ">=3.11"
    assert project["scripts"]["yousaid"] == "api.cli:app"
    assert shutil.which("yousaid") or (ROOT / ".venv/bin/yousaid").exists()


def test_the_front_page_leads_to_every_form_in_both_languages():
    from fastapi.testclient import TestClient

    from api.main import create_app

    page = TestClient(create_app()).get("/").text
    for survey in ("young-person", "young-person-under-8", "parent-carer", "partner-agency"):
        assert f'href="/f/{survey}"' in page
    assert 'href="/you-said-we-did"' in page and "Need help now?" in page
    welsh = TestClient(create_app()).get("/?lang=cy").text
    assert '<html lang="cy">' in welsh and "Rhieni a gofalwyr" in welsh


def test_every_data_file_is_in_the_installed_package():
    """A non-editable install (the Docker image) carries only what package-data names: a
    catalogue left out would turn the Welsh pages English without an error."""
    from fnmatch import fnmatch

    def matches(relative: str, pattern: str) -> bool:
        # As setuptools globs: a "*" stops at "/" (fnmatch's alone would not).
        parts, wanted = relative.split("/"), pattern.split("/")
        return len(parts) == len(wanted) and all(map(fnmatch, parts, wanted))

    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]
    missing = []
    for package in ("api", "channels", "frontend", "analysis"):
        for path in (ROOT / package).rglob("*"):
            if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(ROOT / package).as_posix()
            if not any(matches(relative, pattern) for pattern in globs.get(package, [])):
                missing.append(f"{package}/{relative}")
    assert missing == []
