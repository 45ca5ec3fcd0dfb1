"""Find, check and register the embedded TrueType CJK fonts that every printed document uses.

A printed notice must look the same on any printer, so every font is embedded (issue 3):
reportlab's built-in CID fonts (UnicodeCIDFont) are never used, because they are not embedded
and print as blank boxes where no CJK reader font is installed; OpenType fonts with CFF outlines
(.otf, or a .ttf/.ttc whose face has a ``CFF `` table) are skipped, because reportlab can only
embed TrueType (``glyf``) outlines.

Where fonts come from, first match wins:
1. explicit font files and a font directory given by the caller (settings), or the directory in
   the ``TOWNDESK_FONT_DIR`` environment variable: any TrueType face in it is classified by its
   family name (FangSong, Song/Ming, Kai, Hei);
2. well-known system files: Windows ``C:\\Windows\\Fonts`` (simfang.ttf, simsun.ttc, simhei.ttf,
   msyh.ttc, simkai.ttf, 方正小标宋), Linux ``/usr/share/fonts`` and the user's font folders
   (AR PL UMing, AR PL UKai, WenQuanYi Zen Hei/Micro Hei, Droid Sans Fallback).

Each face is checked for the characters formal documents need (〔〕 in numbers, — in page
numbers, 〇 in dates, the capital digits of amounts); a character the chosen face lacks is drawn
from another registered face that has it (``FontSet.markup``).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFile

from app.domain.errors import DomainError

FONT_DIR_ENV = "TOWNDESK_FONT_DIR"

# Characters every document prints: the number brackets 〔〕, the page-number dash —, the 〇 of
# formal dates, capital money digits and the punctuation of formal text. A face missing one of
# these still serves, with the character drawn from another face.
REQUIRED_CHARACTERS = (
    "〔〕—〇（）：；、。，“”《》…·×"
    "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整"
    "一二三四五六七八九十年月日号第条款项目"
    "便民服务中心受理回执告知书通知单补打存根联举报奖励签收申诉复核公示"
    "0123456789ABCXZ,.-:|"
)


class Style(StrEnum):
    """Typeface families as GB/T 9704 names them."""

    XIAOBIAOSONG = "xiaobiaosong"  # 小标宋: the standard's title face
    FANGSONG = "fangsong"  # 仿宋: the standard's body face
    SONG = "song"
    KAI = "kai"
    HEI = "hei"


class Role(StrEnum):
    """What a face is used for in a document."""

    TITLE = "title"  # heading and title: 小标宋, else Hei (a bold face reads as a title), else Song
    BODY = "body"  # body text: 仿宋, else Song, else Kai, else Hei
    HEI = "hei"  # table headers, labels and the 补打 mark


# Preference of styles per role (GB/T 9704-2012 §7: title in 小标宋, body in 仿宋).
_ROLE_ORDER: Mapping[Role, Sequence[Style]] = {
    Role.TITLE: (Style.XIAOBIAOSONG, Style.HEI, Style.SONG, Style.FANGSONG, Style.KAI),
    Role.BODY: (Style.FANGSONG, Style.SONG, Style.KAI, Style.HEI, Style.XIAOBIAOSONG),
    Role.HEI: (Style.HEI, Style.XIAOBIAOSONG, Style.SONG, Style.FANGSONG, Style.KAI),
}

# Known system files (lower-case name → style). Searched in the system directories only.
_KNOWN_FILES: Mapping[str, Style] = {
    "fzxbsjw.ttf": Style.XIAOBIAOSONG,  # 方正小标宋简体
    "simfang.ttf": Style.FANGSONG,
    "fangsong_gb2312.ttf": Style.FANGSONG,
    "simsun.ttc": Style.SONG,
    "simsun.ttf": Style.SONG,
    "nsimsun.ttf": Style.SONG,
    "simhei.ttf": Style.HEI,
    "msyh.ttc": Style.HEI,
    "msyh.ttf": Style.HEI,
    "simkai.ttf": Style.KAI,
    "kaiti_gb2312.ttf": Style.KAI,
    "uming.ttc": Style.SONG,  # AR PL UMing: a Ming (Song) face
    "ukai.ttc": Style.KAI,
    "wqy-zenhei.ttc": Style.HEI,
    "wqy-microhei.ttc": Style.HEI,
    "droidsansfallbackfull.ttf": Style.HEI,
    "droidsansfallback.ttf": Style.HEI,
}

# Family-name keywords for fonts found in a configured directory (checked in this order, so that
# 仿宋 is not taken for 宋 and 小标宋 not for 宋).
_NAME_KEYWORDS: Sequence[tuple[Style, Sequence[str]]] = (
    (Style.XIAOBIAOSONG, ("xiaobiaosong", "xbs", "小标宋")),
    (Style.FANGSONG, ("fangsong", "fang song", "仿宋", "simfang")),
    (Style.KAI, ("kai", "楷")),
    (Style.HEI, ("hei", "yahei", "黑", "sans")),
    (Style.SONG, ("song", "ming", "sun", "宋", "明", "serif")),
)


def system_font_dirs() -> list[Path]:
    """Where the operating system keeps fonts (only existing folders are searched later)."""
    dirs = []
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    dirs.append(Path("C:/Windows/Fonts"))
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    home = Path.home()
    dirs += [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
        Path("/Library/Fonts"),
        home / "Library" / "Fonts",
    ]
    return dirs


@dataclass(frozen=True)
class FontFace:
    """One usable TrueType face: a file, the face's index in a collection, its style."""

    path: Path
    subfont_index: int
    family: str
    style: Style
    configured: bool
    characters: frozenset[int] = field(repr=False, compare=False)

    @cached_property
    def name(self) -> str:
        """The name the face is registered under in reportlab (unique per file and face)."""
        stem = "".join(c if c.isalnum() else "_" for c in self.path.stem)
        return f"TD_{stem}_{self.subfont_index}"

    def missing(self, text: str) -> set[str]:
        return {c for c in text if not c.isspace() and ord(c) not in self.characters}


_RUNS_KEPT = 4096


@dataclass(frozen=True)
class FontSet:
    """The faces chosen for each role, registered with reportlab and ready to draw with."""

    roles: Mapping[Role, FontFace]
    fallbacks: tuple[FontFace, ...]
    # runs() of recent texts: a document's labels recur in every notice of a batch, and page
    # counting lays each document out several times.
    _runs: dict[tuple[str, Role], list[tuple[str, str]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def name(self, role: Role) -> str:
        return self.roles[role].name

    def face_for(self, char: str, role: Role) -> FontFace | None:
        """The face that draws ``char`` in ``role``: the role's own, else the first that has it."""
        code = ord(char)
        main = self.roles[role]
        if char.isspace() or code in main.characters:
            return main
        for face in (*self.roles.values(), *self.fallbacks):
            if code in face.characters:
                return face
        return None

    def runs(self, text: str, role: Role) -> list[tuple[str, str]]:
        """Split text into (font name, run) so each run is drawn by a face that has its glyphs."""
        key = (text, role)
        known = self._runs.get(key)
        if known is not None:
            return list(known)
        out: list[tuple[str, str]] = []
        main = self.roles[role]
        for char in text:
            face = self.face_for(char, role) or main
            if out and out[-1][0] == face.name:
                out[-1] = (face.name, out[-1][1] + char)
            else:
                out.append((face.name, char))
        if len(self._runs) >= _RUNS_KEPT:
            self._runs.clear()
        self._runs[key] = out
        return list(out)

    def markup(self, text: str, role: Role) -> str:
        """Paragraph markup of plain text: XML-escaped, missing glyphs switched to a fallback face."""
        main = self.name(role)
        parts = []
        for name, run in self.runs(text, role):
            if name == main:
                parts.append(escape(run))
            else:
                parts.append(f'<font face="{name}">{escape(run)}</font>')
        return "".join(parts)


def _sfnt_offsets(data: bytes) -> list[int]:
    """Offsets of the faces in a TrueType file or collection."""
    if data[:4] == b"ttcf":
        count = struct.unpack(">I", data[8:12])[0]
        return list(struct.unpack(f">{count}I", data[12 : 12 + 4 * count]))
    return [0]


def _has_truetype_outlines(data: bytes, offset: int) -> bool:
    """True for a face with ``glyf`` outlines; False for CFF/CFF2 (OpenType PostScript) faces."""
    version = data[offset : offset + 4]
    if version == b"OTTO":
        return False
    count = struct.unpack(">H", data[offset + 4 : offset + 6])[0]
    tags = {data[offset + 12 + 16 * i : offset + 16 + 16 * i] for i in range(count)}
    return b"glyf" in tags and b"CFF " not in tags and b"CFF2" not in tags


def _classify(family: str, filename: str) -> Style | None:
    lowered = f"{family} {filename}".lower()
    known = _KNOWN_FILES.get(filename.lower())
    if known:
        return known
    for style, words in _NAME_KEYWORDS:
        if any(word in lowered for word in words):
            return style
    return None


def _faces_in_file(path: Path, *, style: Style | None, configured: bool) -> Iterator[FontFace]:
    """The usable TrueType faces of one file; CFF faces and unreadable files yield nothing."""
    if path.suffix.lower() not in (".ttf", ".ttc"):
        return  # .otf is CFF by convention; reportlab cannot embed it
    try:
        data = path.read_bytes()
        offsets = _sfnt_offsets(data)
    except (OSError, struct.error):
        return
    faces = []
    for index, offset in enumerate(offsets):
        try:
            if not _has_truetype_outlines(data, offset):
                continue
            info = TTFontFile(str(path), subfontIndex=index)
        except (TTFError, struct.error, OSError, IndexError, KeyError):
            continue
        family = info.familyName.decode("utf-8", "replace") if info.familyName else path.stem
        face_style = style or _classify(family, path.name)
        if face_style is None:
            continue
        chars = frozenset(info.charToGlyph)
        if not any(0x4E00 <= c <= 0x9FFF for c in chars):
            continue  # not a CJK face at all
        faces.append(FontFace(path, index, family, face_style, configured, chars))
    # In a collection, the simplified-Chinese face first (AR PL UMing CN, not HK/TW).
    faces.sort(key=lambda f: 0 if f.family.endswith((" CN", " SC", " GB")) else 1)
    yield from faces


def _walk(directory: Path) -> Iterator[Path]:
    try:
        for root, _dirs, files in os.walk(directory):
            for name in sorted(files):
                yield Path(root) / name
    except OSError:
        return


def find_faces(
    *,
    font_dir: Path | None = None,
    font_files: Iterable[Path] = (),
    system_dirs: Sequence[Path] | None = None,
) -> list[FontFace]:
    """Every usable face: configured files and directory first, then known system files."""
    faces: list[FontFace] = []
    for path in font_files:
        faces += _faces_in_file(Path(path), style=None, configured=True)
    configured_dir = font_dir or (
        Path(os.environ[FONT_DIR_ENV]) if os.environ.get(FONT_DIR_ENV) else None
    )
    if configured_dir is not None:
        for path in _walk(configured_dir):
            faces += _faces_in_file(path, style=None, configured=True)
    seen: set[str] = set()
    for directory in system_font_dirs() if system_dirs is None else system_dirs:
        for path in _walk(directory):
            style = _KNOWN_FILES.get(path.name.lower())
            # The same file may be reachable twice (C:/Windows/Fonts and %WINDIR%\Fonts).
            if style is None or path.name.lower() in seen:
                continue
            found = list(_faces_in_file(path, style=style, configured=False))
            if found:
                seen.add(path.name.lower())
                faces += found[:1]
    return faces


def choose(faces: Sequence[FontFace]) -> dict[Role, FontFace]:
    """The face per role: configured before system, then by the role's style preference, then by
    how many of the required characters the face has."""
    chosen = {}
    for role, order in _ROLE_ORDER.items():
        candidates = [f for f in faces if f.style in order]
        if not candidates:
            continue
        chosen[role] = min(candidates, key=lambda f: _rank(f, order))
    return chosen


def _rank(face: FontFace, order: Sequence[Style]) -> tuple[bool, int, int]:
    return (not face.configured, order.index(face.style), len(face.missing(REQUIRED_CHARACTERS)))


def _not_found_message(searched: Sequence[Path]) -> str:
    where = "、".join(str(p) for p in searched) or "（无）"
    return (
        "找不到可嵌入打印文书的中文 TrueType 字体，无法生成文书。"
        f"已查找：{where}。"
        "Windows：请确认 C:\\Windows\\Fonts 中有 simfang.ttf（仿宋）、simsun.ttc（宋体）"
        "或 simhei.ttf（黑体）；"
        "Debian/Ubuntu：请执行 sudo apt-get install fonts-arphic-uming fonts-wqy-zenhei；"
        f"也可把 .ttf/.ttc 字体文件放入一个文件夹，并在设置中指定该文件夹或设置环境变量 {FONT_DIR_ENV}。"
        "（OpenType/CFF 字体如 .otf 无法嵌入，不能使用。）"
    )


_REGISTERED: dict[tuple[Path, int], FontFace] = {}
_DEFAULT: FontSet | None = None


def _register(face: FontFace) -> None:
    key = (face.path, face.subfont_index)
    if key in _REGISTERED:
        return
    pdfmetrics.registerFont(TTFont(face.name, str(face.path), subfontIndex=face.subfont_index))
    _REGISTERED[key] = face


def load_fonts(
    *,
    font_dir: Path | None = None,
    font_files: Iterable[Path] = (),
    system_dirs: Sequence[Path] | None = None,
) -> FontSet:
    """Find, choose and register the faces; raise DomainError (in Chinese) if there are none."""
    faces = find_faces(font_dir=font_dir, font_files=font_files, system_dirs=system_dirs)
    roles = choose(faces)
    if not roles:
        searched = [Path(p) for p in font_files]
        configured = font_dir or os.environ.get(FONT_DIR_ENV)
        if configured:
            searched.append(Path(configured))
        searched += [
            d for d in (system_font_dirs() if system_dirs is None else system_dirs) if d.exists()
        ]
        raise DomainError(_not_found_message(searched))
    # A role with no face of a preferred style still gets one (every role's order lists every
    # style, so this only happens if the list of styles grows).
    for role in Role:
        roles.setdefault(role, next(iter(roles.values())))
    used = set(roles.values())
    # Fallbacks for single missing characters: the other faces, best coverage first.
    others = sorted(
        (f for f in faces if f not in used), key=lambda f: len(f.missing(REQUIRED_CHARACTERS))
    )
    fallbacks = tuple(others[:2])
    for face in (*used, *fallbacks):
        _register(face)
    return FontSet(roles=roles, fallbacks=fallbacks)


def default_fonts() -> FontSet:
    """The fonts of this machine (configured directory or system), found once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_fonts()
    return _DEFAULT
