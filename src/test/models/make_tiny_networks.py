"""Tiny LoRA and textual-inversion files with references computed by torch, for the engine's tests.

Writes src/test/models/tiny-networks/ (a few kilobytes):
  lora-base.safetensors     three checkpoint weights under their LDM keys (a Linear, a 3x3 conv, a 1x1 conv)
  loras/merge-a.safetensors kohya LoRA on all three (alpha 1.5; the 1x1 conv given Linear-shaped factors)
  loras/merge-b.safetensors kohya LoRA on the Linear and the 3x3 conv, without alpha (alpha = rank)
  lora_merge_reference.safetensors  the weights after merging merge-a at 0.8 and merge-b at -0.5;
                            the script checks each conv result against running the LoRA as two convolutions
  embeddings/tinypt.pt      A1111 .pt embedding (string_to_param {'*': tensor [3, 8]}, requires_grad)
  embeddings/tinyparam.pt   the same format holding an nn.Parameter, float16, non-contiguous (a transposed view)
  embeddings/legacy.pt      a pre-zip (torch < 1.6) pickle file
  embeddings/evil.pt        a torch.save'd dict whose value's __reduce__ calls os.system
  embeddings/evil-eval.pt   a zip pickle (protocol 4) that calls builtins.eval
  embeddings/sdxl-emb.safetensors  an SDXL embedding (clip_l, clip_g)
  embeddings_reference.json the vectors torch reads from tinypt.pt and tinyparam.pt

Run from the repository root: /usr/bin/python3 src/test/models/make_tiny_networks.py
"""
import io
import json
import os
import pickle
import struct
import zipfile

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny-networks")
DTYPES = {torch.float32: "F32", torch.float16: "F16"}


def write_safetensors(path, tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.contiguous().numpy().tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def lora_tensors(name, down, up, alpha):
    out = {name + ".lora_down.weight": down, name + ".lora_up.weight": up}
    if alpha is not None:
        out[name + ".alpha"] = torch.tensor(alpha, dtype=torch.float32)
    return out


def delta(down, up, weight_shape):
    rank = down.shape[0]
    return (up.reshape(up.shape[0], rank) @ down.reshape(rank, -1)).reshape(weight_shape)


def make_lora():
    g = torch.Generator().manual_seed(7)
    linear = "cond_stage_model.transformer.text_model.encoder.layers.0.mlp.fc1.weight"
    conv3 = "model.diffusion_model.input_blocks.1.0.in_layers.2.weight"
    conv1 = "model.diffusion_model.input_blocks.1.1.proj_in.weight"
    base = {
        linear: torch.randn(6, 5, generator=g),
        conv3: torch.randn(4, 3, 3, 3, generator=g),
        conv1: torch.randn(4, 4, 1, 1, generator=g),
    }
    write_safetensors(os.path.join(OUT, "lora-base.safetensors"), base)

    a = {
        "lora_te_text_model_encoder_layers_0_mlp_fc1": (torch.randn(2, 5, generator=g), torch.randn(6, 2, generator=g), 1.5),
        "lora_unet_down_blocks_0_resnets_0_conv1": (torch.randn(2, 3, 3, 3, generator=g), torch.randn(4, 2, 1, 1, generator=g), 1.5),
        "lora_unet_down_blocks_0_attentions_0_proj_in": (torch.randn(2, 4, generator=g), torch.randn(4, 2, generator=g), 1.5),
    }
    b = {
        "lora_te_text_model_encoder_layers_0_mlp_fc1": (torch.randn(3, 5, generator=g), torch.randn(6, 3, generator=g), None),
        "lora_unet_down_blocks_0_resnets_0_conv1": (torch.randn(3, 3, 3, 3, generator=g), torch.randn(4, 3, 1, 1, generator=g), None),
    }
    targets = {
        "lora_te_text_model_encoder_layers_0_mlp_fc1": linear,
        "lora_unet_down_blocks_0_resnets_0_conv1": conv3,
        "lora_unet_down_blocks_0_attentions_0_proj_in": conv1,
    }
    for file, modules in (("merge-a", a), ("merge-b", b)):
        tensors = {}
        for name, (down, up, alpha) in modules.items():
            tensors.update(lora_tensors(name, down, up, alpha))
        write_safetensors(os.path.join(OUT, "loras", file + ".safetensors"), tensors,
                          {"ss_network_module": "networks.lora", "ss_base_model_version": "sd_v1"})

    merged = {k: v.clone() for k, v in base.items()}
    for modules, multiplier in ((a, 0.8), (b, -0.5)):
        for name, (down, up, alpha) in modules.items():
            key = targets[name]
            rank = down.shape[0]
            scale = multiplier * ((alpha if alpha is not None else rank) / rank)
            merged[key] = merged[key] + scale * delta(down, up, base[key].shape)
    # Independent check of the conv merges: the LoRA run as its two convolutions adds the same output.
    x = torch.randn(1, 3, 7, 7, generator=g)
    expected = F.conv2d(x, base[conv3], padding=1)
    for modules, multiplier in ((a, 0.8), (b, -0.5)):
        down, up, alpha = modules["lora_unet_down_blocks_0_resnets_0_conv1"]
        rank = down.shape[0]
        expected = expected + multiplier * (alpha or rank) / rank * F.conv2d(F.conv2d(x, down, padding=1), up)
    assert torch.allclose(F.conv2d(x, merged[conv3], padding=1), expected, atol=1e-4)
    x1 = torch.randn(1, 4, 5, 5, generator=g)
    down, up, alpha = a["lora_unet_down_blocks_0_attentions_0_proj_in"]
    expected1 = F.conv2d(x1, base[conv1]) + 0.8 * alpha / 2 * F.conv2d(F.conv2d(x1, down[:, :, None, None]), up[:, :, None, None])
    assert torch.allclose(F.conv2d(x1, merged[conv1]), expected1, atol=1e-4)
    write_safetensors(os.path.join(OUT, "lora_merge_reference.safetensors"), merged)


class CallsSystem:
    def __reduce__(self):
        return os.system, ("echo sandpaint-test-pickle-ran > /tmp/sandpaint-pickle-ran",)


def zip_pickle(path, pickle_bytes):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("archive/data.pkl", pickle_bytes)
        z.writestr("archive/version", "3\n")


def make_embeddings():
    g = torch.Generator().manual_seed(11)
    emb_dir = os.path.join(OUT, "embeddings")
    os.makedirs(emb_dir, exist_ok=True)
    vec = torch.randn(3, 8, generator=g).requires_grad_(True)
    torch.save({"string_to_token": {"*": 265}, "string_to_param": {"*": vec}, "name": "tinypt", "step": 100,
                "sd_checkpoint": None, "sd_checkpoint_name": None}, os.path.join(emb_dir, "tinypt.pt"))
    param = torch.nn.Parameter(torch.randn(8, 2, generator=g).half().t())  # [2, 8], strides (1, 2)
    assert not param.is_contiguous()
    torch.save({"string_to_param": {"*": param}, "name": "tinyparam", "step": 7}, os.path.join(emb_dir, "tinyparam.pt"))
    torch.save({"string_to_param": {"*": torch.zeros(1, 8)}}, os.path.join(emb_dir, "legacy.pt"),
               _use_new_zipfile_serialization=False)
    torch.save({"string_to_param": {"*": CallsSystem()}}, os.path.join(emb_dir, "evil.pt"))

    class CallsEval:
        def __reduce__(self):
            return eval, ("print('sandpaint-test-pickle-ran')",)
    zip_pickle(os.path.join(emb_dir, "evil-eval.pt"), pickle.dumps({"string_to_param": {"*": CallsEval()}}, protocol=4))
    write_safetensors(os.path.join(emb_dir, "sdxl-emb.safetensors"),
                      {"clip_l": torch.randn(2, 8, generator=g), "clip_g": torch.randn(2, 12, generator=g)})

    reference = {}
    for name in ("tinypt", "tinyparam"):
        data = torch.load(os.path.join(emb_dir, name + ".pt"))
        reference[name] = data["string_to_param"]["*"].detach().float().tolist()
    with open(os.path.join(OUT, "embeddings_reference.json"), "w") as f:
        json.dump(reference, f, indent=1)


if __name__ == "__main__":
    make_lora()
    make_embeddings()
