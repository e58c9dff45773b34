"""The Maven Central download: the pom, the launcher jar's manifest, the checksums, the errors."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from conftest import REAL_DOWNLOAD_FOLDER
from newslint_languagetool import maven
from newslint_languagetool.runtime import LocalServer, installed_languagetool


def unfold(manifest: bytes) -> dict[str, str]:
    """Read a manifest as Java does: a line starting with a space continues the one before."""
    lines: list[str] = []
    for raw in manifest.decode("utf-8").split("\r\n"):
        if raw.startswith(" "):
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return dict(line.split(": ", 1) for line in lines)


def test_the_launcher_manifest_keeps_to_72_bytes_a_line_and_names_every_jar() -> None:
    jars = [f"library-with-a-rather-long-name-{i}-1.2.3.jar" for i in range(40)] + ["ünïcode-1.0.jar"]
    raw = maven.launcher_manifest(jars)
    assert all(len(line) <= 72 for line in raw.split(b"\r\n"))
    fields = unfold(raw)
    assert fields["Main-Class"] == "org.languagetool.server.HTTPServer"
    assert fields["Class-Path"].split(" ") == [f"libs/{j}" for j in jars]


def test_the_pom_asks_for_the_server_and_english_at_one_version() -> None:
    pom = maven.pom("6.8")
    assert "<artifactId>languagetool-server</artifactId><version>6.8</version>" in pom
    assert "<artifactId>language-en</artifactId><version>6.8</version>" in pom


def fake_install(folder: Path) -> Path:
    target = folder / "LanguageTool-6.8"
    (target / maven.LIBS).mkdir(parents=True)
    jar = target / maven.LIBS / "languagetool-server-6.8.jar"
    jar.write_bytes(b"not really a jar")
    (target / maven.LAUNCHER).write_bytes(b"")
    entry = {"size": jar.stat().st_size, "sha256": maven.sha256(jar)}
    (target / maven.MANIFEST).write_text(json.dumps({"version": "6.8", "jars": {jar.name: entry}}))
    return target


def test_verify_finds_a_missing_or_altered_jar(tmp_path: Path) -> None:
    target = fake_install(tmp_path)
    assert maven.verify(target) is None
    jar = target / maven.LIBS / "languagetool-server-6.8.jar"
    jar.write_bytes(b"not really a jar, altered")
    assert "changed size" in (maven.verify(target) or "")
    jar.write_bytes(b"not really a jaR")  # same size, other bytes: only the checksum tells
    assert maven.verify(target, checksums=False) is None
    assert "SHA-256" in (maven.verify(target) or "")
    jar.unlink()
    assert "missing" in (maven.verify(target) or "")
    assert installed_languagetool(tmp_path) is None  # a broken download is not used


def test_without_maven_the_error_says_what_is_needed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(maven.DownloadError, match=r"Maven \(mvn\) is not on PATH.*--source zip"):
        maven.download(tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_a_failing_maven_is_reported_by_its_first_error(tmp_path: Path) -> None:
    mvn = tmp_path / "mvn"
    mvn.write_text(
        "#!/bin/sh\necho '[INFO] Scanning'\necho '[ERROR] Could not resolve dependencies: network is unreachable'\n"
        "echo '[ERROR] '\necho '[ERROR] Re-run Maven using the -X switch'\nexit 1\n"
    )
    mvn.chmod(0o755)
    with pytest.raises(maven.DownloadError) as e:
        maven.download(tmp_path / "cache", mvn=str(mvn))
    assert "needs network access to Maven Central" in str(e.value)
    assert str(e.value).endswith("Could not resolve dependencies: network is unreachable")
    assert list((tmp_path / "cache").iterdir()) == []  # the work folder went with the failure


def test_the_real_download_is_pinned_whole_and_startable() -> None:
    install = installed_languagetool(REAL_DOWNLOAD_FOLDER)
    if install is None or maven.read_manifest(install) is None:
        if os.environ.get("NEWSLINT_TEST_REAL_LANGUAGETOOL") == "1":
            pytest.fail(f"no Maven download of LanguageTool in {REAL_DOWNLOAD_FOLDER}")
        pytest.skip(f"no Maven download of LanguageTool in {REAL_DOWNLOAD_FOLDER} (newslint languagetool download)")
    manifest = maven.read_manifest(install)
    assert manifest is not None
    assert manifest["version"] == maven.PINNED_VERSION and install.name == f"LanguageTool-{maven.PINNED_VERSION}"
    assert maven.verify(install) is None  # every jar matches the SHA-256 kept at download time
    with zipfile.ZipFile(install / maven.LAUNCHER) as z:
        class_path = unfold(z.read("META-INF/MANIFEST.MF"))["Class-Path"].split(" ")
    assert sorted(class_path) == sorted(f"libs/{j}" for j in manifest["jars"])
    assert any(j.startswith("language-en-") for j in manifest["jars"])
    # downloading again is a no-op: Maven is not even run
    assert maven.download(REAL_DOWNLOAD_FOLDER, mvn="/nonexistent/mvn") == install
    cmd = LocalServer(install, "/usr/bin/java").command()
    assert "org.languagetool.server.HTTPServer" in cmd and "--public" not in cmd
    assert not any(c.startswith("--allow-origin") for c in cmd)
