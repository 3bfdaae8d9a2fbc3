#!/usr/bin/python3
# Regenerate:  cd src/test/resources/models && /usr/bin/python3 make_fixtures.py
#
# Writes the model fixtures of ModelFixturesTest with REAL PyTorch (Debian's python3-torch, 1.13;
# numpy). Nothing here is needed in CI: the files it writes are committed.
#
#   torch_default.safetensors          a state_dict of default-initialized PyTorch modules
#   torch_default_wrong_bias.safetensors  the same, but fc.bias drawn with fan_in 512 (fc.weight's fan_out)
#                                          instead of 128: U(+-1/sqrt(512)) instead of U(+-1/sqrt(128))
#   torch_default.npz                  fc.weight / conv.weight / embedding.weight via numpy.savez_compressed
#   tiny_gpt2.safetensors              Hugging Face-style GPT-2 (GPT2Model names), initialized as
#                                      GPT2PreTrainedModel._init_weights does, n_layer 2
#   tiny_gpt2_sharded/                 the same model with GPT2LMHeadModel names (transformer. prefix),
#                                      in 2 shards + model.safetensors.index.json (Hugging Face layout)
#   tiny_gpt2_noscale.safetensors      the same without the c_proj scaling (c_proj weights N(0, 0.02^2))
#
# Sizes (chosen so that each check has power; see ModelFixturesTest):
#   fc = Linear(128, 512): weight 512x128 (65,536), bias 512; conv = Conv2d(32, 64, 3): 64x32x3x3 (18,432),
#   bias 64; deconv = ConvTranspose2d(32, 64, 4): 32x64x4x4 (32,768; fan_in 64*16), bias 64;
#   gconv = Conv2d(64, 128, 3, groups=4): 128x16x3x3 (18,432; fan_in 144), bias 128; ln = LayerNorm(256);
#   bn = BatchNorm2d(64) (+ running stats, num_batches_tracked int64); embedding = Embedding(500, 64).
#   The wrong fc.bias has half the claimed bound: with 512 draws, P(max < bound/2-ish) ~ 0.75^512, and its
#   variance is a quarter of the claimed one (z ~ 60), so it fails at any alpha.
#   GPT-2: n_embd 64, n_layer 2, vocab 500, n_positions 128: c_attn 64x192 (12,288), attn.c_proj 64x64 (4,096),
#   mlp.c_fc 64x256 (16,384), mlp.c_proj 256x64 (16,384). Without the scaling the c_proj std is 0.02 instead of
#   0.01 (variance x4), which the chi-square variance check sees at z > 100 with 4,096 elements.
#
# safetensors: the `safetensors` python package is not installed on this machine, so the files are written
# by the small writer below (header: u64 little-endian length + JSON padded with spaces to 8 bytes; data
# little-endian C order; offsets relative to the data buffer), which follows the format's specification.
import json
import math
import os
import struct

import numpy as np
import torch
from torch import nn

SEED = 20261202
DTYPES = {torch.float32: ("F32", "<f4"), torch.float64: ("F64", "<f8"), torch.int64: ("I64", "<i8")}


def save_safetensors(tensors, path, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        code, np_dtype = DTYPES[t.dtype]
        data = t.detach().contiguous().numpy().astype(np_dtype).tobytes()
        header[name] = {"dtype": code, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


class Defaults(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(128, 512)
        self.conv = nn.Conv2d(32, 64, 3)
        self.deconv = nn.ConvTranspose2d(32, 64, 4)
        self.gconv = nn.Conv2d(64, 128, 3, groups=4)
        self.ln = nn.LayerNorm(256)
        self.bn = nn.BatchNorm2d(64)
        self.embedding = nn.Embedding(500, 64)


class Conv1D(nn.Module):
    """transformers.pytorch_utils.Conv1D: weight (nx, nf) = (in, out), y = x @ W + b."""

    def __init__(self, nf, nx):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(nx, nf))
        self.bias = nn.Parameter(torch.zeros(nf))
        nn.init.normal_(self.weight, std=0.02)


class Attention(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.c_attn = Conv1D(3 * d, d)
        self.c_proj = Conv1D(d, d)


class MLP(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.c_fc = Conv1D(4 * d, d)
        self.c_proj = Conv1D(d, 4 * d)


class Block(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.ln_1 = nn.LayerNorm(d)
        self.attn = Attention(d)
        self.ln_2 = nn.LayerNorm(d)
        self.mlp = MLP(d)


class TinyGPT2(nn.Module):
    """GPT2Model's parameter names and shapes (no forward pass needed)."""

    def __init__(self, vocab=500, positions=128, d=64, n_layer=2):
        super().__init__()
        self.n_layer = n_layer
        self.wte = nn.Embedding(vocab, d)
        self.wpe = nn.Embedding(positions, d)
        self.h = nn.ModuleList([Block(d) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(d)


def hf_init_weights(model, initializer_range=0.02, scale_c_proj=True):
    """GPT2PreTrainedModel._init_weights, applied to every module as PreTrainedModel.post_init does."""

    def init(module):
        if isinstance(module, (nn.Linear, Conv1D)):
            module.weight.data.normal_(mean=0.0, std=initializer_range)
            if module.bias is not None:
                module.bias.data.zero_()
        elif isinstance(module, nn.Embedding):
            module.weight.data.normal_(mean=0.0, std=initializer_range)
            if module.padding_idx is not None:
                module.weight.data[module.padding_idx].zero_()
        elif isinstance(module, nn.LayerNorm):
            module.bias.data.zero_()
            module.weight.data.fill_(1.0)
        if scale_c_proj:
            for name, p in module.named_parameters():
                if name == "c_proj.weight":
                    p.data.normal_(mean=0.0, std=initializer_range / math.sqrt(2 * model.n_layer))

    with torch.no_grad():
        model.apply(init)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    os.chdir(here)
    torch.manual_seed(SEED)
    m = Defaults()
    sd = m.state_dict()
    meta = {"made_by": "make_fixtures.py", "torch": torch.__version__, "seed": str(SEED)}
    save_safetensors(sd, "torch_default.safetensors", meta)
    wrong = dict(sd)
    bound = 1 / math.sqrt(512)  # fc.weight is (512, 128): 512 is its fan_out, not its fan_in
    wrong["fc.bias"] = torch.empty(512).uniform_(-bound, bound)
    save_safetensors(wrong, "torch_default_wrong_bias.safetensors", meta)
    np.savez_compressed("torch_default.npz", **{k: sd[k].numpy() for k in ("fc.weight", "conv.weight", "embedding.weight")})

    torch.manual_seed(SEED + 1)
    g = TinyGPT2()
    hf_init_weights(g)
    gsd = g.state_dict()
    save_safetensors(gsd, "tiny_gpt2.safetensors", {"format": "pt"})
    os.makedirs("tiny_gpt2_sharded", exist_ok=True)
    names = list(gsd)
    half = len(names) // 2
    weight_map, total = {}, 0
    for k, part in enumerate((names[:half], names[half:])):
        shard = "model-%05d-of-00002.safetensors" % (k + 1)
        tensors = {"transformer." + n: gsd[n] for n in part}
        save_safetensors(tensors, os.path.join("tiny_gpt2_sharded", shard), {"format": "pt"})
        for n, t in tensors.items():
            weight_map[n] = shard
            total += t.numel() * t.element_size()
    with open(os.path.join("tiny_gpt2_sharded", "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=2)

    torch.manual_seed(SEED + 2)
    g2 = TinyGPT2()
    hf_init_weights(g2, scale_c_proj=False)
    save_safetensors(g2.state_dict(), "tiny_gpt2_noscale.safetensors", {"format": "pt"})


if __name__ == "__main__":
    main()
