from __future__ import annotations

import pytest

from geo.config import dataset_path_from_env, public_mode, settings
from geo.data.methods import suppression_rule
from geo.errors import ConfigError


def write(tmp_path, monkeypatch, text: str):
    cfg = tmp_path / "levekar.toml"
    cfg.write_text(text, encoding="utf-8")
    monkeypatch.setenv("LEVEKAR_CONFIG", str(cfg))
    return cfg


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("YES", True), ("0", False),
                                                ("off", False), ("", False)])
def test_public_switch_from_the_environment(monkeypatch, raw, expected):
    monkeypatch.setenv("LEVEKAR_PUBLIC", raw)
    assert public_mode() is expected


def test_public_switch_refuses_a_misspelt_value(monkeypatch):
    monkeypatch.setenv("LEVEKAR_PUBLIC", "ja takk")
    with pytest.raises(ConfigError, match="LEVEKAR_PUBLIC='ja takk': use 1"):
        public_mode()


def test_public_from_the_settings_file_and_env_wins(tmp_path, monkeypatch):
    write(tmp_path, monkeypatch, "[levekar]\npublic = true\n")
    assert public_mode()
    monkeypatch.setenv("LEVEKAR_PUBLIC", "0")
    assert not public_mode()


def test_default_is_internal():
    assert public_mode() is False and settings() == {}


@pytest.mark.parametrize(("text", "match"), [
    ("[levekar\n", "not a valid TOML file"),
    ("public = true\n", r"expected a \[levekar\] table"),
    ("[levekar]\npublik = true\n", "unknown setting.*publik.*known: public"),
    ("[levekar]\npublic = 'yes'\n", "public must be true or false"),
])
def test_bad_settings_files(tmp_path, monkeypatch, text, match):
    write(tmp_path, monkeypatch, text)
    with pytest.raises(ConfigError, match=match):
        public_mode()


def test_missing_named_settings_file(tmp_path, monkeypatch):
    monkeypatch.setenv("LEVEKAR_CONFIG", str(tmp_path / "nope.toml"))
    with pytest.raises(ConfigError, match="no such settings file"):
        settings()


def test_dataset_from_settings_relative_to_the_file(tmp_path, monkeypatch):
    monkeypatch.delenv("LEVEKAR_DATASET", raising=False)
    write(tmp_path, monkeypatch, "[levekar]\ndataset = 'data/mine.gpkg'\n")
    assert dataset_path_from_env() == tmp_path / "data" / "mine.gpkg"
    monkeypatch.setenv("LEVEKAR_DATASET", "/x/y.gpkg")
    assert str(dataset_path_from_env()) == "/x/y.gpkg"


def test_dataset_setting_must_be_a_path(tmp_path, monkeypatch):
    monkeypatch.delenv("LEVEKAR_DATASET", raising=False)
    write(tmp_path, monkeypatch, "[levekar]\ndataset = 3\n")
    with pytest.raises(ConfigError, match="dataset must be the path"):
        dataset_path_from_env()


def test_methods_text_follows_the_configured_rules(tmp_path, monkeypatch):
    write(tmp_path, monkeypatch, "[levekar]\n[levekar.disclosure]\nmin_denominator = 42\n")
    assert "færre enn 42" in suppression_rule("nb") and "fewer than 42" in suppression_rule("en")
    assert "visible zones only" not in suppression_rule("en")
    monkeypatch.setenv("LEVEKAR_PUBLIC", "1")
    assert "visible zones only" in suppression_rule("en")
    assert "exactly one hidden zone" in suppression_rule("en") and "bare én skjult sone" in suppression_rule("nb")
