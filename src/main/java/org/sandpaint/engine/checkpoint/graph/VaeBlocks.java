package org.sandpaint.engine.checkpoint.graph;

import java.util.List;

/**
 * The building blocks the LDM VAE encoder and decoder share (ldm.modules.diffusionmodules.model):
 * GroupNorm with 32 groups and eps 1e-6, SiLU, res blocks with a 1x1 {@code nin_shortcut} where the width
 * changes, and the single-head spatial self-attention of the middle block.
 */
final class VaeBlocks {

    static final int GROUPS = 32;
    static final float EPS = 1e-6f;

    private final Layers nn;

    VaeBlocks(Layers nn) {
        this.nn = nn;
    }

    Layers layers() {
        return nn;
    }

    String normAct(String x, String key, long channels) {
        return nn.silu(nn.groupNorm(x, key, channels, GROUPS, EPS), key + "/silu");
    }

    /** ResnetBlock without a time embedding: x + conv2(act(norm2(conv1(act(norm1(x)))))). */
    String resBlock(String x, String key, long in, long out) {
        String h = nn.conv3x3(normAct(x, key + ".norm1", in), key + ".conv1", out, in);
        h = nn.conv3x3(normAct(h, key + ".norm2", out), key + ".conv2", out, out);
        String shortcut = in == out ? x : nn.conv1x1(x, key + ".nin_shortcut", out, in);
        return nn.add(shortcut, h, key);
    }

    /**
     * AttnBlock: one head over the H*W positions, with q, k, v and proj_out as 1x1 convolutions (or Linear
     * layers of the same bytes) and softmax(q k^T / sqrt(C)).
     */
    String attention(String x, String key, long c) {
        GraphBuilder g = nn.graph();
        String h = nn.groupNorm(x, key + ".norm", c, GROUPS, EPS);
        String q = nn.reshape(nn.conv1x1(h, key + ".q", c, c), key + "/q_flat", 0, c, -1);
        String k = nn.reshape(nn.conv1x1(h, key + ".k", c, c), key + "/k_flat", 0, c, -1);
        String v = nn.reshape(nn.conv1x1(h, key + ".v", c, c), key + "/v_flat", 0, c, -1);
        String scores = nn.matmul(nn.transpose(q, key + "/q_t", 0, 2, 1), k, key + "/scores"); // [B, HW, HW]
        scores = nn.mul(scores, g.scalar(key + "/scale", (float) (1 / Math.sqrt(c))), key + "/scaled");
        String weights = nn.softmax(scores, key + "/softmax");
        String mixed = nn.matmul(v, nn.transpose(weights, key + "/w_t", 0, 2, 1), key + "/mixed"); // [B, C, HW]
        String image = g.op("Reshape", List.of(mixed, g.op("Shape", List.of(x), key + "/shape")), key + "/unflat");
        return nn.add(x, nn.conv1x1(image, key + ".proj_out", c, c), key);
    }

    /** Nearest-neighbour 2x, then a 3x3 convolution. */
    String upsample(String x, String key, long c) {
        GraphBuilder g = nn.graph();
        String scales = g.constant(key + "/scales", new long[]{4}, 1f, 1f, 2f, 2f);
        String up = g.op("Resize", List.of(x, "", scales), key + "/nearest",
                GraphBuilder.attr("mode", "nearest"),
                GraphBuilder.attr("coordinate_transformation_mode", "asymmetric"),
                GraphBuilder.attr("nearest_mode", "floor"));
        return nn.conv3x3(up, key + ".conv", c, c);
    }

    /** A stride-2 3x3 convolution after padding only the bottom and right by one, as LDM does. */
    String downsample(String x, String key, long c) {
        return nn.conv(x, key + ".conv", c, c, 3, 2, 0, 0, 1, 1);
    }

    /** The middle of both halves: res block, attention, res block. */
    String middle(String x, String key, long c) {
        String h = resBlock(x, key + ".block_1", c, c);
        h = attention(h, key + ".attn_1", c);
        return resBlock(h, key + ".block_2", c, c);
    }
}
