#!/usr/bin/env python3
"""Share of pixels that differ between two PNGs of the same size (8-bit RGB or RGBA, not
interlaced: what the tour writes through stb_image_write). Prints it as a fraction 0..1.
Used by guide_pictures_test.sh: a committed user-guide picture may differ from today's tour
only where the date is drawn, never in its layout.
    png_diff.py A.png B.png"""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit(f'{path}: not a PNG')
    pos, idat, width = 8, b'', 0
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', body)
            if depth != 8 or colour not in (2, 6) or interlace:
                sys.exit(f'{path}: only 8-bit RGB/RGBA, not interlaced')
            channels = 3 if colour == 2 else 4
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(stride):
            a = row[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + a) & 255
            elif kind == 2:
                row[i] = (row[i] + b) & 255
            elif kind == 3:
                row[i] = (row[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(row))
        previous = row
    return width, height, channels, rows


def main():
    w1, h1, c1, a = pixels(sys.argv[1])
    w2, h2, c2, b = pixels(sys.argv[2])
    if (w1, h1) != (w2, h2):
        print(1.0)
        return
    differing = 0
    for ra, rb in zip(a, b):
        for x in range(w1):
            if ra[x * c1:x * c1 + 3] != rb[x * c2:x * c2 + 3]:
                differing += 1
    print(f'{differing / (w1 * h1):.5f}')


main()
