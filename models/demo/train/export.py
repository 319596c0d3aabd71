#!/usr/bin/python3
"""Exports the trained demo model to an ONNX Stable Diffusion folder in Optimum's layout.

Written (default models/demo/):
  text_encoder/model.onnx   input_ids int64 [batch, sequence] -> last_hidden_state, pooler_output
  unet/model.onnx + model.onnx_data   sample, timestep float32 scalar [], encoder_hidden_states -> out_sample
  vae_decoder/model.onnx    latent_sample -> sample;  vae_decoder/config.json: the scaling factor
  vae_encoder/model.onnx    sample -> latent_parameters (mean, logvar)
  scheduler/scheduler_config.json   SD 1.5's PNDM config (scaled_linear betas 0.00085..0.012)
  tokenizer/                the 4 CLIP tokenizer files (real copies: the folder must stand alone)
  model_index.json

The exponential moving averages of the text encoder and UNet are exported. Run from the repository root:
    /usr/bin/python3 models/demo/train/export.py [--checkpoints DIR] [--out models/demo]
"""
import argparse
import json
import os
import shutil
import sys

import onnx
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "src", "test", "models"))
from make_tiny_models import export, to_external  # noqa: E402  (torch.onnx.export, opset 14)
from model import Config, TextEncoder, Unet, Vae, TOKENS  # noqa: E402
from tokenizer import default_folder  # noqa: E402

TOKENIZER_FILES = ("vocab.json", "merges.txt", "special_tokens_map.json", "tokenizer_config.json")


class UnetWithScalarTimestep(nn.Module):
    """Optimum's UNet signature: one float timestep for the whole batch."""

    def __init__(self, unet):
        super().__init__()
        self.unet = unet

    def forward(self, sample, timestep, encoder_hidden_states):
        t = timestep.float().reshape(-1)[:1].expand(sample.shape[0])
        return self.unet(sample, t, encoder_hidden_states)


def scheduler_config():
    return {"_class_name": "PNDMScheduler", "num_train_timesteps": 1000, "beta_start": 0.00085,
            "beta_end": 0.012, "beta_schedule": "scaled_linear", "skip_prk_steps": True, "steps_offset": 1,
            "set_alpha_to_one": False, "clip_sample": False, "prediction_type": "epsilon",
            "timestep_spacing": "leading", "trained_betas": None}


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoints", default=os.path.join(HERE, "checkpoints"))
    p.add_argument("--out", default=os.path.join(ROOT, "models", "demo"))
    p.add_argument("--tokenizer", default=None, help="CLIP tokenizer folder to copy into the model")
    p.add_argument("--live", action="store_true", help="export the last training weights, not their moving average")
    args = p.parse_args()

    vae_state = torch.load(os.path.join(args.checkpoints, "vae.pt"))
    state = torch.load(os.path.join(args.checkpoints, "unet.pt"))
    config = Config.from_dict(state["config"])
    vae = Vae(config)
    vae.load_state_dict(vae_state["vae"])
    text, unet = TextEncoder(config, state["known_ids"]), Unet(config)
    # The moving average is usually the better model; --live exports the last training weights instead
    # (better for short runs, where the average still carries the early weights).
    text.load_state_dict(state["text" if args.live else "ema_text"])
    unet.load_state_dict(state["unet" if args.live else "ema_unet"])
    for m in (vae, text, unet):
        m.eval()
    factor = float(state["scaling_factor"])

    out = args.out
    for part in ("text_encoder", "unet", "vae_decoder", "vae_encoder", "scheduler", "tokenizer"):
        shutil.rmtree(os.path.join(out, part), ignore_errors=True)
    ids = torch.full((2, TOKENS), 49407, dtype=torch.int64)
    ids[:, 0] = 49406
    latents = torch.randn(2, config.latent_channels, 8, 8)
    context = torch.randn(2, TOKENS, config.text_width)
    image = torch.rand(1, 3, 64, 64) * 2 - 1
    export(text, (ids,), f"{out}/text_encoder/model.onnx", ["input_ids"],
           ["last_hidden_state", "pooler_output"], {"input_ids": {0: "batch", 1: "sequence"}})
    export(UnetWithScalarTimestep(unet), (latents, torch.tensor(500.0), context), f"{out}/unet/model.onnx",
           ["sample", "timestep", "encoder_hidden_states"], ["out_sample"],
           {"sample": {0: "batch", 2: "height", 3: "width"},
            "encoder_hidden_states": {0: "batch", 1: "sequence"}})
    to_external(f"{out}/unet/model.onnx", "model.onnx_data")
    export(vae.decoder, (latents[:1],), f"{out}/vae_decoder/model.onnx", ["latent_sample"], ["sample"],
           {"latent_sample": {0: "batch", 2: "height", 3: "width"}})
    export(vae.encoder, (image,), f"{out}/vae_encoder/model.onnx", ["sample"], ["latent_parameters"],
           {"sample": {0: "batch", 2: "height", 3: "width"}})
    write_json(f"{out}/vae_decoder/config.json", {"_class_name": "AutoencoderKL", "latent_channels":
                                                  config.latent_channels, "sample_size": 64,
                                                  "scaling_factor": round(factor, 5)})
    write_json(f"{out}/scheduler/scheduler_config.json", scheduler_config())
    write_json(f"{out}/model_index.json", {"_class_name": "OnnxStableDiffusionPipeline"})
    tokenizer = args.tokenizer or default_folder()
    os.makedirs(f"{out}/tokenizer", exist_ok=True)
    for name in TOKENIZER_FILES:
        shutil.copy(os.path.join(tokenizer, name), os.path.join(out, "tokenizer", name))

    total = 0
    for part in ("text_encoder", "unet", "vae_decoder", "vae_encoder"):
        onnx.checker.check_model(f"{out}/{part}/model.onnx")
        size = sum(os.path.getsize(os.path.join(out, part, f)) for f in os.listdir(os.path.join(out, part)))
        total += size
        print(f"{part}: {size / 2 ** 20:.2f} MiB")
    print(f"exported to {out}: {total / 2 ** 20:.2f} MiB of networks, scaling factor {factor:.5f}, "
          f"text encoder and UNet at step {state['step']} (" + ("live" if args.live else "EMA") + ")")


if __name__ == "__main__":
    main()
