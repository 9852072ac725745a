"""Every message a user can get exists in zh-CN and en."""

from __future__ import annotations

import json
import re
from pathlib import Path

from jxc.auth.permissions import all_codes
from jxc.common.context import negotiate_language
from jxc.common.i18n import catalogue, catalogue_files

SRC = Path(__file__).resolve().parents[2] / "src" / "jxc"


def test_both_languages_have_the_same_keys_in_every_package():
    files = catalogue_files("zh-CN")
    assert files
    for zh_path in files:
        en_path = zh_path.with_name("en.json")
        zh = json.loads(zh_path.read_text(encoding="utf-8"))
        en = json.loads(en_path.read_text(encoding="utf-8"))
        assert set(zh) == set(en), zh_path.parent
        assert all(v.strip() for v in [*zh.values(), *en.values()])
    assert len(catalogue("zh-CN")) == sum(len(json.loads(f.read_text(encoding="utf-8"))) for f in files)


def test_every_error_code_raised_has_a_message():
    pattern = re.compile(
        r"\b(?:Invalid|Conflict|NotFound|Forbidden|NotAuthenticated|TooMany|BadRequest)\(\s*\"(\w+)\""
    )
    codes = set()
    for path in SRC.rglob("*.py"):
        codes.update(pattern.findall(path.read_text(encoding="utf-8")))
    assert len(codes) > 20
    missing = sorted(c for c in codes if f"error.{c}" not in catalogue("zh-CN"))
    assert missing == []


def test_every_field_error_has_a_message():
    pattern = re.compile(r"field_error\(\s*\"[\w.]+\",\s*\"(\w+)\"")
    codes = set()
    for path in SRC.rglob("*.py"):
        codes.update(pattern.findall(path.read_text(encoding="utf-8")))
    assert codes
    assert sorted(c for c in codes if f"validation.{c}" not in catalogue("zh-CN")) == []


def test_every_permission_has_a_label():
    assert sorted(c for c in all_codes() if f"perm.{c}" not in catalogue("zh-CN")) == []


def test_language_negotiation():
    assert negotiate_language(None) == "zh-CN"
    assert negotiate_language("en-US,en;q=0.9") == "en"
    assert negotiate_language("zh-CN,zh;q=0.9,en;q=0.8") == "zh-CN"
    assert negotiate_language("fr-FR") == "zh-CN"
    assert negotiate_language("zh;q=0.5, en;q=0.8") == "en"
    assert negotiate_language("en;q=abc") == "zh-CN"
