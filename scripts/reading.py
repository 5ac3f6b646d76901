"""Reading a release's files without trusting them: only regular files, never through a link
that leaves the release, never more bytes than a limit, never a parser that can be made to
recurse, allocate or hang without bound.

Every reader (validate, diff, evaluate, publish) reads through here. What it refuses is an
Unreadable with a report code, so a damaged or hostile folder gives a coded problem, never a
traceback, a hang on a FIFO or a read that runs until memory is gone.

A release as the Hub delivers it is accepted: `.gitattributes` at the top (every Hub repository
has it), `.cache/huggingface/` (written by `hf download --local-dir`), and the Hub's cache layout,
`<repo>/snapshots/<revision>/...` where every file is a symbolic link into `<repo>/blobs/`.
"""
from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

MAX_FILE_BYTES = 1 << 30        # no file of a release is read past 1 GiB
MAX_TEXT_BYTES = 64 << 20       # JSON, YAML and Markdown files: 64 MiB
MAX_DEPTH = 16                  # folders below the release (the build writes two)
MAX_PATH_CHARS = 1024           # a relative path in a manifest or in the folder
MAX_NAME_CHARS = 255
MAX_ENTRIES = 100_000           # files and folders listed before the listing stops
MAX_INT_DIGITS = 40             # a JSON integer longer than this is no size, offset or count
MAX_NESTING = 64                # JSON and YAML nesting
HUB_IGNORED_FILES = (".gitattributes",)           # at the top of every Hub repository
HUB_IGNORED_FOLDERS = (".cache/huggingface",)     # written by `hf download --local-dir`
OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class Unreadable(Exception):
    """A file that is not read: `code` is the report code, the message says what was found."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Entry:
    """One thing found in the release folder: its relative path, its kind and, for a kind that
    is not `file` or `folder`, why it is not read."""
    rel: str
    kind: str               # file, folder, special, link-outside, link-dangling, too-deep, unlisted
    detail: str = ""


# ---------------------------------------------------------------- single files

def read_regular(path: Path, limit: int = MAX_FILE_BYTES, follow: bool = True) -> bytes:
    """The bytes of a regular file, at most `limit` of them. Opened without blocking (a FIFO
    would wait for a writer forever) and, unless `follow`, without following a final link;
    a FIFO, device or socket is refused before a byte is read."""
    flags = OPEN_FLAGS if not follow else OPEN_FLAGS & ~getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_unreadable(path, exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("special-file", f"{path} is {kind_of(info.st_mode)}, not a regular file; not read")
        if info.st_size > limit:
            raise Unreadable("file-too-large", f"{path} has {info.st_size} bytes, more than the {limit} read at most")
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:    # it grew while being read
            raise Unreadable("file-too-large", f"{path} grew past the {limit} bytes read at most")
        return b"".join(chunks)
    except OSError as exc:
        raise _os_unreadable(path, exc) from None
    finally:
        os.close(fd)


def _os_unreadable(path, exc: OSError) -> Unreadable:
    import errno
    if exc.errno == errno.ENOENT:
        return Unreadable("file-missing", f"{path} is missing")
    if exc.errno == errno.ELOOP:
        return Unreadable("unsafe-link", f"{path} is a symbolic link; not followed")
    return Unreadable("file-corrupt", f"{path} cannot be read ({exc.strerror or exc})")


def kind_of(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return name
    return "not a regular file"


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"an integer of {len(digits)} digits (at most {MAX_INT_DIGITS} are read)")
    return int(digits)


def loads_json(data: bytes | str, what: str):
    """JSON with bounded integers and nesting: a ValueError naming `what` for anything else."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        return json.loads(text, parse_int=_parse_int)
    except RecursionError:
        raise ValueError(f"{what}: nested too deeply") from None
    except ValueError as exc:   # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise ValueError(f"{what}: {exc}") from None


try:        # libyaml when it is there: the pure-Python parser takes ~100 ms on a card
    from yaml import CSafeLoader as _SafeLoader
except ImportError:     # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _SafeLoader

_OPENS = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSES = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


class NoAliasLoader(_SafeLoader):
    """safe_load for text that passed check_yaml (see load_yaml), with integers of at most
    MAX_INT_DIGITS digits (a 5,000-digit one raises ValueError in int(), or, in hex, makes a
    number that no message can print); subclassed by the curated file's loader in source.py."""

    def construct_bounded_int(self, node):
        if len(str(node.value).lstrip("+-").replace("_", "")) > MAX_INT_DIGITS + 2:    # 0x, 0o, 0b
            raise yaml.constructor.ConstructorError(None, None, f"an integer of {len(node.value)} characters "
                                                    f"(at most {MAX_INT_DIGITS} digits are read)", node.start_mark)
        return super().construct_yaml_int(node)


NoAliasLoader.add_constructor("tag:yaml.org,2002:int", NoAliasLoader.construct_bounded_int)


def check_yaml(text: str) -> None:
    """Refuse, before anything is composed, an alias (`*a` repeating an `&a` anchor lets 1 KB
    expand to gigabytes, the billion laughs; nothing we write uses one) and nesting deeper than
    MAX_NESTING (the composer recurses once per level). One pass of the scanner over the tokens."""
    depth = 0
    for token in yaml.scan(text, Loader=_SafeLoader):
        if isinstance(token, yaml.AliasToken):
            raise yaml.composer.ComposerError(None, None, "an alias (*name); aliases are not allowed here", token.start_mark)
        if isinstance(token, _OPENS):
            depth += 1
            if depth > MAX_NESTING:
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_NESTING} levels", token.start_mark)
        elif isinstance(token, _CLOSES):
            depth -= 1


def load_yaml(text: str):
    """One YAML document, safe_load without aliases and with bounded nesting; yaml.YAMLError for
    anything refused."""
    check_yaml(text)
    loader = NoAliasLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


# ---------------------------------------------------------------- a release folder

class ReleaseFolder:
    """A release folder, read without following anything out of it.

    `read(rel)` gives a file's bytes or raises Unreadable; `entries()` lists what the folder holds,
    each with its kind, so validate can report FIFOs, links and files the build never writes."""

    def __init__(self, root: Path):
        self.root = Path(os.path.realpath(root))     # the folder the user named, wherever it is
        self.blobs = self._hub_blobs()
        self._bytes: dict[str, bytes] = {}     # each file is read once, however many checks look at it
        self._entries: list[Entry] | None = None

    def _hub_blobs(self) -> Path | None:
        """`<repo>/blobs` when the root is `<repo>/snapshots/<revision>` (the Hub's cache layout)."""
        if self.root.parent.name != "snapshots":
            return None
        blobs = self.root.parent.parent / "blobs"
        try:
            return Path(os.path.realpath(blobs)) if stat.S_ISDIR(os.lstat(blobs).st_mode) else None
        except OSError:
            return None

    # -- paths

    def path(self, rel: str) -> Path:
        """The file to open for `rel`: its place in the folder, or for a link of the Hub's cache
        layout the blob it points at. Unreadable when the path could leave the release."""
        problem = path_problem(rel)
        if problem:
            raise Unreadable("unsafe-path", f"{_short(rel)}: {problem}")
        walk = self.root
        parts = PurePosixPath(rel).parts
        for i, part in enumerate(parts):
            walk = walk / part
            try:
                mode = os.lstat(walk).st_mode
            except OSError as exc:
                raise _os_unreadable(rel, exc) from None
            if stat.S_ISLNK(mode):
                if i == len(parts) - 1:
                    return self._blob(walk, rel)
                raise Unreadable("unsafe-link", f"{rel} goes through the symbolic link {'/'.join(parts[:i + 1])}; not followed")
            if i < len(parts) - 1 and not stat.S_ISDIR(mode):
                raise Unreadable("file-missing", f"{rel} is missing ({'/'.join(parts[:i + 1])} is not a folder)")
        return walk

    def _blob(self, link: Path, rel: str) -> Path:
        """A link is followed only into the blobs of the same Hub cache repository."""
        target = Path(os.path.realpath(link))
        if self.blobs is None or target.parent != self.blobs:
            where = "does not resolve" if not os.path.lexists(target) else f"points to {target}"
            raise Unreadable("unsafe-link", f"{rel} is a symbolic link that {where}, not a blob of this Hub cache repository; not followed")
        try:
            mode = os.lstat(target).st_mode
        except OSError:
            raise Unreadable("unsafe-link", f"{rel} is a symbolic link to a missing blob {target.name}") from None
        if not stat.S_ISREG(mode):
            raise Unreadable("special-file", f"{rel} links to blob {target.name}, which is {kind_of(mode)}")
        return target

    def read(self, rel: str, limit: int = MAX_FILE_BYTES) -> bytes:
        data = self._bytes.get(rel)
        if data is None:
            data = self._bytes[rel] = read_regular(self.path(rel), limit, follow=False)
        if len(data) > limit:
            raise Unreadable("file-too-large", f"{rel} has more than the {limit} bytes read at most")
        return data

    def read_text(self, rel: str, limit: int = MAX_TEXT_BYTES) -> str:
        data = self.read(rel, limit)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Unreadable("file-corrupt", f"{rel} is not UTF-8 text ({exc})") from None

    def exists(self, rel: str) -> bool:
        try:
            self.path(rel)
        except Unreadable as exc:
            return exc.code != "file-missing"
        return os.path.lexists(self.root / rel)

    # -- listing

    def entries(self) -> list[Entry]:
        """Everything below the root, breadth first, without following links; each folder
        deeper than MAX_DEPTH is one too-deep entry (not listed further), and the listing stops
        after MAX_ENTRIES. The Hub's own files are left out (see the module docstring)."""
        if self._entries is None:
            self._entries = self._list()
        return self._entries

    def _list(self) -> list[Entry]:
        out, queue = [], [("", 0)]
        while queue:
            folder, depth = queue.pop(0)
            for name, mode in self._scan(folder, out):
                rel = f"{folder}/{name}" if folder else name
                if len(out) >= MAX_ENTRIES:
                    out.append(Entry(rel, "too-many", f"more than {MAX_ENTRIES} files and folders; the rest is not listed"))
                    return out
                entry = self._entry(rel, mode)
                if entry.kind == "folder":
                    if rel in HUB_IGNORED_FOLDERS:
                        continue
                    if depth + 1 >= MAX_DEPTH:
                        out.append(Entry(rel, "too-deep", f"a folder {depth + 2} levels down; the build writes two, at most {MAX_DEPTH} are listed"))
                        continue
                    queue.append((rel, depth + 1))
                elif not (rel in HUB_IGNORED_FILES and entry.kind == "file"):
                    out.append(entry)
        return out

    def _scan(self, folder: str, out: list) -> list[tuple[str, int]]:
        try:
            with os.scandir(self.root / folder if folder else self.root) as it:
                return sorted((e.name, e.stat(follow_symlinks=False).st_mode) for e in it)
        except OSError as exc:
            out.append(Entry(folder or ".", "unlisted", f"cannot be listed ({exc.strerror or exc})"))
            return []

    def _entry(self, rel: str, mode: int) -> Entry:
        if stat.S_ISDIR(mode):
            return Entry(rel, "folder")
        if stat.S_ISREG(mode):
            return Entry(rel, "file")
        if stat.S_ISLNK(mode):
            try:
                self._blob(self.root / rel, rel)
            except Unreadable as exc:
                kind = "link-dangling" if not os.path.exists(self.root / rel) else ("special" if exc.code == "special-file" else "link-outside")
                return Entry(rel, kind, str(exc))
            return Entry(rel, "file")
        return Entry(rel, "special", f"{rel} is {kind_of(mode)}, not a regular file; not read")

    def files(self) -> list[str]:
        """The relative paths of the regular files (and Hub blob links) in the release."""
        return [e.rel for e in self.entries() if e.kind == "file"]


def path_problem(rel) -> str | None:
    """Why a relative path (from a manifest or a card) is not one a release can hold, or None."""
    if not isinstance(rel, str) or not rel:
        return "not a path"
    if len(rel) > MAX_PATH_CHARS:
        return f"a path of {len(rel)} characters (at most {MAX_PATH_CHARS})"
    pure = PurePosixPath(rel)
    if not pure.parts or pure.parts == (".",):
        return "not a file's path"
    if pure.is_absolute() or ".." in pure.parts or "\\" in rel or "\x00" in rel or ":" in pure.parts[0]:
        return "the path leaves the release folder"
    if len(pure.parts) > MAX_DEPTH or any(len(p) > MAX_NAME_CHARS for p in pure.parts):
        return f"deeper than {MAX_DEPTH} folders or a name longer than {MAX_NAME_CHARS} characters"
    return None


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
