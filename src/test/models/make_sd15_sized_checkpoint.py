#!/usr/bin/python3
"""A single-file LDM checkpoint with SD 1.5's architecture and sizes and random F16 weights, for benchmarks.

The checkpoint counterpart of make_sd15_sized_model.py (same architecture, as an ONNX folder): every tensor a
real SD 1.5 .safetensors file has (model.diffusion_model.*, first_stage_model.*,
cond_stage_model.transformer.text_model.*) with its shape, values drawn at random (a step costs the same whatever
the weights). The file is ~2.1 GB: write it outside the repository. It is written tensor by tensor, so it needs
little memory (python3-numpy; the UNet's key list comes from make_unet_reference.py).

    /usr/bin/python3 src/test/models/make_sd15_sized_checkpoint.py OUT.safetensors
    ./sandpaint benchmark --model OUT.safetensors --size 256 --steps 4 --runs 1 --device cpu
"""
import json
import struct
import sys

import numpy as np

from make_unet_reference import ldm_weight_shapes

SD15_UNET = {"in_channels": 4, "out_channels": 4, "model_channels": 320, "channel_mult": [1, 2, 4, 4],
             "num_res_blocks": 2, "attention_resolutions": [4, 2, 1], "num_heads": 8, "transformer_depth": 1,
             "context_dim": 768, "use_linear_in_transformer": False}


def vae_shapes(ch=128, mult=(1, 2, 4, 4), blocks=2, z=4):
    shapes = {}

    def conv(name, i, o, k):
        shapes[name + ".weight"] = [o, i, k, k]
        shapes[name + ".bias"] = [o]

    def norm(name, c):
        shapes[name + ".weight"] = [c]
        shapes[name + ".bias"] = [c]

    def res(name, i, o):
        norm(name + ".norm1", i)
        conv(name + ".conv1", i, o, 3)
        norm(name + ".norm2", o)
        conv(name + ".conv2", o, o, 3)
        if i != o:
            conv(name + ".nin_shortcut", i, o, 1)

    def mid(name, c):
        res(name + ".block_1", c, c)
        norm(name + ".attn_1.norm", c)
        for p in ("q", "k", "v", "proj_out"):
            conv(name + ".attn_1." + p, c, c, 1)
        res(name + ".block_2", c, c)

    conv("encoder.conv_in", 3, ch, 3)
    width = ch
    for level, m in enumerate(mult):
        for b in range(blocks):
            res(f"encoder.down.{level}.block.{b}", width, ch * m)
            width = ch * m
        if level != len(mult) - 1:
            conv(f"encoder.down.{level}.downsample.conv", width, width, 3)
    mid("encoder.mid", width)
    norm("encoder.norm_out", width)
    conv("encoder.conv_out", width, 2 * z, 3)
    conv("quant_conv", 2 * z, 2 * z, 1)
    conv("post_quant_conv", z, z, 1)
    width = ch * mult[-1]
    conv("decoder.conv_in", z, width, 3)
    mid("decoder.mid", width)
    for level in reversed(range(len(mult))):
        for b in range(blocks + 1):
            res(f"decoder.up.{level}.block.{b}", width, ch * mult[level])
            width = ch * mult[level]
        if level != 0:
            conv(f"decoder.up.{level}.upsample.conv", width, width, 3)
    norm("decoder.norm_out", width)
    conv("decoder.conv_out", width, 3, 3)
    return shapes


def clip_shapes(width=768, layers=12, inner=3072):
    shapes = {"embeddings.token_embedding.weight": [49408, width], "embeddings.position_embedding.weight": [77, width],
              "final_layer_norm.weight": [width], "final_layer_norm.bias": [width]}
    for i in range(layers):
        b = f"encoder.layers.{i}."
        for p in ("q_proj", "k_proj", "v_proj", "out_proj"):
            shapes[b + f"self_attn.{p}.weight"] = [width, width]
            shapes[b + f"self_attn.{p}.bias"] = [width]
        for n in ("layer_norm1", "layer_norm2"):
            shapes[b + n + ".weight"] = [width]
            shapes[b + n + ".bias"] = [width]
        shapes[b + "mlp.fc1.weight"] = [inner, width]
        shapes[b + "mlp.fc1.bias"] = [inner]
        shapes[b + "mlp.fc2.weight"] = [width, inner]
        shapes[b + "mlp.fc2.bias"] = [width]
    return shapes


def main():
    out = sys.argv[1]
    tensors = {}
    tensors.update({"model.diffusion_model." + k: v for k, v in ldm_weight_shapes(SD15_UNET).items()})
    tensors.update({"first_stage_model." + k: v for k, v in vae_shapes().items()})
    tensors.update({"cond_stage_model.transformer.text_model." + k: v for k, v in clip_shapes().items()})
    header, offset = {}, 0
    for name in sorted(tensors):
        size = int(np.prod(tensors[name])) * 2
        header[name] = {"dtype": "F16", "shape": tensors[name], "data_offsets": [offset, offset + size]}
        offset += size
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    rng = np.random.default_rng(15)
    with open(out, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for name in sorted(tensors):
            shape = tensors[name]
            scale = 1.0 / np.sqrt(np.prod(shape[1:])) if len(shape) > 1 else 0.02
            values = rng.standard_normal(int(np.prod(shape)), dtype=np.float32) * np.float32(scale)
            if len(shape) == 1 and name.endswith(".weight"):
                values += np.float32(1)
            f.write(values.astype("<f2").tobytes())
    params = sum(int(np.prod(s)) for s in tensors.values())
    print(f"{out}: {len(tensors)} tensors, {params:,} parameters, {offset / 1e9:.2f} GB of data")


if __name__ == "__main__":
    main()
