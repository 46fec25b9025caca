"""A small PNG reader for tests: 8-bit greyscale, RGB or RGBA, every filter type, no interlace.

Enough to look at the pixels resvg writes (`decode_png(data)` → width, height, rows of RGB
tuples), so a test can say "the confidentiality mark is red" without an imaging library.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, body) of every chunk, checking each CRC."""
    assert data[:8] == SIGNATURE, "not a PNG"
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, f"bad CRC in {kind!r}"
        found.append((kind, body))
        at += 12 + length
    return found


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def decode_png(data: bytes, max_rows: int | None = None) -> tuple[int, int, list[list[tuple[int, int, int]]]]:
    """(width, height, rows): each row a list of (r, g, b), alpha composited over white.

    `max_rows` decodes only the top of the picture (pure Python is slow; the whole stream is still
    decompressed and its length checked)."""
    parts = chunks(data)
    assert parts[0][0] == b"IHDR" and parts[-1][0] == b"IEND"
    width, height, depth, colour, _compression, _filter, interlace = struct.unpack(">IIBBBBB", parts[0][1])
    assert depth == 8 and colour in CHANNELS and interlace == 0, (depth, colour, interlace)
    step = CHANNELS[colour]
    raw = zlib.decompress(b"".join(body for kind, body in parts if kind == b"IDAT"))
    stride = width * step
    assert len(raw) == height * (stride + 1)
    rows, previous = [], bytearray(stride)
    for y in range(height if max_rows is None else min(height, max_rows)):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up = previous[i]
            corner = previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + _paeth(left, up, corner)) & 0xFF
            else:
                assert kind == 0, f"filter {kind}"
        pixels = []
        for x in range(width):
            p = line[x * step : (x + 1) * step]
            if colour in (0, 4):
                r = g = b = p[0]
            else:
                r, g, b = p[0], p[1], p[2]
            alpha = p[-1] if colour in (4, 6) else 255
            pixels.append(tuple(round(v * alpha / 255 + 255 * (1 - alpha / 255)) for v in (r, g, b)))
        rows.append(pixels)
        previous = line
    return width, height, rows
