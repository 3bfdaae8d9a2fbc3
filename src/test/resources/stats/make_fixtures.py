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
