#!/usr/bin/python3
# Dumps every torch.nn.init initializer and the default initialization of common layers on the
# conformance grid, as .npy fixtures with a manifest of what each file claims (the documented law).
#
# One-line command (from the repository root; needs Debian's python3-torch, i.e. PyTorch 1.13):
#     /usr/bin/python3 conformance/torch/dump_torch.py conformance/fixtures/torch
#
# Each row of manifest.csv says which function was called with which parameters on which shape,
# the law its documentation states (claim_scheme/claim_params/claim_fans, read by
# `./initlab conformance` through the catalog), and where that documentation is. Seeds are fixed
# (SEED + row number) so a rerun with the same PyTorch build writes the same bytes.
import csv
import math
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.init as init

SEED = 20261202
DOC = "https://pytorch.org/docs/1.13/nn.init.html"
INIT_SRC = "torch/nn/init.py"


def debian_version():
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"], capture_output=True,
                             text=True, check=False).stdout.strip()
        return out or "?"
    except OSError:
        return "?"


VERSION = "%s (Debian python3-torch %s)" % (torch.__version__, debian_version())

# The grid, in PyTorch's own layouts (weight shapes as the layers store them).
#   dense_oi: nn.Linear(256, 64).weight, (out, in)          dense_io: the same layer in Keras' (in, out) layout
#   conv: nn.Conv2d(16, 32, 3).weight (OIHW)                 grouped: nn.Conv2d(16, 32, 3, groups=4).weight
#   depthwise: nn.Conv2d(32, 32, 3, groups=32).weight        transposed: nn.ConvTranspose2d(16, 32, 3).weight (IOHW)
#   bias: a (64,) vector                                     big: nn.Linear(1024, 1024).weight
SHAPES = {
    "dense_oi": (64, 256),
    "dense_io": (256, 64),
    "conv": (32, 16, 3, 3),
    "grouped": (32, 4, 3, 3),
    "depthwise": (32, 1, 3, 3),
    "transposed": (16, 32, 3, 3),
    "bias": (64,),
    "big": (1024, 1024),
}
FAN_GRID = ["dense_oi", "dense_io", "conv", "grouped", "depthwise", "transposed", "bias"]
FREE_GRID = ["dense_oi", "conv", "bias"]

rows = []
out_dir = None


def fmt_params(params):
    return ";".join("%s=%s" % (k, v) for k, v in params.items())


def record(name, params, shape_name, shape, tensor, claim_scheme, claim_params, claim_fans, claimed_law, reference,
           error="", basis="doc"):
    rid = "torch-%03d" % len(rows)
    fname = ""
    if tensor is not None:
        fname = rid + ".npy"
        np.save(os.path.join(out_dir, fname), tensor.detach().numpy().astype(np.float32, copy=False))
    rows.append({
        "id": rid, "framework": "pytorch", "version": VERSION, "initializer": name, "parameters": params,
        "shape_name": shape_name, "shape": "x".join(str(d) for d in shape), "file": fname,
        "claim_scheme": claim_scheme, "claim_params": claim_params, "claim_fans": claim_fans,
        "claimed_law": claimed_law, "reference": reference, "basis": basis, "error": error,
    })


def call(name, fn, kwargs, shape_name, claim_scheme, claim_params, claim_fans, claimed_law, ref, basis_params=None,
         basis="doc"):
    shape = SHAPES[shape_name]
    torch.manual_seed(SEED + len(rows))
    t = torch.empty(shape, dtype=torch.float32)
    shown = fmt_params(basis_params if basis_params is not None else kwargs)
    try:
        fn(t, **kwargs)
    except (ValueError, RuntimeError) as e:
        record(name, shown, shape_name, shape, None, claim_scheme, claim_params, claim_fans, claimed_law, ref,
               error=str(e).splitlines()[0], basis=basis)
        return
    record(name, shown, shape_name, shape, t, claim_scheme, claim_params, claim_fans, claimed_law, ref, basis=basis)


def main():
    global out_dir
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "conformance/fixtures/torch"
    os.makedirs(out_dir, exist_ok=True)
    ref = lambda fn: "%s %s docstring (PyTorch 1.13.1); %s#torch.nn.init.%s" % (INIT_SRC, fn, DOC, fn)

    # ---- distribution-free of fans ----
    for p, law in [({}, "U(0, 1)"), ({"a": -0.1, "b": 0.3}, "U(-0.1, 0.3)")]:
        for s in FREE_GRID:
            call("uniform_", init.uniform_, p, s, "uniform",
                 fmt_params({"low": p.get("a", 0.0), "high": p.get("b", 1.0)}), "", law, ref("uniform_"))
    for p, law in [({}, "N(0, 1)"), ({"mean": 0.5, "std": 0.02}, "N(0.5, 0.02^2)")]:
        for s in FREE_GRID:
            call("normal_", init.normal_, p, s, "normal",
                 fmt_params({"mean": p.get("mean", 0.0), "std": p.get("std", 1.0)}), "", law, ref("normal_"))
    for p, law in [({}, "N(0, 1) truncated to [-2, 2]"),
                   ({"std": 0.02}, "N(0, 0.02^2) truncated to the absolute [-2, 2] (no effective truncation)"),
                   ({"mean": 0.0, "std": 1.0, "a": -1.0, "b": 0.5}, "N(0, 1) truncated to [-1, 0.5]")]:
        for s in FREE_GRID:
            call("trunc_normal_", init.trunc_normal_, p, s, "truncated_normal",
                 fmt_params({"mean": p.get("mean", 0.0), "std": p.get("std", 1.0), "low": p.get("a", -2.0),
                             "high": p.get("b", 2.0)}), "", law, ref("trunc_normal_"))
    for s in FREE_GRID:
        call("constant_", init.constant_, {"val": 0.3}, s, "constant", "value=0.3", "", "every element 0.3",
             ref("constant_"))
        call("ones_", init.ones_, {}, s, "ones", "", "", "every element 1", ref("ones_"))
        call("zeros_", init.zeros_, {}, s, "zeros", "", "", "every element 0", ref("zeros_"))
    call("eye_", init.eye_, {}, "dense_oi", "identity", "", "", "ones on the diagonal", ref("eye_"))
    call("eye_", init.eye_, {}, "conv", "identity", "", "", "ones on the diagonal (2-D only)", ref("eye_"))
    call("dirac_", init.dirac_, {}, "conv", "dirac", "", "", "identity convolution (groups 1)", ref("dirac_"))
    call("dirac_", init.dirac_, {"groups": 2}, "conv", "dirac", "groups=2", "", "identity convolution per group (2)",
         ref("dirac_"))

    # ---- fan-based ----
    g_tanh = init.calculate_gain("tanh")
    for p, cp, law in [({}, "gain=1", "U(+-sqrt(6/(fan_in+fan_out)))"),
                       ({"gain": g_tanh}, "gain=%r" % g_tanh, "U(+-(5/3) sqrt(6/(fan_in+fan_out)))")]:
        for s in FAN_GRID:
            call("xavier_uniform_", init.xavier_uniform_, p, s, "xavier_uniform", cp, "torch", law,
                 ref("xavier_uniform_"), basis_params={"gain": "calculate_gain('tanh')"} if p else {})
    for p, cp, law in [({}, "gain=1", "N(0, 2/(fan_in+fan_out))"),
                       ({"gain": math.sqrt(2.0)}, "gain=%r" % math.sqrt(2.0), "N(0, 2 * 2/(fan_in+fan_out))")]:
        for s in FAN_GRID:
            call("xavier_normal_", init.xavier_normal_, p, s, "xavier_normal", cp, "torch", law,
                 ref("xavier_normal_"), basis_params={"gain": "sqrt(2)"} if p else {})
    for p, cp, law in [({}, "", "U(+-sqrt(2) sqrt(3/fan_in)) (a=0, leaky_relu)"),
                       ({"mode": "fan_out", "nonlinearity": "relu"}, "mode=fan_out;nonlinearity=relu",
                        "U(+-sqrt(2) sqrt(3/fan_out))"),
                       ({"a": math.sqrt(5)}, "a=%r" % math.sqrt(5), "U(+-1/sqrt(fan_in)) (a=sqrt 5)")]:
        for s in FAN_GRID:
            call("kaiming_uniform_", init.kaiming_uniform_, p, s, "kaiming_uniform", cp, "torch", law,
                 ref("kaiming_uniform_"), basis_params={"a": "sqrt(5)"} if "a" in p else p)
    for p, cp, law in [({}, "", "N(0, 2/fan_in) (a=0, leaky_relu)"),
                       ({"mode": "fan_out", "nonlinearity": "relu"}, "mode=fan_out;nonlinearity=relu",
                        "N(0, 2/fan_out)")]:
        for s in FAN_GRID:
            call("kaiming_normal_", init.kaiming_normal_, p, s, "kaiming_normal", cp, "torch", law,
                 ref("kaiming_normal_"))
    for p, cp, law in [({}, "gain=1", "(semi-)orthogonal, trailing dims flattened"),
                       ({"gain": 2.0}, "gain=2.0", "2 x (semi-)orthogonal")]:
        for s in ["dense_oi", "dense_io", "conv", "bias"]:
            call("orthogonal_", init.orthogonal_, p, s, "orthogonal", cp, "torch", law, ref("orthogonal_"))
    for s in ["dense_oi", "dense_io"]:
        call("sparse_", init.sparse_, {"sparsity": 0.1}, s, "sparse", "sparsity=0.1;std=0.01", "",
             "N(0, std^2) with std=0.01 (the argument), ceil(0.1 rows) zeros per column", ref("sparse_"))
        # the docstring's formula: non-zero elements from N(0, 0.01), in the N(mean, std^2) notation of normal_
        call("sparse_", init.sparse_, {"sparsity": 0.1}, s, "sparse", "sparsity=0.1;std=0.1", "",
             "docstring formula N(0, 0.01) read as variance 0.01 (normal_'s N(mean, std^2) notation)",
             ref("sparse_") + " (the formula line, not the std argument)", basis="doc-formula")

    # ---- layer defaults (reset_parameters), under the layer docstrings ----
    def layer(name, make, shape_name, k_text, fan_in, modref, bias=True):
        torch.manual_seed(SEED + len(rows))
        m = make()
        w = m.weight
        assert tuple(w.shape) == SHAPES[shape_name], (name, tuple(w.shape))
        record(name + ".weight", "defaults", shape_name, tuple(w.shape), w, "torch_default", "",
               "%d/%d" % (fan_in, fan_in), "U(-sqrt(k), sqrt(k)), k = " + k_text, modref)
        if bias:
            record(name + ".bias", "defaults", "bias_of_" + shape_name, tuple(m.bias.shape), m.bias,
                   "torch_bias_default", "", "%d/%d" % (fan_in, fan_in), "U(-sqrt(k), sqrt(k)), k = " + k_text,
                   modref)

    lin = "torch/nn/modules/linear.py Linear docstring (PyTorch 1.13.1); https://pytorch.org/docs/1.13/generated/torch.nn.Linear.html"
    conv = "torch/nn/modules/conv.py Conv2d docstring (PyTorch 1.13.1); https://pytorch.org/docs/1.13/generated/torch.nn.Conv2d.html"
    tconv = "torch/nn/modules/conv.py ConvTranspose2d docstring (PyTorch 1.13.1); https://pytorch.org/docs/1.13/generated/torch.nn.ConvTranspose2d.html"
    layer("nn.Linear(256,64)", lambda: nn.Linear(256, 64), "dense_oi", "1/in_features = 1/256", 256, lin)
    layer("nn.Conv2d(16,32,3)", lambda: nn.Conv2d(16, 32, 3), "conv", "groups/(C_in*3*3) = 1/144", 144, conv)
    layer("nn.Conv2d(16,32,3,groups=4)", lambda: nn.Conv2d(16, 32, 3, groups=4), "grouped",
          "groups/(C_in*3*3) = 4/144", 36, conv)
    layer("nn.Conv2d(32,32,3,groups=32)", lambda: nn.Conv2d(32, 32, 3, groups=32), "depthwise",
          "groups/(C_in*3*3) = 32/288", 9, conv)
    layer("nn.ConvTranspose2d(16,32,3)", lambda: nn.ConvTranspose2d(16, 32, 3), "transposed",
          "groups/(C_out*3*3) = 1/288", 288, tconv)
    layer("nn.Linear(1024,1024)", lambda: nn.Linear(1024, 1024), "big", "1/in_features = 1/1024", 1024, lin,
          bias=False)
    torch.manual_seed(SEED + len(rows))
    emb = nn.Embedding(1000, 64)
    record("nn.Embedding(1000,64).weight", "defaults", "embedding", tuple(emb.weight.shape), emb.weight, "normal",
           "mean=0;std=1", "", "N(0, 1)",
           "torch/nn/modules/sparse.py Embedding docstring (PyTorch 1.13.1); https://pytorch.org/docs/1.13/generated/torch.nn.Embedding.html")

    fields = ["id", "framework", "version", "initializer", "parameters", "shape_name", "shape", "file",
              "claim_scheme", "claim_params", "claim_fans", "claimed_law", "reference", "basis", "error"]
    with open(os.path.join(out_dir, "manifest.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    total = sum(os.path.getsize(os.path.join(out_dir, r["file"])) for r in rows if r["file"])
    print("wrote %d rows, %d tensors, %.2f MB to %s" % (len(rows), sum(1 for r in rows if r["file"]), total / 1e6,
                                                        out_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
