"""Time :func:`reader.io.load` on big generated files: ``python -m reader.io.bench [MB]``.

Prints one line per encoding: size, detected encoding, seconds. The file is
one Arabic paragraph repeated with CRLF line endings, so detection,
decoding and line-ending unification all run on the full size.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from reader.io import load

# Written for this benchmark; representable in every codec measured.
_PARAGRAPH = (
    "أعلنت وزارة الصحة في بغداد يوم الأحد أن 1200 طبيب سينضمون إلى مستشفيات الموصل "
    "خلال العام المقبل، وقال الوزير إن الحكومة خصصت خمسين مليون دولار لتجهيزها.\r\n"
)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    megabytes = float(args[0]) if args else 50.0
    with tempfile.TemporaryDirectory() as directory:
        for codec in ("utf-8", "cp1256", "iso-8859-6", "utf-16"):
            unit = _PARAGRAPH.encode(codec.replace("utf-16", "utf-16-le"))
            data = (b"\xff\xfe" if codec == "utf-16" else b"") + unit * int(megabytes * 1e6 / len(unit))
            path = Path(directory) / f"bench-{codec}.txt"
            path.write_bytes(data)
            start = time.perf_counter()
            source = load(path)
            seconds = time.perf_counter() - start
            print(f"{codec:>11}: {len(data) / 1e6:5.1f} MB → {source.encoding:<10} {seconds:5.2f} s")
            path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
