"""Release engineering: the breaking-change guard, a rehearsed regeneration, the release checks."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from voiso_campaigns import VoisoClient

from .conftest import ROOT, SPEC_PATH

sys.path.insert(0, str(ROOT / "scripts"))

import api_diff
import publish
import release_check

SPEC = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
OP = ("paths", "/api/v4/campaigns", "get")


def edited(change: Any) -> dict[str, Any]:
    spec: dict[str, Any] = copy.deepcopy(SPEC)
    change(spec)
    return spec


def operation(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["paths"]["/api/v4/campaigns"]["get"]  # type: ignore[no-any-return]


def param(spec: dict[str, Any], name: str) -> dict[str, Any]:
    """The list operation's parameter *name*, where it is defined (a shared one in components)."""
    found = [api_diff._resolve(spec, p) for p in operation(spec)["parameters"]]
    return next(p for p in found if p["name"] == name)


# --- the OpenAPI checker --------------------------------------------------------------


def test_refs_are_resolved_before_comparing() -> None:
    """A shared parameter or response (a $ref) is compared by what it points at."""
    assert any("$ref" in p for p in operation(SPEC)["parameters"]), "the spec shares parameters"
    assert any("$ref" in r for r in operation(SPEC)["responses"].values())

    def narrow_shared(spec: dict[str, Any]) -> None:
        spec["components"]["parameters"]["Limit"]["schema"]["maximum"] = 50
        spec["components"]["responses"]["Forbidden"]["content"] = {}

    narrowed = copy.deepcopy(SPEC)
    narrow_shared(narrowed)
    found = api_diff.openapi_breakages(SPEC, narrowed)
    assert "GET /api/v4/campaigns: query parameter 'limit' narrowed: maximum 100 -> 50" in found
    assert "GET /api/v4/campaigns: response 403 application/json removed" in found


def test_a_response_field_that_may_now_be_absent_is_breaking() -> None:
    """A field dropped from a response schema's required list is named: clients read it."""

    def relax(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["Campaign"]["required"].remove("name")

    found = api_diff.openapi_breakages(SPEC, edited(relax))
    assert (
        "GET /api/v4/campaigns: response 200 field body.campaigns[].name is no longer required "
        "(it may be absent)"
    ) in found


def test_a_definition_moved_into_components_is_no_change() -> None:
    """Inlining every $ref (the document before the move) against the spec: nothing to report."""
    assert api_diff.spec_changes(api_diff.inline(SPEC), SPEC) == []
    assert api_diff.spec_changes(SPEC, api_diff.inline(SPEC)) == []


def test_unchanged_spec_has_no_breakage() -> None:
    """The spec against itself: nothing to report."""
    assert api_diff.openapi_breakages(SPEC, copy.deepcopy(SPEC)) == []


def test_additions_are_not_breaking() -> None:
    """A new optional field, a new optional parameter, a wider limit: all compatible."""

    def widen(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["Campaign"]["properties"]["priority"] = {"type": "integer"}
        operation(spec)["parameters"].append(
            {"name": "sort", "in": "query", "schema": {"type": "string"}}
        )
        param(spec, "limit")["schema"]["maximum"] = 500
        spec["components"]["schemas"]["CampaignStatus"]["enum"].append("zz_unknown_status")

    assert api_diff.openapi_breakages(SPEC, edited(widen)) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda s: operation(s)["parameters"].remove(param(s, "method")),
            "query parameter 'method' removed",
        ),
        (
            lambda s: param(s, "name").update(required=True),
            "query parameter 'name' is newly required",
        ),
        (
            lambda s: param(s, "limit")["schema"].update(maximum=50),
            "parameter 'limit' narrowed: maximum 100 -> 50",
        ),
        (
            lambda s: param(s, "live").update(schema={"type": "string"}),
            "parameter 'live' narrowed: type",
        ),
        (
            lambda s: s["components"]["schemas"]["CampaignStatus"]["enum"].remove("draft"),
            "parameter 'status' narrowed: enum no longer accepts ['draft']",
        ),
        (
            lambda s: s["components"]["schemas"]["Campaign"]["properties"].pop("follow_up_mode"),
            "field body.campaigns[].follow_up_mode removed",
        ),
        (
            lambda s: s["components"]["schemas"]["VoiceMessage"]["properties"].pop("name"),
            "field body.campaigns[].amd_voicemail_message.voice_message.name removed",
        ),
        (
            lambda s: s["components"]["schemas"]["Campaign"]["properties"]["id"].update(
                type="string"
            ),
            "field body.campaigns[].id type ['integer'] -> ['string']",
        ),
        (lambda s: operation(s)["responses"].pop("429"), "response 429 removed"),
        (lambda s: s["paths"].pop("/api/v4/campaigns"), "GET /api/v4/campaigns: operation removed"),
    ],
)
def test_breaking_spec_edits_are_caught(change: Any, expected: str) -> None:
    """Each kind of breaking edit to the document is named."""
    found = api_diff.openapi_breakages(SPEC, edited(change))
    assert any(expected in line for line in found), found


@pytest.mark.parametrize(
    ("old", "new", "kinds", "ok"),
    [
        ("0.7.0", "0.7.0", [], True),
        ("0.7.0", "0.7.0", ["changed"], False),
        ("0.7.0", "0.7.1", ["changed"], True),
        ("0.7.0", "0.7.0", ["added"], False),
        ("0.7.0", "0.7.1", ["added"], True),
        ("0.7.0", "0.7.1", ["added", "breaking"], False),
        ("0.7.0", "0.8.0", ["breaking"], True),
        ("1.4.2", "1.4.3", ["added"], False),
        ("1.4.2", "1.5.0", ["added"], True),
        ("1.4.2", "1.5.0", ["breaking"], False),
        ("1.4.2", "2.0.0", ["breaking"], True),
        ("1.4.2", "1.4.1", [], False),
    ],
)
def test_bump_rule(old: str, new: str, kinds: list[api_diff.Kind], ok: bool) -> None:
    """The rule: breaking needs major (minor below 1.0), an addition minor (patch below 1.0),
    any other change a patch; no change needs no bump; versions never go down."""
    changes = [api_diff.Change(kind, "x", "x") for kind in kinds]
    assert (api_diff.bump_problem(old, new, changes) is None) is ok


def test_spec_additions_and_other_changes_are_reported() -> None:
    """A new field, parameter and enum value are Added; a description edit is Changed."""

    def grow(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["Campaign"]["properties"]["zz_priority"] = {"type": "integer"}
        operation(spec)["parameters"].append(
            {"name": "zz_sort", "in": "query", "schema": {"type": "string"}}
        )
        spec["components"]["schemas"]["CampaignStatus"]["enum"].append("zz_new_status")

    added = {c.text for c in api_diff.spec_changes(SPEC, edited(grow)) if c.kind == "added"}
    assert "GET /api/v4/campaigns: response 200 field body.campaigns[].zz_priority added" in added
    assert "GET /api/v4/campaigns: query parameter 'zz_sort' added" in added
    assert "CampaignStatus value 'zz_new_status' added" in added
    reworded = api_diff.spec_changes(SPEC, edited(lambda s: operation(s).update(summary="x")))
    assert [c.kind for c in reworded] == ["changed"]
    assert "summary" in reworded[0].text
    assert api_diff.spec_changes(SPEC, copy.deepcopy(SPEC)) == []


# --- api-diff end to end, on a throwaway clone -------------------------------------------


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A clone of this repository's HEAD, with HEAD tagged as the last release (its only tag)."""
    target = tmp_path / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    tags = subprocess.run(
        ["git", "-C", str(target), "tag"], capture_output=True, text=True, check=True
    ).stdout.split()
    if tags:  # the real releases' tags: only this fixture's release is wanted here
        subprocess.run(
            ["git", "-C", str(target), "tag", "-d", *tags], check=True, capture_output=True
        )
    version = api_diff.current_version(target)
    subprocess.run(
        ["git", "-C", str(target), "tag", "-f", f"v{version}", "HEAD"],
        check=True,
        capture_output=True,
    )
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a file of the clone, failing loudly if the text to replace is gone."""
    source = path.read_text()
    assert old in source, f"{old!r} not in {path.name}: update this test"
    path.write_text(source.replace(old, new))


def run_api_diff(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = api_diff.main(root, list(args))
    return code, capsys.readouterr().out


def test_api_diff_passes_on_an_unchanged_tree(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No change since the release, at the released version: exit 0."""
    code, out = run_api_diff(clone, capsys)
    assert code == 0, out
    assert "no change of the public surface or the spec" in out


def test_api_diff_catches_a_removed_model_attribute(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Renaming a generated model attribute fails without a bump, shown as a possible rename."""
    model = clone / "generated" / "voiso_campaigns_client" / "models" / "campaign.py"
    replace_in(
        model, "    live: bool | None | Unset = UNSET", "    is_live: bool | None | Unset = UNSET"
    )
    code, out = run_api_diff(clone, capsys)
    assert code == 1
    assert "Breaking:\n  - Campaign.live removed (a possible rename: Campaign.is_live" in out
    assert "breaking changes need at least a minor bump" in out


def test_api_diff_requires_a_bump_for_an_addition(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new field and query parameter at the released version fail; the patch bump passes."""
    spec = clone / "openapi" / "campaigns.yaml"
    replace_in(
        spec,
        "        live:\n          description: >-",
        "        zz_priority:\n          type: [integer, 'null']\n          description: Rehearsal.\n"
        "        live:\n          description: >-",
    )
    regenerate(clone)
    code, out = run_api_diff(clone, capsys)
    assert code == 1
    assert "additions need at least a patch bump" in out
    assert "Campaign.zz_priority added" in out
    assert "response 200 field body.campaigns[].zz_priority added" in out
    major, minor, patch = api_diff.parse_version(api_diff.current_version(clone))
    set_version(clone, f"{major}.{minor}.{patch + 1}")
    code, out = run_api_diff(clone, capsys)
    assert code == 0, out


def regenerate(root: Path) -> None:
    """`make generate` in the clone, with its own scripts and templates."""
    result = subprocess.run(
        [sys.executable, str(root / "scripts" / "generate.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def set_version(root: Path, version: str) -> None:
    old = api_diff.current_version(root)
    replace_in(root / "pyproject.toml", f'version = "{old}"', f'version = "{version}"')


def test_api_diff_explains_a_shallow_clone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A shallow clone gets one line saying what to do and exit code 2, not a traceback."""
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{ROOT}", str(shallow)],
        check=True,
        capture_output=True,
    )
    code, out = run_api_diff(shallow, capsys)
    assert code == 2
    assert out.count("\n") == 1
    assert "shallow" in out
    assert "git fetch --unshallow" in out


def test_api_diff_explains_a_missing_release_commit(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A release commit that is not in the clone: one line and exit code 2."""
    version = api_diff.current_version(clone)
    subprocess.run(
        ["git", "-C", str(clone), "tag", "-d", f"v{version}"], check=True, capture_output=True
    )
    (clone / "releases.toml").write_text(
        f'[[release]]\nversion = "{version}"\ncommit = "{"ab" * 20}"\n'
    )
    code, out = run_api_diff(clone, capsys)
    assert code == 2
    assert out.count("\n") == 1
    assert "is not in this clone" in out


def test_api_diff_catches_wrapper_and_spec_breaks(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A removed error class, a changed method signature and a removed query parameter are all named."""
    errors = clone / "wrapper" / "voiso_campaigns" / "errors.py"
    replace_in(
        errors, "class NotFoundError(APIStatusError):", "class _NotFoundError(APIStatusError):"
    )
    resources = clone / "templates" / "voiso_resources.py.jinja"
    replace_in(resources, "def {{ op.method_name }}_page(", "def {{ op.method_name }}_one_page(")
    spec = clone / "openapi" / "campaigns.yaml"
    replace_in(spec, "        - name: method\n", "        - name: dialing_method\n")
    regenerate(clone)
    code, out = run_api_diff(clone, capsys)
    assert code == 1
    assert "NotFoundError" in out
    assert "list_page" in out
    assert "query parameter 'method' removed" in out


def test_api_diff_names_a_changed_spec_default(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The generated resources carry the spec's defaults: changing one is a named change."""
    spec = clone / "openapi" / "campaigns.yaml"
    replace_in(spec, "        default: 100\n", "        default: 50\n")
    regenerate(clone)
    code, out = run_api_diff(clone, capsys)
    assert code == 1
    assert "Campaigns.list(page_size): Parameter default was changed: 100 -> 50" in out


def test_api_diff_accepts_a_breaking_change_with_the_right_bump(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same kind of break with a minor bump (below 1.0) is allowed, and still printed."""
    model = clone / "generated" / "voiso_campaigns_client" / "models" / "campaign.py"
    replace_in(
        model, "    live: bool | None | Unset = UNSET", "    is_live: bool | None | Unset = UNSET"
    )
    major, minor, _ = api_diff.parse_version(api_diff.current_version(clone))
    set_version(clone, f"{major + 1}.0.0" if major else f"0.{minor + 1}.0")
    code, out = run_api_diff(clone, capsys)
    assert code == 0, out
    assert "Breaking:" in out
    code, out = run_api_diff(clone, capsys, "--changelog")
    assert out.startswith("### Breaking\n- Campaign.live removed")


def test_api_diff_falls_back_to_releases_toml(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without tags (a clone that did not fetch them), the last release comes from releases.toml."""
    version = api_diff.current_version(clone)
    subprocess.run(
        ["git", "-C", str(clone), "tag", "-d", f"v{version}"], check=True, capture_output=True
    )
    head = subprocess.run(
        ["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    (clone / "releases.toml").write_text(f'[[release]]\nversion = "{version}"\ncommit = "{head}"\n')
    assert api_diff.last_release(clone) == (version, head)
    code, out = run_api_diff(clone, capsys)
    assert code == 0, out


def test_releases_toml_names_a_commit_on_main() -> None:
    """The committed releases.toml points at a commit this clone has (the guard's fallback)."""
    version, ref = api_diff.last_release(ROOT)
    assert api_diff.parse_version(version) <= api_diff.parse_version(api_diff.current_version())
    subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{ref}^{{commit}}"], check=True)


# --- release checks -------------------------------------------------------------------


def test_changelog_has_the_current_version() -> None:
    """CHANGELOG.md has an entry for the version in pyproject.toml (release-check requires it)."""
    assert release_check.changelog_problem(api_diff.current_version()) is None
    assert release_check.changelog_problem("9.9.9") is not None


def test_wheel_contents_rules(tmp_path: Path) -> None:
    """A wheel with tests, caches or a missing py.typed is refused."""
    import zipfile

    wheel = tmp_path / "voiso_campaigns-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name in [
            "voiso_campaigns/__init__.py",
            "voiso_campaigns/py.typed",
            "voiso_campaigns_client/__init__.py",
            "voiso_campaigns/__pycache__/x.pyc",
            "tests/test_x.py",
            "voiso_campaigns-0.1.0.dist-info/METADATA",
        ]:
            zf.writestr(name, "")
    problems = release_check.wheel_problems(wheel)
    assert "unexpected file tests/test_x.py" in problems
    assert "unexpected file voiso_campaigns/__pycache__/x.pyc" in problems
    assert "missing voiso_campaigns_client/py.typed" in problems
    assert "missing voiso_campaigns_client/openapi.json" in problems
    assert len(problems) == 4


def test_version_relationships() -> None:
    """One package version (pyproject) feeds __version__ and the User-Agent; the spec tracks API v4."""
    import voiso_campaigns

    version = api_diff.current_version()
    assert voiso_campaigns.__version__ == version
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"campaigns": [], "metadata": {"total": 0}})

    transport = httpx.MockTransport(answer)
    with VoisoClient("k", cluster_id="cc", http_client=httpx.Client(transport=transport)) as client:
        client.campaigns.list_page()
    assert seen[0].headers["user-agent"] == f"voiso-campaigns/{version}"
    assert SPEC["info"]["version"].split(".")[0] == "4"
    assert all(path.startswith("/api/v4/") for path in SPEC["paths"])


# --- the CHANGELOG check and make release, on a throwaway clone ---------------------------


def commit_all(root: Path, message: str) -> None:
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "commit", "-qam", message], check=True)


def add_changelog_entry(root: Path, version: str, text: str) -> None:
    replace_in(
        root / "CHANGELOG.md",
        "## [Unreleased]\n",
        f"## [Unreleased]\n\n## [{version}] - 2000-01-01\n\n{text}\n",
    )


def test_release_check_wants_every_breaking_change_named(clone: Path) -> None:
    """A version entry that omits a breaking change api-diff reports is refused, by name."""
    model = clone / "generated" / "voiso_campaigns_client" / "models" / "campaign.py"
    replace_in(
        model, "    live: bool | None | Unset = UNSET", "    is_live: bool | None | Unset = UNSET"
    )
    major, minor, _ = api_diff.parse_version(api_diff.current_version(clone))
    version = f"{major + 1}.0.0" if major else f"0.{minor + 1}.0"
    set_version(clone, version)
    add_changelog_entry(clone, version, "### Changed\n- Things.")
    problems = release_check.breaking_problems(version, clone)
    assert len(problems) == 1
    assert "`Campaign.live`" in problems[0]
    replace_in(
        clone / "CHANGELOG.md", "- Things.", "- **Breaking:** `Campaign.live` is now `is_live`."
    )
    assert release_check.breaking_problems(version, clone) == []


def test_make_release_refuses_then_records(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Refused for a released version and for a dirty tree; then tags and records the commit."""
    import release

    assert release.main(["--record-only"], root=clone) == 1
    assert "already tagged" in capsys.readouterr().out
    major, minor, patch = api_diff.parse_version(api_diff.current_version(clone))
    version = f"{major}.{minor}.{patch + 1}"
    set_version(clone, version)
    add_changelog_entry(clone, version, "### Changed\n- Nothing to see.")
    assert release.main(["--record-only"], root=clone) == 1
    assert "uncommitted changes" in capsys.readouterr().out
    commit_all(clone, "bump")
    head = subprocess.run(
        ["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert release.main(["--record-only"], root=clone) == 0
    assert api_diff.last_release(clone) == (version, f"v{version}")
    assert f'version = "{version}"\ncommit = "{head}"' in (clone / "releases.toml").read_text()
    code, out = run_api_diff(clone, capsys)
    assert code == 0, out


# --- make publish ------------------------------------------------------------------------


def test_publish_needs_an_index_and_a_tag(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No VOISO_INDEX_URL: one line saying what to set; a version without its tag checked
    out: refused, naming the tag."""
    monkeypatch.delenv("VOISO_INDEX_URL", raising=False)
    assert publish.main([]) == 2
    assert "set VOISO_INDEX_URL" in capsys.readouterr().out
    monkeypatch.setattr(publish, "current_version", lambda: "97.0.0")  # never released
    monkeypatch.setenv("VOISO_INDEX_URL", "http://127.0.0.1:9/")
    assert publish.main([]) == 1
    assert "the tag v97.0.0 does not exist" in capsys.readouterr().out


def test_publish_refuses_a_version_the_index_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A version already on the index is refused in one line, and nothing is uploaded."""
    index, dist = tmp_path / "index", tmp_path / "dist"
    index.mkdir()
    dist.mkdir()
    names = ["voiso_campaigns-97.0.0-py3-none-any.whl", "voiso_campaigns-97.0.0.tar.gz"]
    for name in names:
        (dist / name).write_bytes(b"x")
    (index / names[1]).write_bytes(b"x")  # the index has the sdist of that version
    (index / "voiso_campaigns-97.0.1.tar.gz").write_bytes(b"x")  # and another version
    with publish.local_index(index) as url:
        assert publish.released_files(url, "97.0.0") == [names[1]]
        assert publish.released_files(url, "97.0.2") == []
        assert publish.publish(dist, url, "97.0.0") == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "is already on" in out
    assert "never overwritten" in out
    assert sorted(p.name for p in index.iterdir()) == sorted(
        [names[1], "voiso_campaigns-97.0.1.tar.gz"]
    )
