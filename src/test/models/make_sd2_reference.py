#!/usr/bin/env python3
"""Reference final latents of a tiny SD 2.x-style checkpoint, for Sd2CheckpointTest.

The checkpoint (tiny-sd2/tiny-sd2.yaml) has synthetic weights that this script and the test compute bit for bit
from the key names (make_unet_reference.py's rule: a 32-bit LCG seeded with Java's String.hashCode of the key;
matrices and kernels c * sqrt(3 / fan_in), 1-D .weight 1 + 0.1 c, biases and embeddings 0.1 c, in float32). The
text encoder's tensors are stored BF16 (the test truncates float32 to bfloat16; so does this script), the UNet's
F32, the VAE's F16, so one file mixes the three types.

The reference is written from the original sources' structure, not from Sandpaint's:
- OpenCLIP text transformer (open_clip's TextTransformer: token + positional embedding, pre-LayerNorm residual
  blocks with nn.MultiheadAttention's packed in_proj and a causal mask, GELU MLP) run to its penultimate block and
  then ln_final, as LDM's FrozenOpenCLIPEmbedder(layer="penultimate") does; token ids BOS + words + EOS, then 0
  (the WebUI's id_pad for OpenCLIP);
- the LDM UNet of make_unet_reference.py (float64);
- diffusers' EulerDiscreteScheduler with the WebUI-like "linspace" spacing and v-prediction, classifier-free
  guidance over [uncond; cond], initial latents torch.randn(generator seeded with the case's seed) * the largest
  sigma (init_noise_sigma with that spacing).

    /usr/bin/python3 src/test/models/make_sd2_reference.py

writes src/test/models/tiny-sd2/reference.json.
"""
import json
import math
import pathlib

import numpy as np
import torch
import torch.nn.functional as F
import yaml

from make_unet_reference import Unet, synthetic_weights

HERE = pathlib.Path(__file__).resolve().parent
TEXT = "cond_stage_model.model."
BOS, EOS, PAD = 49406, 49407, 0

CASES = [
    {"name": "t2i_euler_v", "prompt": "a red circle", "negative": "", "seed": 3, "steps": 6, "cfg": 7.0,
     "sampler": "Euler", "width": 64, "height": 64},
    {"name": "t2i_euler_v_negative", "prompt": "a blue square", "negative": "red", "seed": 11, "steps": 5,
     "cfg": 5.0, "sampler": "Euler", "width": 64, "height": 80},
]


def java_hash(text):
    h = 0
    for ch in text:
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    return h


def lcg_values(key, count):
    x = java_hash(key)
    words = np.empty(count, dtype=np.uint32)
    for i in range(count):
        x = (x * 1664525 + 1013904223) & 0xFFFFFFFF
        words[i] = x >> 8
    return np.float32(2) * (words.astype(np.float32) * np.float32(2.0 ** -24)) - np.float32(1)


def bf16(values):
    """float32 -> bfloat16 by dropping the low 16 bits, as the test writes the file."""
    bits = values.astype(np.float32).view(np.uint32) & np.uint32(0xFFFF0000)
    return bits.view(np.float32)


def text_weights(width, layers, inner, vocab, positions):
    shapes = {"token_embedding.weight": [vocab, width], "positional_embedding": [positions, width],
              "ln_final.weight": [width], "ln_final.bias": [width]}
    for i in range(layers):
        b = f"transformer.resblocks.{i}."
        shapes.update({b + "ln_1.weight": [width], b + "ln_1.bias": [width],
                       b + "attn.in_proj_weight": [3 * width, width], b + "attn.in_proj_bias": [3 * width],
                       b + "attn.out_proj.weight": [width, width], b + "attn.out_proj.bias": [width],
                       b + "ln_2.weight": [width], b + "ln_2.bias": [width],
                       b + "mlp.c_fc.weight": [inner, width], b + "mlp.c_fc.bias": [inner],
                       b + "mlp.c_proj.weight": [width, inner], b + "mlp.c_proj.bias": [width]})
    weights = {}
    for name, shape in shapes.items():
        c = lcg_values(TEXT + name, int(np.prod(shape)))
        if name in ("token_embedding.weight", "positional_embedding"):
            values = np.float32(0.1) * c
        elif len(shape) > 1:
            values = c * np.float32(math.sqrt(3.0 / np.prod(shape[1:])))
        elif name.endswith("weight"):
            values = np.float32(1) + np.float32(0.1) * c
        else:
            values = np.float32(0.1) * c
        weights[name] = torch.from_numpy(bf16(values).reshape(shape).astype(np.float64))
    return weights


def encode_text(w, ids, layers, heads, eps):
    x = w["token_embedding.weight"][ids] + w["positional_embedding"]
    n, width = x.shape
    d = width // heads
    mask = torch.full((n, n), float("-inf"), dtype=x.dtype).triu(1)
    for i in range(layers - 1):  # layer="penultimate": the last block is not run
        b = f"transformer.resblocks.{i}."
        h = F.layer_norm(x, (width,), w[b + "ln_1.weight"], w[b + "ln_1.bias"], eps)
        q, k, v = F.linear(h, w[b + "attn.in_proj_weight"], w[b + "attn.in_proj_bias"]).chunk(3, dim=-1)
        q, k, v = (t.reshape(n, heads, d).transpose(0, 1) for t in (q, k, v))
        attn = ((q @ k.transpose(-1, -2)) / math.sqrt(d) + mask).softmax(dim=-1) @ v
        x = x + F.linear(attn.transpose(0, 1).reshape(n, width), w[b + "attn.out_proj.weight"], w[b + "attn.out_proj.bias"])
        h = F.layer_norm(x, (width,), w[b + "ln_2.weight"], w[b + "ln_2.bias"], eps)
        x = x + F.linear(F.gelu(F.linear(h, w[b + "mlp.c_fc.weight"], w[b + "mlp.c_fc.bias"])),
                         w[b + "mlp.c_proj.weight"], w[b + "mlp.c_proj.bias"])
    return F.layer_norm(x, (width,), w["ln_final.weight"], w["ln_final.bias"], eps)


def token_ids(text, vocab):
    words = [vocab[word + "</w>"] for word in text.split()]  # single-token words only
    ids = [BOS] + words + [EOS]
    return ids + [PAD] * (77 - len(ids))


def euler_v(unet, cond, uncond, case, alphas_cumprod):
    steps = case["steps"]
    timesteps = np.linspace(0, 999, steps, dtype=np.float64)[::-1].copy()
    sigmas = ((1 - alphas_cumprod) / alphas_cumprod) ** 0.5
    sigmas = np.interp(timesteps, np.arange(0, len(sigmas)), sigmas)
    sigmas = torch.from_numpy(np.concatenate([sigmas, [0.0]]).astype(np.float32))
    init_sigma = float(sigmas.max())  # diffusers' init_noise_sigma for "linspace" spacing: the largest sigma
    generator = torch.Generator().manual_seed(case["seed"])
    x = torch.randn([1, 4, case["height"] // 8, case["width"] // 8], generator=generator) * init_sigma
    context = torch.cat([uncond, cond]).double()
    for i, t in enumerate(timesteps):
        sigma = float(sigmas[i])
        model_in = (torch.cat([x, x]) / ((sigma ** 2 + 1) ** 0.5)).double()
        out = unet.forward(model_in, torch.tensor([t, t], dtype=torch.float64), context).float()
        out_uncond, out_cond = out.chunk(2)
        v = out_uncond + case["cfg"] * (out_cond - out_uncond)
        x0 = v * (-sigma / (sigma ** 2 + 1) ** 0.5) + x / (sigma ** 2 + 1)
        derivative = (x - x0) / sigma
        x = x + derivative * (float(sigmas[i + 1]) - sigma)
    return x


def main():
    config = yaml.safe_load((HERE / "tiny-sd2" / "tiny-sd2.yaml").read_text())["model"]["params"]
    unet_params = config["unet_config"]["params"]
    text = config["cond_stage_config"]["params"]["text_config"]
    vocab = json.loads((HERE / "clip-tokenizer" / "vocab.json").read_text(encoding="utf-8"))
    tw = text_weights(text["hidden_size"], text["num_hidden_layers"], text["intermediate_size"], 49408, 77)
    unet = Unet(synthetic_weights(unet_params), unet_params)
    betas = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, 1000, dtype=torch.float32) ** 2
    alphas_cumprod = torch.cumprod(1.0 - betas, dim=0).numpy()
    results = []
    for case in CASES:
        with torch.no_grad():
            def embed(prompt):
                ids = token_ids(prompt, vocab)
                return encode_text(tw, torch.tensor(ids), text["num_hidden_layers"], text["num_attention_heads"],
                                   text["layer_norm_eps"])[None], ids
            cond, ids = embed(case["prompt"])
            uncond, _ = embed(case["negative"])
            latents = euler_v(unet, cond, uncond, case, alphas_cumprod)
        print(f"{case['name']}: ids {ids[:6]}..., latents max |x| {latents.abs().max():.4f}")
        results.append(dict(case, token_ids=ids[:ids.index(EOS) + 1],
                            latents=[float(v) for v in latents.flatten()]))
    (HERE / "tiny-sd2" / "reference.json").write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
