#!/usr/bin/env python3
"""Generates the tiny tensor fixtures the dev.initlab.io tests read.

Run from this directory with NumPy installed (not a project dependency):
    python3 make_fixtures.py
The .npy files are written by numpy.save; the .safetensors file is assembled by hand from
json + struct exactly as the format describes (the safetensors package is not used).
The values are chosen to be exact in every dtype used, so the Java tests assert them exactly.
"""
import json
import struct

import numpy as np

# 2x3 values exact in float16, bfloat16, float32 and float64
BASE = np.array([[0.5, -1.25, 3.0], [1024.0, -0.0, 0.15625]])

np.save("c_f2.npy", BASE.astype("<f2"))
np.save("c_f4.npy", BASE.astype("<f4"))
np.save("c_f8.npy", BASE.astype("<f8"))
np.save("fortran_f4.npy", np.asfortranarray(BASE.astype("<f4")))
# 3-D Fortran-ordered: element [i, j, k] = 100*i + 10*j + k
np.save("fortran3d_f8.npy", np.asfortranarray(
    np.fromfunction(lambda i, j, k: 100 * i + 10 * j + k, (2, 3, 4), dtype="<f8")))
np.save("big_endian_f8.npy", BASE.astype(">f8"))
np.save("big_endian_f4.npy", BASE.astype(">f4"))
np.save("scalar_f8.npy", np.array(2.5, dtype="<f8"))
np.save("vector_f4.npy", np.arange(5, dtype="<f4") / 4)
np.save("special_f4.npy", np.array([np.nan, np.inf, -np.inf, 1e-45], dtype="<f4"))
np.save("int32.npy", np.arange(3, dtype="<i4"))


def bf16_bytes(a):
    """bfloat16 little-endian: the high 16 bits of each float32 (exact for these values)."""
    bits = np.asarray(a, dtype="<f4").view("<u4")
    assert np.all((bits & 0xFFFF) == 0), "value not exact in bfloat16"
    return (bits >> 16).astype("<u2").tobytes()


tensors = [  # name, dtype, shape, little-endian bytes
    ("w16", "F16", [2, 3], BASE.astype("<f2").tobytes()),
    ("wbf16", "BF16", [2, 3], bf16_bytes(BASE)),
    ("w32", "F32", [3], np.array([1.5, -2.0, 0.1], dtype="<f4").tobytes()),
    ("w64", "F64", [], np.array(0.1, dtype="<f8").tobytes()),
    ("idx", "I32", [2], np.array([7, 9], dtype="<i4").tobytes()),
]
header, data = {"__metadata__": {"format": "pt", "made_by": "make_fixtures.py"}}, b""
for name, dtype, shape, raw in tensors:
    header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
    data += raw
text = json.dumps(header, separators=(",", ":")).encode("utf-8")
text += b" " * (-len(text) % 8)  # pad to 8-byte alignment, as the reference writer does
with open("mixed.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + data)
