#!/usr/bin/env python3
"""The tiny SD 1.x checkpoint of ../shared/fixtures/tiny-sd1-checkpoint as a diffusers folder, for DiffusersFolderTest.

The folder's weights are the fixture's own tensors under diffusers' names, so the fixture's reference latents apply
unchanged. The test assembles the folder (the weights are not committed); this script writes what it needs:

- key_map.json: for every checkpoint key the test carries over, the part ("unet", "vae", "text_encoder") and the
  diffusers key. The renaming follows the prefix tables of diffusers' scripts/convert_diffusers_to_original_stable_
  diffusion.py (the script that made the fixture's LDM file from diffusers models, per its README), applied in the
  other direction; the VAE's attention uses diffusers' current names (to_q, to_k, to_v, to_out.0, group_norm).
- */config.json, scheduler/scheduler_config.json, model_index.json: what diffusers' create_unet_diffusers_config and
  create_vae_diffusers_config make of the fixture's yaml, the CLIPTextConfig it names, and SD 1.x's PNDM scheduler.

    /usr/bin/python3 src/test/models/make_tiny_sd1_diffusers.py [../shared]
"""
import json
import pathlib
import struct
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent / "tiny-sd1-diffusers"


def unet_prefixes(levels, blocks, attention_levels):
    """(LDM prefix, diffusers prefix) pairs, as the conversion script builds them for SD's layout."""
    pairs = [("time_embed.0.", "time_embedding.linear_1."), ("time_embed.2.", "time_embedding.linear_2."),
             ("input_blocks.0.0.", "conv_in."), ("out.0.", "conv_norm_out."), ("out.2.", "conv_out."),
             ("middle_block.1.", "mid_block.attentions.0.")]
    for j in range(2):
        pairs.append((f"middle_block.{2 * j}.", f"mid_block.resnets.{j}."))
    per_level = blocks + 1
    for i in range(levels):
        for j in range(blocks):
            pairs.append((f"input_blocks.{per_level * i + j + 1}.0.", f"down_blocks.{i}.resnets.{j}."))
            if i in attention_levels:
                pairs.append((f"input_blocks.{per_level * i + j + 1}.1.", f"down_blocks.{i}.attentions.{j}."))
        up = levels - 1 - i  # diffusers' up_blocks.i is the resolution level levels-1-i
        for j in range(per_level):
            pairs.append((f"output_blocks.{per_level * i + j}.0.", f"up_blocks.{i}.resnets.{j}."))
            if up in attention_levels:
                pairs.append((f"output_blocks.{per_level * i + j}.1.", f"up_blocks.{i}.attentions.{j}."))
        if i < levels - 1:
            pairs.append((f"input_blocks.{per_level * (i + 1)}.0.op.", f"down_blocks.{i}.downsamplers.0.conv."))
            layer = 2 if up in attention_levels else 1
            pairs.append((f"output_blocks.{per_level * i + blocks}.{layer}.", f"up_blocks.{i}.upsamplers.0."))
    return pairs


RESNET = [("in_layers.0.", "norm1."), ("in_layers.2.", "conv1."), ("out_layers.0.", "norm2."),
          ("out_layers.3.", "conv2."), ("emb_layers.1.", "time_emb_proj."), ("skip_connection.", "conv_shortcut.")]


def unet_key(key, pairs):
    for sd, hf in sorted(pairs, key=lambda p: -len(p[0])):
        if key.startswith(sd):
            rest = key[len(sd):]
            if ".resnets." in hf:
                for a, b in RESNET:
                    if rest.startswith(a):
                        rest = b + rest[len(a):]
            return hf + rest
    raise KeyError(key)


def vae_key(key, levels, blocks):
    pairs = [("mid.block_1.", "mid_block.resnets.0."), ("mid.block_2.", "mid_block.resnets.1."),
             ("mid.attn_1.", "mid_block.attentions.0."), ("norm_out.", "conv_norm_out.")]
    for i in range(levels):
        for j in range(blocks + 1):
            pairs.append((f"down.{i}.block.{j}.", f"down_blocks.{i}.resnets.{j}."))
            pairs.append((f"up.{levels - 1 - i}.block.{j}.", f"up_blocks.{i}.resnets.{j}."))
        pairs.append((f"down.{i}.downsample.", f"down_blocks.{i}.downsamplers.0."))
        pairs.append((f"up.{levels - 1 - i}.upsample.", f"up_blocks.{i}.upsamplers.0."))
    half, _, rest = key.partition(".")
    if half not in ("encoder", "decoder"):
        return key  # quant_conv, post_quant_conv
    for sd, hf in pairs:
        if rest.startswith(sd):
            tail = rest[len(sd):].replace("nin_shortcut.", "conv_shortcut.")
            if sd == "mid.attn_1.":
                for a, b in (("norm.", "group_norm."), ("q.", "to_q."), ("k.", "to_k."), ("v.", "to_v."),
                             ("proj_out.", "to_out.0.")):
                    if tail.startswith(a):
                        tail = b + tail[len(a):]
            return f"{half}.{hf}{tail}"
    return key


def main():
    shared = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")
    fixture = shared / "fixtures" / "tiny-sd1-checkpoint"
    raw = (fixture / "tiny-sd1.safetensors").read_bytes()
    header = json.loads(raw[8:8 + struct.unpack("<Q", raw[:8])[0]])
    params = yaml.safe_load((fixture / "tiny-sd1.yaml").read_text())["model"]["params"]
    unet = params["unet_config"]["params"]
    dd = params["first_stage_config"]["params"]["ddconfig"]
    text = params["cond_stage_config"]["params"]["text_config"]
    levels = len(unet["channel_mult"])
    attention_levels = [i for i in range(levels) if 2 ** i in unet["attention_resolutions"]]
    pairs = unet_prefixes(levels, unet["num_res_blocks"], attention_levels)
    key_map = {}
    for key in sorted(k for k in header if k != "__metadata__"):
        if key.startswith("model.diffusion_model."):
            key_map[key] = ["unet", unet_key(key[len("model.diffusion_model."):], pairs)]
        elif key.startswith("first_stage_model."):
            key_map[key] = ["vae", vae_key(key[len("first_stage_model."):], len(dd["ch_mult"]), dd["num_res_blocks"])]
        elif key.startswith("cond_stage_model.transformer."):
            key_map[key] = ["text_encoder", key[len("cond_stage_model.transformer."):]]
    HERE.mkdir(exist_ok=True)
    (HERE / "key_map.json").write_text(json.dumps(key_map, indent=0) + "\n")

    mc = unet["model_channels"]
    configs = {
        "unet/config.json": {
            "_class_name": "UNet2DConditionModel", "_diffusers_version": "0.27.2", "sample_size": 8,
            "in_channels": unet["in_channels"], "out_channels": unet["out_channels"],
            "block_out_channels": [mc * m for m in unet["channel_mult"]], "layers_per_block": unet["num_res_blocks"],
            "down_block_types": ["CrossAttnDownBlock2D" if i in attention_levels else "DownBlock2D" for i in range(levels)],
            "up_block_types": ["CrossAttnUpBlock2D" if i in attention_levels else "UpBlock2D"
                               for i in reversed(range(levels))],
            "cross_attention_dim": unet["context_dim"], "attention_head_dim": unet["num_heads"],
            "use_linear_projection": False, "norm_num_groups": 32},
        "vae/config.json": {
            "_class_name": "AutoencoderKL", "_diffusers_version": "0.27.2", "sample_size": 64, "in_channels": 3,
            "out_channels": 3, "block_out_channels": [dd["ch"] * m for m in dd["ch_mult"]],
            "down_block_types": ["DownEncoderBlock2D"] * len(dd["ch_mult"]),
            "up_block_types": ["UpDecoderBlock2D"] * len(dd["ch_mult"]), "layers_per_block": dd["num_res_blocks"],
            "latent_channels": dd["z_channels"], "norm_num_groups": 32, "scaling_factor": params["scale_factor"]},
        "text_encoder/config.json": dict(text, architectures=["CLIPTextModel"], model_type="clip_text_model",
                                         bos_token_id=49406, eos_token_id=49407, pad_token_id=1),
        "scheduler/scheduler_config.json": {
            "_class_name": "PNDMScheduler", "beta_start": params["linear_start"], "beta_end": params["linear_end"],
            "beta_schedule": "scaled_linear", "num_train_timesteps": params["timesteps"], "set_alpha_to_one": False,
            "skip_prk_steps": True, "steps_offset": 1, "prediction_type": "epsilon", "clip_sample": False},
        "model_index.json": {"_class_name": "StableDiffusionPipeline", "_diffusers_version": "0.27.2",
                             "text_encoder": ["transformers", "CLIPTextModel"],
                             "tokenizer": ["transformers", "CLIPTokenizer"],
                             "unet": ["diffusers", "UNet2DConditionModel"], "vae": ["diffusers", "AutoencoderKL"],
                             "scheduler": ["diffusers", "PNDMScheduler"]},
    }
    for name, config in configs.items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(config, indent=2) + "\n")
    print(f"{len(key_map)} keys mapped")


if __name__ == "__main__":
    main()
