"""write_atomic: all or nothing, and a one-line WriteError."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import reader.io.write as write_module
from reader.io import TargetExistsError, WriteError, check_writable, write_atomic

TEXT = "<p>قال العبادي إن القوات دخلت الموصل</p>\n"


def files_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def write_error(path: Path, *args: object, **kwargs: object) -> str:
    with pytest.raises(WriteError) as caught:
        write_atomic(path, *args, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"cannot write '{path}': ")
    return message


def test_writes_text_as_utf_8(tmp_path: Path) -> None:
    path = tmp_path / "out.html"
    write_atomic(path, TEXT)
    assert path.read_bytes() == TEXT.encode("utf-8")
    assert files_in(tmp_path) == ["out.html"]


def test_writes_bytes_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "out.bin"
    write_atomic(path, b"\x00\xff")
    assert path.read_bytes() == b"\x00\xff"


def test_writes_in_another_encoding(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_atomic(str(path), TEXT, encoding="cp1256")
    assert path.read_bytes() == TEXT.encode("cp1256")


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "out.html"
    path.write_text("old")
    write_atomic(path, TEXT)
    assert path.read_text(encoding="utf-8") == TEXT
    assert files_in(tmp_path) == ["out.html"]


def test_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "out.html"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, TEXT)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="umask is POSIX")
def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.html", TEXT)
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.html").stat().st_mode) == 0o644


def test_a_failed_rename_leaves_the_target_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.html"
    path.write_bytes(b"original")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write_module.os, "replace", fail)
    assert write_error(path, TEXT).endswith(": no space left on device")
    assert path.read_bytes() == b"original"
    assert files_in(tmp_path) == ["out.html"]


def test_a_failed_fsync_leaves_the_target_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.html"
    path.write_bytes(b"original")

    def fail(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(write_module.os, "fsync", fail)
    assert write_error(path, TEXT).endswith(": input/output error")
    assert path.read_bytes() == b"original"
    assert files_in(tmp_path) == ["out.html"]


def test_an_interrupt_still_cleans_up_and_propagates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.html"
    path.write_bytes(b"original")

    def interrupt(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(write_module.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, TEXT)
    assert path.read_bytes() == b"original"
    assert files_in(tmp_path) == ["out.html"]


def test_text_the_encoding_cannot_hold(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_bytes(b"original")
    message = write_error(path, "نسبة ٨٥٪", encoding="cp1256")
    assert message.endswith(": the text has characters Windows-1256 cannot store (U+0668 at position 5)")
    assert path.read_bytes() == b"original"
    assert files_in(tmp_path) == ["out.txt"]


def test_unknown_encoding(tmp_path: Path) -> None:
    message = write_error(tmp_path / "out.txt", "x", encoding="klingon")
    assert message.endswith("'klingon' is not a known encoding")


def test_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "out.html"
    assert write_error(path, TEXT).endswith("does not exist")


def test_target_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    assert write_error(tmp_path / "dir", TEXT).endswith(": it is a folder")


def test_unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse(path: str, flags: int, mode: int = 0o777) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, mode)

    monkeypatch.setattr(write_module.os, "open", refuse)
    assert write_error(tmp_path / "out.html", TEXT).endswith(": permission denied")
    assert files_in(tmp_path) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert write_error(folder / "out.html", TEXT).endswith(": permission denied")
    finally:
        folder.chmod(0o700)


def test_a_symlink_is_followed(tmp_path: Path) -> None:
    target = tmp_path / "real.html"
    target.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    write_atomic(link, TEXT)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == TEXT


def test_a_read_only_file_is_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "out.html"
    path.write_text("old")
    path.chmod(0o444)
    try:
        assert write_error(path, TEXT).endswith(": it is read-only")  # even for root
        assert path.read_text() == "old" and files_in(tmp_path) == ["out.html"]
    finally:
        path.chmod(0o644)


def test_without_overwrite_an_existing_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "out.html"
    path.write_text("old")
    with pytest.raises(TargetExistsError) as caught:
        write_atomic(path, TEXT, overwrite=False)
    assert str(caught.value) == f"cannot write '{path}': it already exists"
    assert path.read_text() == "old" and files_in(tmp_path) == ["out.html"]
    write_atomic(tmp_path / "new.html", TEXT, overwrite=False)
    assert (tmp_path / "new.html").read_text(encoding="utf-8") == TEXT
    assert files_in(tmp_path) == ["new.html", "out.html"]


def test_a_file_created_during_the_write_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.html"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:
        real_fsync(fd)
        if not path.exists():
            path.write_text("theirs")

    monkeypatch.setattr(write_module.os, "fsync", someone_else_writes)
    with pytest.raises(TargetExistsError):
        write_atomic(path, TEXT, overwrite=False)
    assert path.read_text() == "theirs" and files_in(tmp_path) == ["out.html"]


def test_without_hard_links_the_name_is_checked_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: str, target: str) -> None:
        raise PermissionError(1, "Operation not permitted")  # what FAT says

    monkeypatch.setattr(write_module.os, "link", no_links)
    write_atomic(tmp_path / "out.html", TEXT, overwrite=False)
    assert (tmp_path / "out.html").read_text(encoding="utf-8") == TEXT
    assert files_in(tmp_path) == ["out.html"]


@pytest.mark.parametrize(
    ("make", "ending"),
    [
        (lambda d: d / "out.html", None),
        (lambda d: d / "missing" / "out.html", "does not exist"),
        (lambda d: d / "file.txt" / "out.html", "is not a folder"),
        (lambda d: d, ": it is a folder"),
    ],
)
def test_check_writable_finds_the_problem_before_any_work(tmp_path: Path, make, ending) -> None:
    (tmp_path / "file.txt").write_text("x")
    path = make(tmp_path)
    if ending is None:
        check_writable(path)
        check_writable(path, overwrite=False)
    else:
        with pytest.raises(WriteError, match=ending):
            check_writable(path)
    assert files_in(tmp_path) == ["file.txt"]


def test_text_in_pieces_is_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_atomic(path, (piece for piece in ["type,name\r\n", "place,الموصل\r\n"]), encoding="utf-8-sig")
    assert path.read_bytes() == "\ufefftype,name\r\nplace,الموصل\r\n".encode()  # one BOM


def test_a_piece_the_encoding_cannot_hold_leaves_the_target(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_bytes(b"original")
    message = write_error(path, iter(["نسبة ", "٨٥٪"]), encoding="cp1256")
    assert message.endswith("(U+0668 at position 5)")
    assert path.read_bytes() == b"original" and files_in(tmp_path) == ["out.txt"]
