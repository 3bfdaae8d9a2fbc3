#!/usr/bin/env python3
"""Writes a tiny TensorFlow.js layers-model weight set by hand (json + numpy), following the
tfjs weights manifest format: groups of shard paths and weights stored end to end, little-endian.
Run: python3 make_tfjs.py"""
import json
import numpy as np

kernel = (np.arange(12, dtype=np.float32).reshape(3, 4) - 5.5) / 8      # exact in float32
bias = np.array([0.25, -0.5, 1.0, 0.0], dtype=np.float32)
half = np.array([0.5, -1.5, 2.0], dtype=np.float16)                       # float16-quantized weight
codes = np.array([1, 2, 3, 4], dtype=np.uint8)                           # uint8-quantized weight

blob1 = kernel.astype('<f4').tobytes() + bias.astype('<f4').tobytes()
open('group1-shard1of2.bin', 'wb').write(blob1[:20])
open('group1-shard2of2.bin', 'wb').write(blob1[20:])
open('group2-shard1of1.bin', 'wb').write(half.astype('<f2').tobytes() + codes.tobytes())
manifest = [
    {"paths": ["group1-shard1of2.bin", "group1-shard2of2.bin"],
     "weights": [{"name": "dense/kernel", "shape": [3, 4], "dtype": "float32"},
                 {"name": "dense/bias", "shape": [4], "dtype": "float32"}]},
    {"paths": ["group2-shard1of1.bin"],
     "weights": [{"name": "half/w", "shape": [3], "dtype": "float32", "quantization": {"dtype": "float16"}},
                 {"name": "q/w", "shape": [2, 2], "dtype": "float32",
                  "quantization": {"dtype": "uint8", "scale": 0.1, "min": -0.2}}]}]
json.dump({"format": "layers-model", "modelTopology": {}, "weightsManifest": manifest},
          open('model.json', 'w'), indent=1)
