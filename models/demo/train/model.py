"""Stable Diffusion's three networks in miniature, for 64x64 pictures of coloured shapes.

- Vae: 64x64x3 <-> 8x8x4 latents (three 2x down/upsamplings), ResNet blocks, a self-attention block in the
  middle, a diagonal Gaussian posterior (mean, logvar) as SD's AutoencoderKL.
- TextEncoder: CLIP's text transformer (token + position embeddings over 77 positions, pre-LayerNorm
  layers with causal multi-head attention and quick-GELU, final LayerNorm; pooler_output = the state at
  the first EOS). It reads REAL CLIP token ids; a fixed id -> row table (remap) sends the few ids the
  captions use to their own rows and every other id to one "unknown" row, so the embedding table has
  ~50 rows instead of 49408 (the table itself costs 49408 int64 = 386 KiB in the export).
- Unet: SD's UNet with two resolution levels (8x8 and 4x4 latents): ResNet blocks that add a timestep
  embedding, and transformer blocks (self-attention, cross-attention to the text, GEGLU feed-forward) at
  every level and in the middle; skip connections from the way down to the way up.
"""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn.functional as F
from torch import nn

VOCAB = 49408
TOKENS = 77


@dataclass
class Config:
    latent_channels: int = 4
    vae_channels: tuple = (16, 32, 64, 64)      # at 64x64, 32x32, 16x16, 8x8
    text_width: int = 64
    text_layers: int = 3
    text_heads: int = 4
    unet_channels: tuple = (64, 128)            # at 8x8 and 4x4 latents
    unet_heads: int = 4
    # The UNet reads only the first text positions. The text encoder's attention is causal, so these do
    # not depend on later tokens, and training can run the text encoder on 24 positions instead of 77
    # (3x cheaper) while the exported pair still takes and gives the engine's 77. Captions are < 20 tokens.
    context_tokens: int = 24

    def to_dict(self):
        return asdict(self)

    @staticmethod
    def from_dict(d):
        d = dict(d)
        for key in ("vae_channels", "unet_channels"):
            d[key] = tuple(d[key])
        return Config(**d)


def norm(channels):
    """GroupNorm with about 4 channels a group (SD's 32 groups suit its 320+ channels, not 16)."""
    return nn.GroupNorm(min(32, channels // 4), channels, eps=1e-6)


class Attention(nn.Module):
    """Multi-head attention written out (no fused kernels), so it exports to plain ONNX ops."""

    def __init__(self, dim, context_dim, heads):
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(dim, dim, bias=False)
        self.k = nn.Linear(context_dim, dim, bias=False)
        self.v = nn.Linear(context_dim, dim, bias=False)
        self.out = nn.Linear(dim, dim)

    def forward(self, x, context=None, mask=None):
        context = x if context is None else context
        b, n, d = x.shape
        split = lambda t: t.reshape(b, -1, self.heads, d // self.heads).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(context)), split(self.v(context))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d // self.heads)
        if mask is not None:
            scores = scores + mask
        return self.out((scores.softmax(-1) @ v).transpose(1, 2).reshape(b, n, d))


# ---------------------------------------------------------------------------------------------- text


class QuickGelu(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class ClipLayer(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln1 = nn.LayerNorm(width)
        self.attn = Attention(width, width, heads)
        self.ln2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), QuickGelu(), nn.Linear(4 * width, width))

    def forward(self, x, mask):
        x = x + self.attn(self.ln1(x), mask=mask)
        return x + self.mlp(self.ln2(x))


class TextEncoder(nn.Module):
    def __init__(self, config, known_ids):
        """known_ids: the CLIP ids that get their own embedding row (row 0 is for every other id)."""
        super().__init__()
        remap = torch.zeros(VOCAB, dtype=torch.long)
        remap[torch.tensor(sorted(known_ids))] = torch.arange(1, len(known_ids) + 1)
        self.register_buffer("remap", remap)
        width = config.text_width
        self.tok = nn.Embedding(len(known_ids) + 1, width)
        self.pos = nn.Parameter(torch.randn(TOKENS, width) * 0.01)
        self.layers = nn.ModuleList([ClipLayer(width, config.text_heads) for _ in range(config.text_layers)])
        self.final_ln = nn.LayerNorm(width)
        self.register_buffer("causal", torch.full((TOKENS, TOKENS), -1e9).triu(1), persistent=False)

    def forward(self, input_ids):
        """input_ids [B, 77] CLIP ids -> (last_hidden_state [B, 77, W], pooler_output [B, W])."""
        ids = input_ids.long()
        x = self.tok(self.remap[ids]) + self.pos[: ids.shape[1]]
        mask = self.causal[: ids.shape[1], : ids.shape[1]]
        for layer in self.layers:
            x = layer(x, mask)
        last = self.final_ln(x)
        # CLIP pools at the EOS token, the highest id; argmax finds its first occurrence.
        pooled = last[torch.arange(last.shape[0]), ids.argmax(-1)]
        return last, pooled


# ---------------------------------------------------------------------------------------------- unet


def timestep_embedding(t, dim):
    """Sinusoidal embedding of the (float) timestep, cosines first as SD's UNet (flip_sin_to_cos)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    args = t.float()[:, None] * freqs[None]
    return torch.cat([args.cos(), args.sin()], -1)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, temb=None):
        super().__init__()
        self.norm1, self.conv1 = norm(cin), nn.Conv2d(cin, cout, 3, padding=1)
        self.temb = nn.Linear(temb, cout) if temb else None
        self.norm2, self.conv2 = norm(cout), nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, emb=None):
        h = self.conv1(F.silu(self.norm1(x)))
        if self.temb is not None:
            h = h + self.temb(F.silu(emb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return self.skip(x) + h


class GeGlu(nn.Module):
    def __init__(self, dim, mult=4):
        super().__init__()
        self.proj = nn.Linear(dim, 2 * mult * dim)
        self.out = nn.Linear(mult * dim, dim)

    def forward(self, x):
        a, gate = self.proj(x).chunk(2, dim=-1)
        return self.out(a * F.gelu(gate))


class SpatialTransformer(nn.Module):
    """SD's transformer block on a feature map: self-attention, cross-attention to the text, feed-forward."""

    def __init__(self, channels, context_dim, heads):
        super().__init__()
        self.norm = norm(channels)
        self.proj_in = nn.Linear(channels, channels)
        self.ln1, self.attn1 = nn.LayerNorm(channels), Attention(channels, channels, heads)
        self.ln2, self.attn2 = nn.LayerNorm(channels), Attention(channels, context_dim, heads)
        self.ln3, self.ff = nn.LayerNorm(channels), GeGlu(channels)
        self.proj_out = nn.Linear(channels, channels)

    def forward(self, x, context):
        b, c, h, w = x.shape
        t = self.proj_in(self.norm(x).flatten(2).transpose(1, 2))
        t = t + self.attn1(self.ln1(t))
        t = t + self.attn2(self.ln2(t), context)
        t = t + self.ff(self.ln3(t))
        return x + self.proj_out(t).transpose(1, 2).reshape(b, c, h, w)


class Unet(nn.Module):
    def __init__(self, config):
        super().__init__()
        c0, c1 = config.unet_channels
        ctx, heads, lat = config.text_width, config.unet_heads, config.latent_channels
        temb = 4 * c0
        self.c0, self.context_tokens = c0, config.context_tokens
        self.time = nn.Sequential(nn.Linear(c0, temb), nn.SiLU(), nn.Linear(temb, temb))
        self.conv_in = nn.Conv2d(lat, c0, 3, padding=1)
        self.down0, self.attn_down0 = ResBlock(c0, c0, temb), SpatialTransformer(c0, ctx, heads)
        self.downsample = nn.Conv2d(c0, c0, 3, stride=2, padding=1)
        self.down1, self.attn_down1 = ResBlock(c0, c1, temb), SpatialTransformer(c1, ctx, heads)
        self.mid1, self.attn_mid, self.mid2 = (ResBlock(c1, c1, temb), SpatialTransformer(c1, ctx, heads),
                                               ResBlock(c1, c1, temb))
        self.up1, self.attn_up1 = ResBlock(2 * c1, c1, temb), SpatialTransformer(c1, ctx, heads)
        self.upsample = nn.Conv2d(c1, c1, 3, padding=1)
        self.up0, self.attn_up0 = ResBlock(c1 + c0, c0, temb), SpatialTransformer(c0, ctx, heads)
        self.norm_out, self.conv_out = norm(c0), nn.Conv2d(c0, lat, 3, padding=1)

    def forward(self, sample, t, context):
        """sample [B, 4, h, w], t [B] float timesteps, context [B, 77, W] -> predicted noise [B, 4, h, w]."""
        context = context[:, : self.context_tokens]
        emb = self.time(timestep_embedding(t, self.c0))
        h0 = self.attn_down0(self.down0(self.conv_in(sample), emb), context)
        h1 = self.attn_down1(self.down1(self.downsample(h0), emb), context)
        h = self.mid2(self.attn_mid(self.mid1(h1, emb), context), emb)
        h = self.attn_up1(self.up1(torch.cat([h, h1], 1), emb), context)
        h = self.upsample(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        h = self.attn_up0(self.up0(torch.cat([h, h0], 1), emb), context)
        return self.conv_out(F.silu(self.norm_out(h)))


# ----------------------------------------------------------------------------------------------- vae


class MidBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.res1, self.res2 = ResBlock(channels, channels), ResBlock(channels, channels)
        self.norm, self.attn = norm(channels), Attention(channels, channels, 1)

    def forward(self, x):
        x = self.res1(x)
        b, c, h, w = x.shape
        t = self.attn(self.norm(x).flatten(2).transpose(1, 2))
        return self.res2(x + t.transpose(1, 2).reshape(b, c, h, w))


class VaeEncoder(nn.Module):
    def __init__(self, config):
        super().__init__()
        ch = config.vae_channels
        self.conv_in = nn.Conv2d(3, ch[0], 3, padding=1)
        blocks = []
        for i, c in enumerate(ch):
            blocks.append(ResBlock(ch[max(i - 1, 0)], c))
            if i < len(ch) - 1:
                blocks.append(nn.Conv2d(c, c, 3, stride=2, padding=1))
        self.blocks = nn.Sequential(*blocks)
        self.mid = MidBlock(ch[-1])
        self.norm_out = norm(ch[-1])
        self.conv_out = nn.Conv2d(ch[-1], 2 * config.latent_channels, 3, padding=1)

    def forward(self, sample):
        """sample [B, 3, H, W] in [-1, 1] -> latent_parameters [B, 8, H/8, W/8] (mean, logvar)."""
        h = self.mid(self.blocks(self.conv_in(sample)))
        return self.conv_out(F.silu(self.norm_out(h)))


class Upsample(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class VaeDecoder(nn.Module):
    def __init__(self, config):
        super().__init__()
        ch = list(reversed(config.vae_channels))
        self.conv_in = nn.Conv2d(config.latent_channels, ch[0], 3, padding=1)
        self.mid = MidBlock(ch[0])
        blocks = []
        for i, c in enumerate(ch):
            blocks.append(ResBlock(ch[max(i - 1, 0)], c))
            if i < len(ch) - 1:
                blocks.append(Upsample(c))
        self.blocks = nn.Sequential(*blocks)
        self.norm_out = norm(ch[-1])
        self.conv_out = nn.Conv2d(ch[-1], 3, 3, padding=1)

    def forward(self, latent_sample):
        """latent_sample [B, 4, h, w] (unscaled) -> sample [B, 3, 8h, 8w], about [-1, 1]."""
        h = self.blocks(self.mid(self.conv_in(latent_sample)))
        return self.conv_out(F.silu(self.norm_out(h)))


class Vae(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.encoder, self.decoder = VaeEncoder(config), VaeDecoder(config)

    @staticmethod
    def split(parameters):
        """(mean, logvar) from latent_parameters, logvar clamped as diffusers does."""
        mean, logvar = parameters.chunk(2, dim=1)
        return mean, logvar.clamp(-30.0, 20.0)


def parameter_count(module):
    return sum(p.numel() for p in module.parameters())
