package org.sandpaint.engine.checkpoint.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import org.sandpaint.engine.checkpoint.TextEncoderConfig;
import org.sandpaint.engine.checkpoint.TextEncoderConfig.Naming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CLIP text transformer (Hugging Face CLIPTextModel names for SD 1.x, OpenCLIP names for SD 2.x): pre-
 * LayerNorm layers with causal self-attention and an MLP, then the final LayerNorm. Input
 * {@code inputs_embeds} [B, 77, D]: token embeddings are looked up in Java so that textual-inversion
 * vectors can take a token's place; the graph adds the position embeddings. Outputs
 * {@code last_hidden_state} and, for CLIP skip n = 2..layers, {@code clip_skip_n} =
 * final_layer_norm(hidden_states[-n]) where hidden_states[0] is the embedding output, the values the
 * WebUI conditions on.
 */
public final class ClipTextGraph {

    public static final String INPUT = "inputs_embeds";
    public static final String OUTPUT = "last_hidden_state";
    public static final String CLIP_SKIP_PREFIX = "clip_skip_";

    private final TextEncoderConfig config;
    private final GraphBuilder g;
    private final Layers nn;
    private final long tokens;

    private ClipTextGraph(TextEncoderConfig config) {
        this.config = config;
        this.g = new GraphBuilder("text_encoder");
        this.nn = new Layers(g);
        this.tokens = config.positions();
    }

    /** The output holding the hidden state {@code clipSkip} layers from the end (1 = last). */
    public static String outputName(int clipSkip) {
        return clipSkip <= 1 ? OUTPUT : CLIP_SKIP_PREFIX + clipSkip;
    }

    public static GraphBuilder build(TextEncoderConfig config) {
        return new ClipTextGraph(config).assemble();
    }

    private GraphBuilder assemble() {
        long d = config.hiddenSize();
        String x = g.input(INPUT, DataType.FLOAT, new long[]{-1, tokens, d}, "batch");
        x = nn.add(x, g.weight(config.naming().positionEmbeddingKey(), tokens, d), "embeddings");
        String mask = causalMask();
        List<String> hidden = new ArrayList<>(List.of(x));
        for (int layer = 0; layer < config.layers(); layer++) {
            x = layer(x, layer, mask);
            hidden.add(x);
        }
        int layers = config.layers();
        for (int skip = 1; skip <= layers; skip++) {
            String state = hidden.get(layers + 1 - skip);
            String normed = nn.layerNorm(state, finalNormKey(), d, config.layerNormEps());
            g.output(normed, outputName(skip), DataType.FLOAT, new long[]{-1, tokens, d}, "batch");
        }
        return g;
    }

    private String finalNormKey() {
        return config.naming().prefix() + (config.naming() == Naming.HF_CLIP ? "final_layer_norm" : "ln_final");
    }

    /** x + attn(norm1(x)), then + mlp(norm2(x)). */
    private String layer(String x, int index, String mask) {
        long d = config.hiddenSize();
        float eps = config.layerNormEps();
        boolean hf = config.naming() == Naming.HF_CLIP;
        String key = config.naming().prefix() + (hf ? "encoder.layers." : "transformer.resblocks.") + index + ".";
        String h = nn.layerNorm(x, key + (hf ? "layer_norm1" : "ln_1"), d, eps);
        x = nn.add(x, attention(h, key, mask), key + "attn_residual");
        h = nn.layerNorm(x, key + (hf ? "layer_norm2" : "ln_2"), d, eps);
        long inner = config.intermediate();
        h = nn.linear(h, key + (hf ? "mlp.fc1" : "mlp.c_fc"), inner, d);
        h = config.activation() == TextEncoderConfig.Activation.QUICK_GELU
                ? nn.quickGelu(h, key + "mlp/act") : nn.gelu(h, key + "mlp/act");
        h = nn.linear(h, key + (hf ? "mlp.fc2" : "mlp.c_proj"), d, inner);
        return nn.add(x, h, key + "mlp_residual");
    }

    private String attention(String x, String key, String mask) {
        long d = config.hiddenSize();
        String q;
        String k;
        String v;
        String out;
        if (config.naming() == Naming.HF_CLIP) {
            q = nn.linear(x, key + "self_attn.q_proj", d, d);
            k = nn.linear(x, key + "self_attn.k_proj", d, d);
            v = nn.linear(x, key + "self_attn.v_proj", d, d);
            out = key + "self_attn.out_proj";
        } else {
            // nn.MultiheadAttention packs q, k and v into one [3D, D] projection.
            String qkv = nn.linear(x, key + "attn.in_proj_weight", key + "attn.in_proj_bias", 3 * d, d);
            List<String> parts = g.ops("Split", List.of(qkv), 3, key + "attn/qkv", GraphBuilder.attr("axis", -1L));
            q = parts.get(0);
            k = parts.get(1);
            v = parts.get(2);
            out = key + "attn.out_proj";
        }
        long heads = config.heads();
        long dh = config.headDim();
        String qh = nn.transpose(nn.reshape(q, key + "attn/q_heads", 0, 0, heads, dh), key + "attn/q_t", 0, 2, 1, 3);
        String kh = nn.transpose(nn.reshape(k, key + "attn/k_heads", 0, 0, heads, dh), key + "attn/k_t", 0, 2, 3, 1);
        String vh = nn.transpose(nn.reshape(v, key + "attn/v_heads", 0, 0, heads, dh), key + "attn/v_t", 0, 2, 1, 3);
        String scores = nn.mul(nn.matmul(qh, kh, key + "attn/scores"),
                g.scalar(key + "attn/scale", (float) (1 / Math.sqrt(dh))), key + "attn/scaled");
        String weights = nn.softmax(nn.add(scores, mask, key + "attn/masked"), key + "attn/softmax");
        String mixed = nn.transpose(nn.matmul(weights, vh, key + "attn/mixed"), key + "attn/mixed_t", 0, 2, 1, 3);
        return nn.linear(nn.reshape(mixed, key + "attn/merged", 0, 0, d), out, d, d);
    }

    /** 0 on and below the diagonal, the lowest float above it: a token sees only those before it. */
    private String causalMask() {
        int t = (int) tokens;
        float[] values = new float[t * t];
        for (int i = 0; i < t; i++) {
            Arrays.fill(values, i * t + i + 1, (i + 1) * t, -Float.MAX_VALUE);
        }
        return g.constant("causal_mask", new long[]{t, t}, values);
    }
}
