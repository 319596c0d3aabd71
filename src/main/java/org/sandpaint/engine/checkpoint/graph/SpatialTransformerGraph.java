package org.sandpaint.engine.checkpoint.graph;

import java.util.List;

import static org.sandpaint.engine.checkpoint.graph.GraphBuilder.attr;
import static org.sandpaint.engine.checkpoint.graph.GraphBuilder.attrs;

/**
 * LDM's SpatialTransformer: the feature map becomes a sequence of pixels that attends to itself and to
 * the text, then goes back to a map and is added to its input. Per block: LayerNorm, self-attention,
 * LayerNorm, cross-attention, LayerNorm, GEGLU feed-forward, each with a residual.
 */
final class SpatialTransformerGraph {

    /** LDM's Normalize() before the transformer uses GroupNorm with epsilon 1e-6 (the res blocks use 1e-5). */
    private static final float NORM_EPSILON = 1e-6f;
    /** The GEGLU feed-forward is 4 times as wide as the transformer. */
    private static final int FF_MULT = 4;

    private final UnetLayers layers;
    private final GraphBuilder g;
    private final String context;
    private final long contextDim;
    private final int depth;
    private final boolean linearProjection;

    SpatialTransformerGraph(UnetLayers layers, String context, long contextDim, int depth, boolean linearProjection) {
        this.layers = layers;
        this.g = layers.graph();
        this.context = context;
        this.contextDim = contextDim;
        this.depth = depth;
        this.linearProjection = linearProjection;
    }

    /** {@code x} [B, C, H, W] through the transformer named {@code module} with {@code heads} heads. */
    String apply(String x, String module, long channels, int heads) {
        String h = layers.groupNorm(x, module + ".norm", channels, NORM_EPSILON);
        if (!linearProjection) {
            h = layers.conv(h, module + ".proj_in", channels, channels, 1, 1);
        }
        // [B, C, H, W] -> [B, H*W, C]
        h = g.op("Reshape", List.of(h, layers.longs("flatten_pixels", 0, 0, -1)), module);
        h = g.op("Transpose", List.of(h), module, attrs("perm", 0, 2, 1));
        if (linearProjection) {
            h = layers.linear(h, module + ".proj_in", channels, channels, true);
        }
        for (int i = 0; i < depth; i++) {
            h = block(h, module + ".transformer_blocks." + i, channels, heads);
        }
        if (linearProjection) {
            h = layers.linear(h, module + ".proj_out", channels, channels, true);
        }
        h = g.op("Transpose", List.of(h), module, attrs("perm", 0, 2, 1));
        h = g.op("Reshape", List.of(h, g.op("Shape", List.of(x), module)), module);
        if (!linearProjection) {
            h = layers.conv(h, module + ".proj_out", channels, channels, 1, 1);
        }
        return layers.add(h, x, module);
    }

    private String block(String x, String module, long width, int heads) {
        String h = layers.add(attention(layers.layerNorm(x, module + ".norm1", width), null, module + ".attn1",
                width, heads), x, module);
        h = layers.add(attention(layers.layerNorm(h, module + ".norm2", width), context, module + ".attn2",
                width, heads), h, module);
        return layers.add(feedForward(layers.layerNorm(h, module + ".norm3", width), module + ".ff", width), h,
                module);
    }

    /**
     * Multi-head attention of {@code x} [B, N, C] to itself ({@code source} null) or to the text; keys and
     * values from the text are {@code contextDim} wide. Scores are scaled by 1/sqrt(head width).
     */
    private String attention(String x, String source, String module, long width, int heads) {
        long headWidth = width / heads;
        long sourceWidth = source == null ? width : contextDim;
        String kv = source == null ? x : source;
        String q = layers.linear(x, module + ".to_q", width, width, false);
        String k = layers.linear(kv, module + ".to_k", sourceWidth, width, false);
        String v = layers.linear(kv, module + ".to_v", sourceWidth, width, false);
        String splitHeads = layers.longs("split_heads_" + heads + "x" + headWidth, 0, 0, heads, headWidth);
        q = g.op("Mul", List.of(q, layers.scalar("attention_scale_" + headWidth, (float) (1 / Math.sqrt(headWidth)))),
                module);
        // q [B, heads, N, d], k [B, heads, d, M], v [B, heads, M, d]
        q = g.op("Transpose", List.of(g.op("Reshape", List.of(q, splitHeads), module)), module,
                attrs("perm", 0, 2, 1, 3));
        k = g.op("Transpose", List.of(g.op("Reshape", List.of(k, splitHeads), module)), module,
                attrs("perm", 0, 2, 3, 1));
        v = g.op("Transpose", List.of(g.op("Reshape", List.of(v, splitHeads), module)), module,
                attrs("perm", 0, 2, 1, 3));
        String weights = g.op("Softmax", List.of(g.op("MatMul", List.of(q, k), module)), module,
                attr("axis", -1L));
        String out = g.op("MatMul", List.of(weights, v), module);
        out = g.op("Transpose", List.of(out), module, attrs("perm", 0, 2, 1, 3));
        out = g.op("Reshape", List.of(out, layers.longs("merge_heads_" + width, 0, 0, width)), module);
        return layers.linear(out, module + ".to_out.0", width, width, true);
    }

    /** GEGLU: one projection makes a value half and a gate half; value * gelu(gate), then back to width. */
    private String feedForward(String x, String module, long width) {
        long inner = FF_MULT * width;
        String proj = layers.linear(x, module + ".net.0.proj", width, 2 * inner, true);
        List<String> halves = g.ops("Split", List.of(proj, layers.longs("geglu_split_" + inner, inner, inner)), 2,
                module, attr("axis", -1L));
        String gated = g.op("Mul", List.of(halves.get(0), layers.gelu(halves.get(1))), module);
        return layers.linear(gated, module + ".net.2", inner, width, true);
    }
}
