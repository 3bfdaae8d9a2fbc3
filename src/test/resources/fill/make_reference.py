#!/usr/bin/env python3
"""Independent reimplementation of initlab's documented stream layout and transforms (README,
"Generator and transforms"), written from the documentation with numpy, to produce known-answer
files that the Java tests compare bit for bit. Run: python3 make_reference.py (numpy required).

Files (little-endian, no header), generator version 2 (the current one):
  uniform_f32_seed42_n1000.bin          uniform(-1, 1) float32, seed 42, stream 0
  normal_f32_seed7_stream3_n4096.bin    normal(0, 1) float32, seed 7, stream 3
  normal_f64_seed7_stream3_n2048.bin    normal(0, 1) float64, seed 7, stream 3
and the record of generator version 1 (float32 normal kernel without fused multiply-add; the
uniform and float64 files of version 1 are byte-identical to version 2's):
  generator_v1/normal_f32_seed7_stream3_n4096.bin

python3 make_reference.py --all-nq32 OUT writes NQ32 (version 2) of all 2^24 centred inputs
v = (2m + 1 - 2^24) 2^-24, m = 0 .. 2^24-1, as 64 MiB of little-endian float32 (for a one-off
comparison with the Java kernel; not committed).
"""
import sys
import numpy as np

M0, M1, W0, W1 = 0xD2511F53, 0xCD9E8D57, 0x9E3779B9, 0xBB67AE85
MASK = 0xFFFFFFFF

def philox_words(seed, stream, nblocks):
    """Words 0 .. 4*nblocks-1: block j = Philox4x32-10(counter=(j lo, j hi, s lo, s hi), key=(seed lo, seed hi))."""
    j = np.arange(nblocks, dtype=np.uint64)
    c = [j & MASK, j >> np.uint64(32), np.full(nblocks, stream & MASK, np.uint64), np.full(nblocks, stream >> 32, np.uint64)]
    k0, k1 = seed & MASK, (seed >> 32) & MASK
    for _ in range(10):
        p0 = np.uint64(M0) * c[0]
        p1 = np.uint64(M1) * c[2]
        c = [((p1 >> np.uint64(32)) ^ c[1] ^ np.uint64(k0)) & np.uint64(MASK), p1 & np.uint64(MASK),
             ((p0 >> np.uint64(32)) ^ c[3] ^ np.uint64(k1)) & np.uint64(MASK), p0 & np.uint64(MASK)]
        k0, k1 = (k0 + W0) & MASK, (k1 + W1) & MASK
    return np.stack(c, axis=1).reshape(-1).astype(np.uint32)

f32 = np.float32

def log_f32_v1(x):
    ix = x.view(np.int32) + np.int32(0x3f800000 - 0x3f3504f3)
    k = (ix >> 23) - 127
    k = k.astype(np.float32)
    m = ((ix & np.int32(0x007fffff)) + np.int32(0x3f3504f3)).view(np.float32)
    f = m - f32(1)
    s = f / (f32(2) + f)
    s2 = s * s
    p = f32(2 / 7) + s2 * f32(2 / 9)
    p = f32(2 / 5) + s2 * p
    p = f32(2 / 3) + s2 * p
    logm = (s + s) + (s * s2) * p
    ln2_hi = np.array([0x3f317180], np.uint32).view(np.float32)[0]
    ln2_lo = f32(np.log(2.0) - np.float64(ln2_hi))
    return k * ln2_hi + (k * ln2_lo + logm)

C = [2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087,
     -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]
T = [-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773,
     -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]

def normal_from_erf_domain_v1(x):
    """NQ32 of generator version 1: every operation rounded on its own (no fused multiply-add)."""
    w = -log_f32_v1((f32(1) - x) * (f32(1) + x))
    c = w - f32(2.5)
    p = f32(C[1]) + f32(C[0]) * c
    for coef in C[2:]:
        p = f32(coef) + p * c
    t = np.sqrt(w).astype(np.float32) - f32(3)
    q = f32(T[1]) + f32(T[0]) * t
    for coef in T[2:]:
        q = f32(coef) + q * t
    p = np.where(w < f32(5), p, q).astype(np.float32)
    return (p * x) * f32(np.sqrt(2.0))

def fma32(a, b, c):
    """IEEE binary32 fusedMultiplyAdd: a*b + c with ONE rounding, for float32 arrays (numpy has no fma).
    The product of two floats is exact in float64 (48 significant bits). The float64 sum s = p + c may
    round, and rounding it again to float32 could then round twice; so s is first made the round-to-odd
    sum (Boldo & Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using
    rounding to odd", IEEE TC 57(4), 2008): the exact error e = (p + c) - s from TwoSum (exact in
    float64), and if e != 0 and s has an even last significand bit, s moves one float64 ulp towards e.
    Rounding a round-to-odd float64 (53 >= 24 + 2 bits) to float32 gives the correctly rounded float32."""
    a = np.asarray(a, np.float32)
    p = a.astype(np.float64) * np.asarray(b, np.float32).astype(np.float64)
    c = np.broadcast_to(np.asarray(c, np.float32).astype(np.float64), p.shape)
    s = p + c
    bb = s - p
    e = (p - (s - bb)) + (c - bb)
    even = (s.view(np.int64) & 1) == 0
    s = np.where((e != 0) & even, np.nextafter(s, np.where(e > 0, np.inf, -np.inf)), s)
    return s.astype(np.float32)

def log_f32(x):
    """LOG32 of generator version 2: the version 1 reduction, every a + b*c one fused multiply-add."""
    ix = x.view(np.int32) + np.int32(0x3f800000 - 0x3f3504f3)
    k = ((ix >> 23) - 127).astype(np.float32)
    m = ((ix & np.int32(0x007fffff)) + np.int32(0x3f3504f3)).view(np.float32)
    f = m - f32(1)
    s = f / (f32(2) + f)
    s2 = s * s
    p = fma32(s2, f32(2 / 9), f32(2 / 7))
    p = fma32(s2, p, f32(2 / 5))
    p = fma32(s2, p, f32(2 / 3))
    logm = fma32(s * s2, p, s + s)
    ln2_hi = np.array([0x3f317180], np.uint32).view(np.float32)[0]
    ln2_lo = f32(np.log(2.0) - np.float64(ln2_hi))
    return fma32(k, ln2_hi, fma32(k, ln2_lo, logm))

def normal_from_erf_domain(x):
    """NQ32 of generator version 2: u = fma(-x, x, 1), LOG32 as above, Horner steps p = fma(p, t, k);
    the tail polynomial's coefficients are float32(sqrt(2) * T_k) (double product) and its result is q * x."""
    x = np.asarray(x, np.float32)
    w = -log_f32(fma32(-x, x, f32(1)))
    c = w - f32(2.5)
    p = fma32(f32(C[0]), c, f32(C[1]))
    for coef in C[2:]:
        p = fma32(p, c, f32(coef))
    t = np.sqrt(w).astype(np.float32) - f32(3)
    ts = [f32(np.sqrt(2.0) * np.float64(f32(coef))) for coef in T]   # tail coefficients times sqrt 2
    q = fma32(ts[0], t, ts[1])
    for coef in ts[2:]:
        q = fma32(q, t, coef)
    return np.where(w < f32(5), (p * x) * f32(np.sqrt(2.0)), q * x).astype(np.float32)

A = [3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
     4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3]
B = [1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3, 2.1213794301586595867e+4,
     3.9307895800092710610e+4, 2.8729085735721942674e+4, 5.2264952788528545610e+3]
Cc = [1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0,
      1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4]
D = [1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1, 1.48103976427480074590e-1,
     1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9]
E = [6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1,
     2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7]
F = [1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2, 7.86869131145613259100e-4,
     1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15]

def horner(c, r):
    v = np.full_like(r, c[7])
    for i in range(6, -1, -1):
        v = c[i] + v * r
    return v

def log_f64(x):
    ix = x.view(np.int64) + np.int64(0x3ff0000000000000 - 0x3fe6a09e667f3bcd)
    k = ((ix >> 52) - 1023).astype(np.float64)
    m = ((ix & np.int64(0x000fffffffffffff)) + np.int64(0x3fe6a09e667f3bcd)).view(np.float64)
    f = m - 1.0
    s = f / (2.0 + f)
    s2 = s * s
    p = np.full_like(s, 2.0 / 23)
    for i in range(10, 0, -1):
        p = 2.0 / (2 * i + 1) + s2 * p
    logm = (s + s) + (s * s2) * p
    ln2_hi = np.array([0x3fe62e42fee00000], np.uint64).view(np.float64)[0]
    return k * ln2_hi + (k * 1.9082149292705877e-10 + logm)

def normal_quantile(p):
    q = p - 0.5
    r = 0.180625 - q * q
    central = q * horner(A, r) / horner(B, r)
    tail = np.where(q < 0, p, 1.0 - p)
    rr = np.sqrt(-log_f64(tail))
    t1 = rr - 1.6
    z1 = horner(Cc, t1) / horner(D, t1)
    t2 = rr - 5.0
    z2 = horner(E, t2) / horner(F, t2)
    z = np.where(rr <= 5.0, z1, z2)
    z = np.where(q < 0, -z, z)
    return np.where(np.abs(q) <= 0.425, central, z)

def main():
    w = philox_words(42, 0, 250)
    u = (w >> np.uint32(8)).astype(np.float32) * f32(2.0 ** -24)
    (f32(1) * (f32(2) * u - f32(1))).astype('<f4').tofile('uniform_f32_seed42_n1000.bin')

    w = philox_words(7, 3, 1024)
    m = (w >> np.uint32(8)).astype(np.int64)
    v = ((m << 1) + 1 - (1 << 24)).astype(np.float32) * f32(2.0 ** -24)
    z = normal_from_erf_domain(v)
    (f32(0) + f32(1) * z).astype('<f4').tofile('normal_f32_seed7_stream3_n4096.bin')
    z1 = normal_from_erf_domain_v1(v)
    (f32(0) + f32(1) * z1).astype('<f4').tofile('generator_v1/normal_f32_seed7_stream3_n4096.bin')

    bits = w[0::2].astype(np.uint64) | (w[1::2].astype(np.uint64) << np.uint64(32))
    p = (((bits >> np.uint64(12)) << np.uint64(1)) + np.uint64(1)).astype(np.float64) * 2.0 ** -53
    z = normal_quantile(p)
    (0.0 + 1.0 * z).astype('<f8').tofile('normal_f64_seed7_stream3_n2048.bin')

def all_nq32(out):
    m = np.arange(1 << 24, dtype=np.int64)
    v = ((m << 1) + 1 - (1 << 24)).astype(np.float32) * f32(2.0 ** -24)
    normal_from_erf_domain(v).astype('<f4').tofile(out)

if __name__ == '__main__':
    with np.errstate(all='ignore'):
        if len(sys.argv) == 3 and sys.argv[1] == '--all-nq32':
            all_nq32(sys.argv[2])
        else:
            main()
