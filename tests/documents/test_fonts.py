"""Font discovery: embedded TrueType only, configured folder first, a Chinese error when none."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from app.documents.fonts import (
    FONT_DIR_ENV,
    REQUIRED_CHARACTERS,
    Role,
    Style,
    _has_truetype_outlines,
    default_fonts,
    find_faces,
    load_fonts,
)
from app.domain.errors import DomainError

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
needs_uming = pytest.mark.skipif(not UMING.exists(), reason="AR PL UMing not installed")


def test_no_font_anywhere_is_a_chinese_error_that_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(FONT_DIR_ENV, raising=False)
    with pytest.raises(DomainError) as caught:
        load_fonts(font_dir=tmp_path, system_dirs=[tmp_path / "nothing-here"])
    message = str(caught.value)
    assert "找不到" in message
    assert "apt-get install fonts-arphic-uming fonts-wqy-zenhei" in message
    assert "simfang.ttf" in message and "C:\\Windows\\Fonts" in message
    assert FONT_DIR_ENV in message
    assert str(tmp_path) in message


def test_otf_and_non_font_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "NotoSansCJK-Regular.otf").write_bytes(b"OTTO" + b"\0" * 200)
    (tmp_path / "readme.ttf").write_bytes(b"not a font at all")
    assert find_faces(font_dir=tmp_path, system_dirs=[]) == []


def _sfnt(version: bytes, tags: list[bytes]) -> bytes:
    header = version + struct.pack(">HHHH", len(tags), 0, 0, 0)
    return header + b"".join(tag + b"\0" * 12 for tag in tags)


def test_cff_faces_are_recognised() -> None:
    """reportlab cannot embed CFF outlines: such faces are skipped (issue 3)."""
    assert _has_truetype_outlines(_sfnt(b"\0\1\0\0", [b"cmap", b"glyf", b"head"]), 0)
    assert not _has_truetype_outlines(_sfnt(b"OTTO", [b"CFF ", b"cmap"]), 0)
    assert not _has_truetype_outlines(_sfnt(b"\0\1\0\0", [b"CFF ", b"cmap"]), 0)
    assert not _has_truetype_outlines(_sfnt(b"\0\1\0\0", [b"CFF2", b"cmap"]), 0)


@needs_uming
def test_configured_folder_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FONT_DIR_ENV, raising=False)
    (tmp_path / "uming.ttc").symlink_to(UMING)
    fonts = load_fonts(font_dir=tmp_path, system_dirs=[])
    body = fonts.roles[Role.BODY]
    assert body.configured
    assert body.family == "AR PL UMing CN"  # the simplified-Chinese face of the collection
    assert body.style is Style.SONG
    # Only one face configured: every role uses it.
    assert {face.path for face in fonts.roles.values()} == {tmp_path / "uming.ttc"}


@needs_uming
def test_environment_variable_names_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "uming.ttc").symlink_to(UMING)
    monkeypatch.setenv(FONT_DIR_ENV, os.fspath(tmp_path))
    fonts = load_fonts(system_dirs=[])
    assert fonts.roles[Role.BODY].configured


def test_system_fonts_cover_what_documents_print() -> None:
    fonts = default_fonts()
    for role in Role:
        face = fonts.roles[role]
        # Every needed character is drawn by some registered face.
        assert all(fonts.face_for(char, role) is not None for char in REQUIRED_CHARACTERS)
        assert face.path.suffix.lower() in (".ttf", ".ttc")
    # The body is a FangSong or Song face where one exists (GB/T 9704: 仿宋).
    assert fonts.roles[Role.BODY].style in (Style.FANGSONG, Style.SONG, Style.KAI)


def test_missing_glyphs_fall_back_to_another_face() -> None:
    fonts = default_fonts()
    body = fonts.roles[Role.BODY]
    # A character no CJK face has falls back to the body face itself (drawn as a box, but the
    # text still flows); a character the body has stays in one run.
    runs = fonts.runs("江城便民受〔2026〕12号", Role.BODY)
    assert runs == [(body.name, "江城便民受〔2026〕12号")]
    assert fonts.markup("a<b", Role.BODY) == "a&lt;b"
