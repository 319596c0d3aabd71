#!/usr/bin/env python3
"""Reference outputs of the LDM UNet of ../shared/fixtures/tiny-sd1-checkpoint, for UnetGraphTest.

An independent forward pass of the LDM UNetModel (CompVis/Stability stable-diffusion, openaimodel.py and
attention.py), written from those sources' structure with torch.nn.functional, in float64 on the weights as
stored (F16 widened). Upsampling resizes to the size of the skip it meets (diffusers' upsample_size), so odd
latent sides work as in diffusers.

    /usr/bin/python3 src/test/models/make_unet_reference.py [../shared]

writes src/test/models/unet-reference/*.npy (float32).
"""
import json
import math
import pathlib
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F
import yaml

PREFIX = "model.diffusion_model."
GROUPS = 32


def load_weights(path):
    dtypes = {"F16": np.float16, "F32": np.float32, "F64": np.float64}
    raw = path.read_bytes()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + size])
    data = raw[8 + size:]
    weights = {}
    for name, entry in header.items():
        if not name.startswith(PREFIX):
            continue
        begin, end = entry["data_offsets"]
        values = np.frombuffer(data[begin:end], dtype=dtypes[entry["dtype"]]).reshape(entry["shape"])
        weights[name[len(PREFIX):]] = torch.from_numpy(values.astype(np.float64))
    return weights


class Unet:
    """The forward pass, parameterised as the yaml's unet_config.params are."""

    def __init__(self, w, params):
        self.w = w
        self.model_channels = params["model_channels"]
        self.mult = params["channel_mult"]
        self.res_blocks = params["num_res_blocks"]
        self.attention_factors = params["attention_resolutions"]
        self.num_heads = params.get("num_heads", -1)
        self.head_channels = params.get("num_head_channels", -1)
        self.depth = params.get("transformer_depth", 1)
        self.linear = params.get("use_linear_in_transformer", False)

    def heads(self, width):
        return self.num_heads if self.head_channels == -1 else width // self.head_channels

    def lin(self, x, name, bias=True):
        return F.linear(x, self.w[name + ".weight"], self.w[name + ".bias"] if bias else None)

    def conv(self, x, name, stride=1):
        weight = self.w[name + ".weight"]
        return F.conv2d(x, weight, self.w[name + ".bias"], stride=stride, padding=weight.shape[-1] // 2)

    def group_norm(self, x, name, eps):
        return F.group_norm(x, GROUPS, self.w[name + ".weight"], self.w[name + ".bias"], eps)

    def time_embedding(self, t):
        half = self.model_channels // 2
        # The frequencies are float32 values in LDM (arange in float32); the rest runs in float64 here.
        freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32) / half).to(t.dtype)
        args = t[:, None] * freqs[None, :]
        sinusoid = torch.cat([torch.cos(args), torch.sin(args)], dim=-1)
        return self.lin(F.silu(self.lin(sinusoid, "time_embed.0")), "time_embed.2")

    def res_block(self, x, emb, name):
        h = self.conv(F.silu(self.group_norm(x, name + ".in_layers.0", 1e-5)), name + ".in_layers.2")
        h = h + self.lin(F.silu(emb), name + ".emb_layers.1")[:, :, None, None]
        h = self.conv(F.silu(self.group_norm(h, name + ".out_layers.0", 1e-5)), name + ".out_layers.3")
        skip = self.conv(x, name + ".skip_connection") if name + ".skip_connection.weight" in self.w else x
        return skip + h

    def attention(self, x, context, name, heads):
        q = self.lin(x, name + ".to_q", bias=False)
        k = self.lin(context, name + ".to_k", bias=False)
        v = self.lin(context, name + ".to_v", bias=False)
        b, n, inner = q.shape
        d = inner // heads

        def split(t):  # b n (h d) -> b h n d
            return t.reshape(b, t.shape[1], heads, d).permute(0, 2, 1, 3)

        scores = split(q) @ split(k).transpose(-1, -2) * d ** -0.5
        out = scores.softmax(dim=-1) @ split(v)
        return self.lin(out.permute(0, 2, 1, 3).reshape(b, n, inner), name + ".to_out.0")

    def transformer(self, x, context, name):
        b, c, height, width = x.shape
        heads = self.heads(c)
        h = self.group_norm(x, name + ".norm", 1e-6)
        if not self.linear:
            h = self.conv(h, name + ".proj_in")
        h = h.reshape(b, c, height * width).transpose(1, 2)
        if self.linear:
            h = self.lin(h, name + ".proj_in")
        for i in range(self.depth):
            blk = f"{name}.transformer_blocks.{i}"
            n1 = F.layer_norm(h, (c,), self.w[blk + ".norm1.weight"], self.w[blk + ".norm1.bias"], 1e-5)
            h = h + self.attention(n1, n1, blk + ".attn1", heads)
            n2 = F.layer_norm(h, (c,), self.w[blk + ".norm2.weight"], self.w[blk + ".norm2.bias"], 1e-5)
            h = h + self.attention(n2, context, blk + ".attn2", heads)
            n3 = F.layer_norm(h, (c,), self.w[blk + ".norm3.weight"], self.w[blk + ".norm3.bias"], 1e-5)
            value, gate = self.lin(n3, blk + ".ff.net.0.proj").chunk(2, dim=-1)
            h = h + self.lin(value * F.gelu(gate), blk + ".ff.net.2")
        if self.linear:
            h = self.lin(h, name + ".proj_out")
        h = h.transpose(1, 2).reshape(b, c, height, width)
        if not self.linear:
            h = self.conv(h, name + ".proj_out")
        return h + x

    def forward(self, x, t, context):
        emb = self.time_embedding(t)
        kept = []
        h = self.conv(x, "input_blocks.0.0")
        kept.append(h)
        block = 1
        for level in range(len(self.mult)):
            for _ in range(self.res_blocks):
                h = self.res_block(h, emb, f"input_blocks.{block}.0")
                if 2 ** level in self.attention_factors:
                    h = self.transformer(h, context, f"input_blocks.{block}.1")
                kept.append(h)
                block += 1
            if level != len(self.mult) - 1:
                h = self.conv(h, f"input_blocks.{block}.0.op", stride=2)
                kept.append(h)
                block += 1
        h = self.res_block(h, emb, "middle_block.0")
        h = self.transformer(h, context, "middle_block.1")
        h = self.res_block(h, emb, "middle_block.2")
        block = 0
        for level in reversed(range(len(self.mult))):
            for i in range(self.res_blocks + 1):
                h = self.res_block(torch.cat([h, kept.pop()], dim=1), emb, f"output_blocks.{block}.0")
                layer = 1
                if 2 ** level in self.attention_factors:
                    h = self.transformer(h, context, f"output_blocks.{block}.1")
                    layer = 2
                if level > 0 and i == self.res_blocks:
                    h = F.interpolate(h, size=kept[-1].shape[-2:], mode="nearest")
                    h = self.conv(h, f"output_blocks.{block}.{layer}.conv")
                block += 1
        h = F.silu(self.group_norm(h, "out.0", 1e-5))
        return self.conv(h, "out.2")


def ldm_weight_shapes(p):
    """Every UNet weight LDM's UNetModel declares for unet_config params p, with its shape (SD 1.x/2.x subset)."""
    shapes = {}
    mc, ted, ctx = p["model_channels"], 4 * p["model_channels"], p["context_dim"]

    def linear(name, i, o, bias=True):
        shapes[name + ".weight"] = [o, i]
        if bias:
            shapes[name + ".bias"] = [o]

    def conv(name, i, o, k):
        shapes[name + ".weight"] = [o, i, k, k]
        shapes[name + ".bias"] = [o]

    def norm(name, c):
        shapes[name + ".weight"] = [c]
        shapes[name + ".bias"] = [c]

    def res(name, i, o):
        norm(name + ".in_layers.0", i)
        conv(name + ".in_layers.2", i, o, 3)
        linear(name + ".emb_layers.1", ted, o)
        norm(name + ".out_layers.0", o)
        conv(name + ".out_layers.3", o, o, 3)
        if i != o:
            conv(name + ".skip_connection", i, o, 1)

    def transformer(name, c):
        norm(name + ".norm", c)
        for proj in ("proj_in", "proj_out"):
            if p.get("use_linear_in_transformer", False):
                linear(name + "." + proj, c, c)
            else:
                conv(name + "." + proj, c, c, 1)
        for d in range(p.get("transformer_depth", 1)):
            blk = f"{name}.transformer_blocks.{d}"
            for n in ("norm1", "norm2", "norm3"):
                norm(blk + "." + n, c)
            for attn, kv in (("attn1", c), ("attn2", ctx)):
                linear(blk + f".{attn}.to_q", c, c, bias=False)
                linear(blk + f".{attn}.to_k", kv, c, bias=False)
                linear(blk + f".{attn}.to_v", kv, c, bias=False)
                linear(blk + f".{attn}.to_out.0", c, c)
            linear(blk + ".ff.net.0.proj", c, 8 * c)
            linear(blk + ".ff.net.2", 4 * c, c)

    linear("time_embed.0", mc, ted)
    linear("time_embed.2", ted, ted)
    conv("input_blocks.0.0", p["in_channels"], mc, 3)
    chans, ch, block = [mc], mc, 1
    levels = len(p["channel_mult"])
    for level, mult in enumerate(p["channel_mult"]):
        for _ in range(p["num_res_blocks"]):
            res(f"input_blocks.{block}.0", ch, mult * mc)
            ch = mult * mc
            if 2 ** level in p["attention_resolutions"]:
                transformer(f"input_blocks.{block}.1", ch)
            chans.append(ch)
            block += 1
        if level != levels - 1:
            conv(f"input_blocks.{block}.0.op", ch, ch, 3)
            chans.append(ch)
            block += 1
    res("middle_block.0", ch, ch)
    transformer("middle_block.1", ch)
    res("middle_block.2", ch, ch)
    block = 0
    for level in reversed(range(levels)):
        mult = p["channel_mult"][level]
        for i in range(p["num_res_blocks"] + 1):
            res(f"output_blocks.{block}.0", ch + chans.pop(), mult * mc)
            ch = mult * mc
            layer = 1
            if 2 ** level in p["attention_resolutions"]:
                transformer(f"output_blocks.{block}.1", ch)
                layer = 2
            if level > 0 and i == p["num_res_blocks"]:
                conv(f"output_blocks.{block}.{layer}.conv", ch, ch, 3)
            block += 1
    norm("out.0", ch)
    conv("out.2", ch, p["out_channels"], 3)
    return shapes


def synthetic_weights(params):
    """Weights both this script and UnetGraphTest compute bit for bit (no file to commit): per key, a 32-bit
    LCG seeded with Java's String.hashCode of the full key (with PREFIX) gives u in [0, 1) with 24 bits; c = 2u - 1.
    Matrices and kernels are c * sqrt(3 / fan_in) (variance 1/fan_in); norm scales 1 + 0.1 c; biases and norm
    shifts 0.1 c; every operation in float32, so the values are exact on both sides."""
    weights = {}
    for name, shape in ldm_weight_shapes(params).items():
        seed = 0
        for ch in PREFIX + name:
            seed = (31 * seed + ord(ch)) & 0xFFFFFFFF
        count = int(np.prod(shape))
        x = seed
        words = np.empty(count, dtype=np.uint32)
        for i in range(count):
            x = (x * 1664525 + 1013904223) & 0xFFFFFFFF
            words[i] = x >> 8
        c = np.float32(2) * (words.astype(np.float32) * np.float32(2.0 ** -24)) - np.float32(1)
        if len(shape) > 1:
            values = c * np.float32(math.sqrt(3.0 / np.prod(shape[1:])))
        elif name.endswith(".weight"):
            values = np.float32(1) + np.float32(0.1) * c
        else:
            values = np.float32(0.1) * c
        weights[name] = torch.from_numpy(values.astype(np.float32).reshape(shape).astype(np.float64))
    return weights


# A tiny SD 2.x-style UNet: linear proj_in/proj_out, heads of fixed width, 2 transformer blocks, attention
# only below the first level, a context width of its own. UnetGraphTest states the same configuration and
# computes the same synthetic weights.
SD2_STYLE = {"in_channels": 4, "out_channels": 4, "model_channels": 32, "channel_mult": [1, 2],
             "num_res_blocks": 1, "attention_resolutions": [2], "num_head_channels": 16, "transformer_depth": 2,
             "context_dim": 24, "use_linear_in_transformer": True}


def main():
    shared = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")
    fixture = shared / "fixtures" / "tiny-sd1-checkpoint"
    out_dir = pathlib.Path(__file__).resolve().parent / "unet-reference"
    out_dir.mkdir(exist_ok=True)
    weights = load_weights(fixture / "tiny-sd1.safetensors")
    params = yaml.safe_load((fixture / "tiny-sd1.yaml").read_text())["model"]["params"]["unet_config"]["params"]

    rng = np.random.default_rng(20261129)
    f32 = np.float32
    context = rng.standard_normal((2, 154, params["context_dim"])).astype(f32)
    np.save(out_dir / "context.npy", context)

    # An inpainting variant: conv_in takes 5 more channels (mask + masked-picture latents), new weights random.
    conv_in = weights["input_blocks.0.0.weight"].numpy().astype(f32)
    extra = rng.standard_normal((conv_in.shape[0], 5, 3, 3)).astype(f32) * f32(conv_in.std())
    conv_in_9 = np.concatenate([conv_in, extra], axis=1)
    np.save(out_dir / "conv_in_9ch.npy", conv_in_9)
    weights_9 = dict(weights, **{"input_blocks.0.0.weight": torch.from_numpy(conv_in_9.astype(np.float64))})

    # name: (weights, batch, channels, height, width, tokens, timesteps)
    cases = {
        "square_t77": (weights, 2, 4, 8, 8, 77, [801.0, 12.75]),
        "square_t154": (weights, 2, 4, 8, 8, 154, [801.0, 12.75]),
        "wide_8x12": (weights, 2, 4, 8, 12, 77, [999.0, 0.0]),
        "odd_5x7": (weights, 1, 4, 5, 7, 77, [500.5]),
        "inpaint_9ch": (weights_9, 1, 9, 8, 8, 77, [321.0]),
    }
    for name, (w, batch, channels, height, width, tokens, timesteps) in cases.items():
        sample = rng.standard_normal((batch, channels, height, width)).astype(f32)
        t = np.array(timesteps, dtype=f32)
        ctx = context[:batch, :tokens]
        with torch.no_grad():
            out = Unet(w, params).forward(torch.from_numpy(sample).double(), torch.from_numpy(t).double(),
                                          torch.from_numpy(ctx).double())
            # How far float32 arithmetic moves it (for information)
            w32 = {k: v.float() for k, v in w.items()}
            out32 = Unet(w32, params).forward(torch.from_numpy(sample), torch.from_numpy(t),
                                              torch.from_numpy(ctx))
        ref = out.numpy()
        print(f"{name}: out {list(ref.shape)}, max |out| {np.abs(ref).max():.4f}, "
              f"float32 torch vs float64 {np.abs(out32.double().numpy() - ref).max() / np.abs(ref).max():.2e}")
        np.save(out_dir / f"{name}_sample.npy", sample)
        np.save(out_dir / f"{name}_timestep.npy", t)
        np.save(out_dir / f"{name}_out.npy", ref.astype(f32))

    # SD 2.x-style variant on synthetic weights
    sd2_weights = synthetic_weights(SD2_STYLE)
    sd2_context = rng.standard_normal((2, 77, SD2_STYLE["context_dim"])).astype(f32)
    np.save(out_dir / "sd2_style_context.npy", sd2_context)
    sample = rng.standard_normal((2, 4, 6, 10)).astype(f32)
    t = np.array([640.0, 3.5], dtype=f32)
    with torch.no_grad():
        ref = Unet(sd2_weights, SD2_STYLE).forward(torch.from_numpy(sample).double(), torch.from_numpy(t).double(),
                                                   torch.from_numpy(sd2_context).double()).numpy()
    print(f"sd2_style: out {list(ref.shape)}, max |out| {np.abs(ref).max():.4f}")
    np.save(out_dir / "sd2_style_sample.npy", sample)
    np.save(out_dir / "sd2_style_timestep.npy", t)
    np.save(out_dir / "sd2_style_out.npy", ref.astype(f32))


if __name__ == "__main__":
    main()
