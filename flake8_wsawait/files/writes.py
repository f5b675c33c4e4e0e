"""Writing a fixed file: atomically, only over the bytes that were read, keeping its
mode, owner and extended attributes."""

from __future__ import annotations

import os
import stat


class FileChanged(Exception):
    """The file is no longer what was read: someone saved it meanwhile."""


def replace_contents(path: str, data: bytes, expected: bytes) -> None:
    """Replace the file's contents with `data`, only while it still holds `expected`.

    Through a symlink, its target is written. A file with one link is replaced
    in one step (a temporary file renamed over it: a reader sees the old or
    the new contents), keeping its mode, owner where permitted, and extended
    attributes. A file with several hard links is rewritten in place instead,
    so that every link keeps seeing it; that write is not atomic.
    """
    real = os.path.realpath(path)
    status = os.stat(real)
    if status.st_nlink > 1:
        _rewrite_in_place(real, data, expected)
        return
    import tempfile  # only a run that writes pays for it

    directory, name = os.path.split(real)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".wsawait")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        try:
            os.chown(temporary, status.st_uid, status.st_gid)
        except OSError:
            pass  # not permitted for this user: the new file is theirs
        _copy_extended_attributes(real, temporary)
        with open(real, "rb") as current:
            if current.read() != expected:
                raise FileChanged(real)
        os.replace(temporary, real)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _rewrite_in_place(real: str, data: bytes, expected: bytes) -> None:
    with open(real, "r+b") as stream:
        if stream.read() != expected:
            raise FileChanged(real)
        stream.seek(0)
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


def _copy_extended_attributes(source: str, target: str) -> None:
    if not hasattr(os, "listxattr"):  # Linux only
        return
    try:
        names = os.listxattr(source)
    except OSError:
        return
    for name in names:
        try:
            os.setxattr(target, name, os.getxattr(source, name))
        except OSError:
            pass  # e.g. a security label this user may not set
