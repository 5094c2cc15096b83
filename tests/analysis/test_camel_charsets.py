"""Tests for reader/analysis/camel_charsets.py: camel-tools' character sets served from the cache,
equal to what camel-tools builds itself."""

from __future__ import annotations

import subprocess
import sys

# Run in a fresh process with the cache in FOLDER: import the character sets through the hook and
# print a digest of every set, how they were made (cache or camel-tools), and whether the
# tokenizer and the dediacritizer work on them.
PROBE = """
import sys, hashlib
from pathlib import Path
from reader.analysis import camel_charsets
folder = Path(sys.argv[1])
sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, camel_charsets.CachedCharsets)]  # not the user's cache
camel_charsets.install(folder)
cached = camel_charsets.cache_path(folder).exists()
import camel_tools.utils.charsets as charsets
from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
for name in sorted(charsets.__all__):
    print(name, hashlib.sha256("".join(sorted(getattr(charsets, name))).encode()).hexdigest())
print("from cache" if cached else "built")
print(simple_word_tokenize("قال: الموصل، 3500!"), dediac_ar("المَوْصِلُ"))
"""

# The same digests from camel-tools itself, without the hook.
REAL = """
import hashlib, importlib.util
spec = importlib.util.find_spec("camel_tools.utils.charsets")
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
for name in sorted(module.__all__):
    print(name, hashlib.sha256("".join(sorted(getattr(module, name))).encode()).hexdigest())
"""


def run(code: str, *args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def test_the_cached_sets_are_camel_tools_own(tmp_path) -> None:
    real = run(REAL)
    assert len(real) > 20
    first = run(PROBE, str(tmp_path))
    assert first[: len(real)] == real and first[len(real)] == "built"
    (cache,) = tmp_path.glob("camel-charsets-*.marshal")
    written = cache.stat().st_mtime_ns
    second = run(PROBE, str(tmp_path))
    assert second[: len(real)] == real and second[len(real)] == "from cache"
    assert second[-1] == first[-1] == "['قال', ':', 'الموصل', '،', '3500', '!'] الموصل"
    assert cache.stat().st_mtime_ns == written  # read, not written again


def test_a_damaged_cache_is_built_again(tmp_path) -> None:
    run(PROBE, str(tmp_path))
    (cache,) = tmp_path.glob("camel-charsets-*.marshal")
    cache.write_bytes(cache.read_bytes()[:100])
    again = run(PROBE, str(tmp_path))
    assert again[-2] == "from cache"  # the file was there, unreadable: built again from camel-tools
    assert again[:-2] == run(REAL)
    assert run(PROBE, str(tmp_path))[-2] == "from cache" and cache.stat().st_size > 100_000
