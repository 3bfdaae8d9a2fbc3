"""Regenerates the stats test fixtures (run from this directory with python3; needs numpy).

xavier_half_variance_300x200.npy: a NumPy-written Xavier normal array with the WRONG variance
1/(fan_in+fan_out) = 1/500 instead of 2/(fan_in+fan_out); `initlab verify` must reject it under
--scheme glorot_normal (Keras' glorot_normal is additionally truncated at +-2 std) and under
--scheme xavier_normal, and say that the variance looks like 1/(fan_in+fan_out).
"""
import numpy as np

rng = np.random.default_rng(20261123)
w = rng.normal(0.0, np.sqrt(1.0 / (300 + 200)), size=(300, 200)).astype(np.float32)
np.save("xavier_half_variance_300x200.npy", w)

# Correct weights stored in the coarse types, made with NumPy's own generator (not initlab's):
# `initlab verify` must accept them (their rounding cells are accounted for).
# glorot_uniform_f16_96x128.npy: torch (out 96, in 128): U(+-sqrt(6/(128+96))), float16, Fortran order.
lim = np.sqrt(6.0 / (128 + 96))
u = rng.uniform(-lim, lim, size=(96, 128)).astype(np.float16)
np.save("glorot_uniform_f16_96x128.npy", np.asfortranarray(u))

# he_normal_bf16.safetensors: two Keras-layout kernels (in, out) = (200, 150) and (150, 100),
# he_normal = N(0, (sqrt(2/fan_in)/0.87962566103423978)^2) truncated at +-2 std (resampled), bfloat16.
import json, struct


def truncated(shape, std):
    out = rng.normal(0.0, std, size=shape)
    bad = np.abs(out) > 2 * std
    while bad.any():
        out[bad] = rng.normal(0.0, std, size=bad.sum())
        bad = np.abs(out) > 2 * std
    return out


def bf16_bytes(a):
    bits = np.ascontiguousarray(a, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16  # round to nearest even
    return rounded.astype("<u2").tobytes()


tensors = {}
for name, (fin, fout) in {"dense1.kernel": (200, 150), "dense2.kernel": (150, 100)}.items():
    std = np.sqrt(2.0 / fin) / 0.87962566103423978
    tensors[name] = ((fin, fout), bf16_bytes(truncated((fin, fout), std)))
header, offset, blob = {}, 0, b""
for name, (shape, data) in tensors.items():
    header[name] = {"dtype": "BF16", "shape": list(shape), "data_offsets": [offset, offset + len(data)]}
    offset += len(data)
    blob += data
h = json.dumps(header, separators=(",", ":")).encode()
h += b" " * (-len(h) % 8)
with open("he_normal_bf16.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(h)) + h + blob)
