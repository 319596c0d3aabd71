#!/usr/bin/python3
"""Tiny Stable-Diffusion-shaped ONNX models for Sandpaint's tests.

Why: the engine must adapt to every ONNX layout users download (see ../shared/notes/onnx-layouts.md).
These folders hold the SAME random-weight networks exported in several layouts, so the Java tests can check
that each layout loads and that they all give the same picture. They are a few hundred kilobytes each and
are committed, so `mvn verify` runs them on a fresh clone.

Run (Debian: apt-get install python3-torch python3-onnx), from the repository root:
    /usr/bin/python3 src/test/models/make_tiny_models.py [path/to/clip-tokenizer]
The tokenizer folder defaults to ../shared/clip-tokenizer (the real CLIP vocabulary, MIT licence).

Folders written under src/test/models/:
  tiny-optimum    Optimum >= 1.24: input_ids int64, timestep float32 scalar [], UNet weights in
                  unet/model.onnx_data, VAE encoder returns latent_parameters (mean, logvar).
  tiny-legacy     old onnx branches: input_ids int32, timestep int64 [1], every part fixed to batch 1,
                  UNet weights in unet/weights.pb, VAE encoder returns latent_sample (the mean),
                  vae_decoder/config.json with the scaling factor.
  tiny-io16       Olive/AMD "io16": every float input and output float16, timestep float16 [batch],
                  UNet weights in unet/model.onnx.data; text encoder at opset 17 (LayerNormalization nodes).
  tiny-inpaint    tiny-optimum with a 9-channel UNet (latents + mask + masked-picture latents).
  tiny-hidden-states  only a text encoder, which also outputs hidden_states.0..3 (as SDXL exports do).
"""
import json
import math
import os
import shutil
import sys

import onnx
import torch
from onnx import numpy_helper, TensorProto
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = 49408
WIDTH = 16          # text hidden size
LAYERS = 3
TOKENS = 77
LATENT = 4
OPSET = 14


class QuickGelu(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class ClipLayer(nn.Module):
    """Pre-LayerNorm transformer layer with causal self-attention, as CLIP's text model."""

    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(WIDTH)
        self.qkv = nn.Linear(WIDTH, 3 * WIDTH)
        self.proj = nn.Linear(WIDTH, WIDTH)
        self.ln2 = nn.LayerNorm(WIDTH)
        self.fc1 = nn.Linear(WIDTH, 4 * WIDTH)
        self.act = QuickGelu()
        self.fc2 = nn.Linear(4 * WIDTH, WIDTH)

    def forward(self, x, mask):
        h = self.ln1(x)
        q, k, v = self.qkv(h).chunk(3, dim=-1)
        att = (q @ k.transpose(-1, -2)) / math.sqrt(WIDTH) + mask
        x = x + self.proj(att.softmax(-1) @ v)
        return x + self.fc2(self.act(self.fc1(self.ln2(x))))


class TextEncoder(nn.Module):
    def __init__(self, hidden_states=False):
        super().__init__()
        self.tok = nn.Embedding(VOCAB, 4)       # tiny token table, lifted to WIDTH: keeps the file small
        self.lift = nn.Linear(4, WIDTH)
        self.pos = nn.Embedding(TOKENS, WIDTH)
        self.layers = nn.ModuleList([ClipLayer() for _ in range(LAYERS)])
        self.final_ln = nn.LayerNorm(WIDTH)
        self.hidden_states = hidden_states

    def forward(self, input_ids):
        ids = input_ids.long()
        x = self.lift(self.tok(ids)) + self.pos.weight[: ids.shape[1]]
        mask = torch.full((ids.shape[1], ids.shape[1]), -1e4).triu(1)
        states = [x]
        for layer in self.layers:
            x = layer(x, mask)
            states.append(x)
        last = self.final_ln(x)
        pooled = last[torch.arange(last.shape[0]), ids.argmax(-1)]
        if self.hidden_states:
            return (last, pooled, *states)
        return last, pooled


class Unet(nn.Module):
    """Convolutions, a timestep embedding and one cross-attention over the text: small but prompt-aware."""

    def __init__(self, in_channels=LATENT):
        super().__init__()
        c = 32
        self.inp = nn.Conv2d(in_channels, c, 3, padding=1)
        self.time = nn.Sequential(nn.Linear(c, c), nn.SiLU(), nn.Linear(c, c))
        self.norm = nn.GroupNorm(8, c)
        self.q = nn.Linear(c, c)
        self.k = nn.Linear(WIDTH, c)
        self.v = nn.Linear(WIDTH, c)
        self.mid = nn.Conv2d(c, c, 3, padding=1)
        self.out = nn.Conv2d(c, LATENT, 3, padding=1)

    def forward(self, sample, timestep, encoder_hidden_states):
        b = sample.shape[0]
        t = timestep.float().reshape(-1)[:1].expand(b)
        half = 16
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
        emb = t[:, None] * freqs[None]
        emb = self.time(torch.cat([emb.sin(), emb.cos()], -1))
        h = self.inp(sample) + emb[:, :, None, None]
        n = self.norm(h).flatten(2).transpose(1, 2)
        att = (self.q(n) @ self.k(encoder_hidden_states).transpose(1, 2)) / math.sqrt(h.shape[1])
        a = (att.softmax(-1) @ self.v(encoder_hidden_states)).transpose(1, 2).reshape(h.shape)
        h = h + a
        return self.out(torch.nn.functional.silu(self.mid(h)))


class VaeDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.inp = nn.Conv2d(LATENT, 16, 3, padding=1)
        self.up = nn.Sequential(*[nn.Sequential(nn.Upsample(scale_factor=2.0, mode="nearest"),
                                                nn.Conv2d(16, 16, 3, padding=1), nn.SiLU()) for _ in range(3)])
        self.out = nn.Conv2d(16, 3, 3, padding=1)

    def forward(self, latent_sample):
        return torch.tanh(self.out(self.up(self.inp(latent_sample))))


class VaeEncoder(nn.Module):
    def __init__(self, parameters):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.SiLU(),
                                  nn.Conv2d(16, 16, 3, stride=2, padding=1), nn.SiLU(),
                                  nn.Conv2d(16, 2 * LATENT, 3, stride=2, padding=1))
        self.parameters_out = parameters

    def forward(self, sample):
        moments = self.down(sample)
        return moments if self.parameters_out else moments[:, :LATENT]


def export(module, args, path, inputs, outputs, dynamic, opset=OPSET):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs,
                          dynamic_axes=dynamic, opset_version=opset, do_constant_folding=True)


def to_external(path, location):
    model = onnx.load(path)
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location=location, size_threshold=0)


def to_float16_io(path):
    """Olive-style io16: float tensors, initializers and graph inputs/outputs in float16, with casts inside
    the graph kept float32 by converting weights and inserting casts at the boundary."""
    model = onnx.load(path, load_external_data=True)
    graph = model.graph
    new_nodes = []
    for inp in graph.input:
        if inp.type.tensor_type.elem_type == TensorProto.FLOAT:
            inp.type.tensor_type.elem_type = TensorProto.FLOAT16
            cast_name = inp.name + "_f32"
            for node in graph.node:
                for i, name in enumerate(node.input):
                    if name == inp.name:
                        node.input[i] = cast_name
            new_nodes.append(onnx.helper.make_node("Cast", [inp.name], [cast_name], to=TensorProto.FLOAT,
                                                   name="cast_in_" + inp.name))
    for out in graph.output:
        if out.type.tensor_type.elem_type == TensorProto.FLOAT:
            out.type.tensor_type.elem_type = TensorProto.FLOAT16
            inner = out.name + "_f32"
            for node in graph.node:
                for i, name in enumerate(node.output):
                    if name == out.name:
                        node.output[i] = inner
                for i, name in enumerate(node.input):
                    if name == out.name:
                        node.input[i] = inner
            new_nodes.append(onnx.helper.make_node("Cast", [inner], [out.name], to=TensorProto.FLOAT16,
                                                   name="cast_out_" + out.name))
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(new_nodes[:len([n for n in new_nodes if n.name.startswith("cast_in_")])] + nodes
                      + [n for n in new_nodes if n.name.startswith("cast_out_")])
    onnx.save(model, path)


def fix_batch(path, batch):
    model = onnx.load(path, load_external_data=False)
    for value in list(model.graph.input) + list(model.graph.output):
        dims = value.type.tensor_type.shape.dim
        if len(dims) > 0 and dims[0].dim_param:
            dims[0].ClearField("dim_param")
            dims[0].dim_value = batch
    onnx.save(model, path)


def write_common(folder, tokenizer_dir, scaling_config):
    os.makedirs(os.path.join(folder, "scheduler"), exist_ok=True)
    with open(os.path.join(folder, "scheduler", "scheduler_config.json"), "w") as f:
        json.dump({"_class_name": "PNDMScheduler", "num_train_timesteps": 1000, "beta_start": 0.00085,
                   "beta_end": 0.012, "beta_schedule": "scaled_linear", "skip_prk_steps": True,
                   "steps_offset": 1, "set_alpha_to_one": False, "clip_sample": False,
                   "prediction_type": "epsilon", "timestep_spacing": "leading", "trained_betas": None}, f, indent=2)
    with open(os.path.join(folder, "model_index.json"), "w") as f:
        json.dump({"_class_name": "OnnxStableDiffusionPipeline"}, f, indent=2)
    # No tokenizer/ here: the folders share clip-tokenizer/, which TestModels adds to a copy of the folder
    # (a symbolic link would break on Windows checkouts).
    if scaling_config:
        with open(os.path.join(folder, "vae_decoder", "config.json"), "w") as f:
            json.dump({"scaling_factor": 0.18215}, f)


def build_networks():
    """The one set of random-weight networks every folder exports (fixed seed: reproducible)."""
    torch.manual_seed(1234)
    text, unet, decoder = TextEncoder(), Unet(), VaeDecoder()
    enc_params, enc_sample = VaeEncoder(True), VaeEncoder(False)
    enc_sample.load_state_dict(enc_params.state_dict())
    for m in (text, unet, decoder, enc_params, enc_sample):
        m.eval()
    return text, unet, decoder, enc_params, enc_sample


def build_inpaint_unet():
    """A 9-channel UNet (latents + mask + masked-picture latents), seeded on its own."""
    torch.manual_seed(4321)
    return Unet(in_channels=9).eval()


def main():
    tokenizer_src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "..", "shared",
                                                                        "clip-tokenizer")
    text, unet, decoder, enc_params, enc_sample = build_networks()

    tok_dir = os.path.join(HERE, "clip-tokenizer")
    os.makedirs(tok_dir, exist_ok=True)
    for name in ("vocab.json", "merges.txt", "special_tokens_map.json", "tokenizer_config.json"):
        shutil.copy(os.path.join(tokenizer_src, name), os.path.join(tok_dir, name))

    ids64 = torch.zeros(2, TOKENS, dtype=torch.int64)
    ids32 = ids64.int()
    latents = torch.randn(2, LATENT, 8, 8)
    ctx = torch.randn(2, TOKENS, WIDTH)
    image = torch.randn(1, 3, 64, 64)
    dyn_ids = {"input_ids": {0: "batch", 1: "sequence"}}
    dyn_unet = {"sample": {0: "batch", 2: "height", 3: "width"}, "encoder_hidden_states": {0: "batch", 1: "sequence"}}
    dyn_dec = {"latent_sample": {0: "batch", 2: "height", 3: "width"}}
    dyn_enc = {"sample": {0: "batch", 2: "height", 3: "width"}}

    # tiny-optimum
    root = os.path.join(HERE, "tiny-optimum")
    shutil.rmtree(root, ignore_errors=True)
    export(text, (ids64,), f"{root}/text_encoder/model.onnx", ["input_ids"], ["last_hidden_state", "pooler_output"], dyn_ids)
    export(unet, (latents, torch.tensor(500.0), ctx), f"{root}/unet/model.onnx",
           ["sample", "timestep", "encoder_hidden_states"], ["out_sample"], dyn_unet)
    to_external(f"{root}/unet/model.onnx", "model.onnx_data")
    export(decoder, (latents[:1],), f"{root}/vae_decoder/model.onnx", ["latent_sample"], ["sample"], dyn_dec)
    export(enc_params, (image,), f"{root}/vae_encoder/model.onnx", ["sample"], ["latent_parameters"], dyn_enc)
    write_common(root, tok_dir, False)

    # tiny-legacy: int32 ids, int64 timestep [1], batch fixed to 1
    root = os.path.join(HERE, "tiny-legacy")
    shutil.rmtree(root, ignore_errors=True)
    export(text, (ids32[:1],), f"{root}/text_encoder/model.onnx", ["input_ids"], ["last_hidden_state", "pooler_output"], None)
    export(unet, (latents[:1], torch.tensor([500], dtype=torch.int64), ctx[:1]), f"{root}/unet/model.onnx",
           ["sample", "timestep", "encoder_hidden_states"], ["out_sample"], {"sample": {2: "height", 3: "width"}})
    to_external(f"{root}/unet/model.onnx", "weights.pb")
    export(decoder, (latents[:1],), f"{root}/vae_decoder/model.onnx", ["latent_sample"], ["sample"],
           {"latent_sample": {2: "height", 3: "width"}})
    export(enc_sample, (image,), f"{root}/vae_encoder/model.onnx", ["sample"], ["latent_sample"],
           {"sample": {2: "height", 3: "width"}})
    write_common(root, tok_dir, True)

    # tiny-io16: float16 at every boundary, timestep float16 [batch]
    root = os.path.join(HERE, "tiny-io16")
    shutil.rmtree(root, ignore_errors=True)
    # Opset 17: layer norms become single LayerNormalization nodes (the other folders have them decomposed).
    export(text, (ids32,), f"{root}/text_encoder/model.onnx", ["input_ids"], ["last_hidden_state", "pooler_output"],
           dyn_ids, opset=17)
    export(unet, (latents, torch.tensor([500.0, 500.0]), ctx), f"{root}/unet/model.onnx",
           ["sample", "timestep", "encoder_hidden_states"], ["out_sample"],
           dict(dyn_unet, timestep={0: "batch"}))
    export(decoder, (latents[:1],), f"{root}/vae_decoder/model.onnx", ["latent_sample"], ["sample"], dyn_dec)
    export(enc_params, (image,), f"{root}/vae_encoder/model.onnx", ["sample"], ["latent_parameters"], dyn_enc)
    for part in ("text_encoder", "unet", "vae_decoder", "vae_encoder"):
        to_float16_io(f"{root}/{part}/model.onnx")
    to_external(f"{root}/unet/model.onnx", "model.onnx.data")
    write_common(root, tok_dir, False)

    # tiny-inpaint: tiny-optimum with a 9-channel UNet, as SD 1.5 inpainting
    root = os.path.join(HERE, "tiny-inpaint")
    shutil.rmtree(root, ignore_errors=True)
    export(text, (ids64,), f"{root}/text_encoder/model.onnx", ["input_ids"], ["last_hidden_state", "pooler_output"], dyn_ids)
    export(build_inpaint_unet(), (torch.randn(2, 9, 8, 8), torch.tensor(500.0), ctx), f"{root}/unet/model.onnx",
           ["sample", "timestep", "encoder_hidden_states"], ["out_sample"], dyn_unet)
    to_external(f"{root}/unet/model.onnx", "model.onnx_data")
    export(decoder, (latents[:1],), f"{root}/vae_decoder/model.onnx", ["latent_sample"], ["sample"], dyn_dec)
    export(enc_params, (image,), f"{root}/vae_encoder/model.onnx", ["sample"], ["latent_parameters"], dyn_enc)
    write_common(root, tok_dir, False)

    # tiny-hidden-states: only a text encoder that also lists hidden_states.0..N (SDXL-style exports),
    # same weights, for the CLIP skip test of exports that do name their layers.
    root = os.path.join(HERE, "tiny-hidden-states")
    shutil.rmtree(root, ignore_errors=True)
    text.hidden_states = True
    export(text, (ids64,), f"{root}/text_encoder/model.onnx", ["input_ids"],
           ["last_hidden_state", "pooler_output"] + [f"hidden_states.{k}" for k in range(LAYERS + 1)], dyn_ids)
    text.hidden_states = False

    # Reference for the CLIP skip test: what torch computes for final_layer_norm(hidden_states[-n]).
    ids = torch.full((1, TOKENS), 49407, dtype=torch.int64)
    ids[0, :5] = torch.tensor([49406, 320, 736, 2751, 49407])
    with torch.no_grad():
        x = text.lift(text.tok(ids)) + text.pos.weight[:TOKENS]
        mask = torch.full((TOKENS, TOKENS), -1e4).triu(1)
        states = [x]
        for layer in text.layers:
            x = layer(x, mask)
            states.append(x)
        reference = {"input_ids": ids[0].tolist(), "layers": LAYERS,
                     "clip_skip": {str(n): [round(v, 7) for v in text.final_ln(states[-n])[0].flatten().tolist()]
                                   for n in range(1, LAYERS + 1)}}
    with open(os.path.join(HERE, "clip_skip_reference.json"), "w") as f:
        json.dump(reference, f)

    for folder in ("tiny-optimum", "tiny-legacy", "tiny-io16", "tiny-inpaint"):
        for part in ("text_encoder", "unet", "vae_decoder", "vae_encoder"):
            path = os.path.join(HERE, folder, part, "model.onnx")
            onnx.checker.check_model(path)
            m = onnx.load(path, load_external_data=False)
            def desc(v):
                t = v.type.tensor_type
                dims = [d.dim_param or d.dim_value for d in t.shape.dim]
                return f"{v.name} {TensorProto.DataType.Name(t.elem_type)} {dims}"
            print(f"{folder}/{part}: in [{'; '.join(desc(v) for v in m.graph.input)}] "
                  f"out [{'; '.join(desc(v) for v in m.graph.output)}]")


if __name__ == "__main__":
    main()
