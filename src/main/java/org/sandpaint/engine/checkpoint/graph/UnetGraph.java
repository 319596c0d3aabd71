package org.sandpaint.engine.checkpoint.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import org.sandpaint.engine.checkpoint.UnetConfig;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.sandpaint.engine.checkpoint.graph.GraphBuilder.attr;

/**
 * Builds the LDM {@code UNetModel} of Stable Diffusion 1.x/2.x as an ONNX graph whose weights are the
 * checkpoint's keys. Inputs {@code sample} [B, C, h, w], {@code timestep} [B] (float, fractional allowed),
 * {@code encoder_hidden_states} [B, T, context]; output {@code out_sample} [B, out, h, w].
 *
 * <p>The input blocks go down level by level (res blocks, spatial transformers, a stride-2 convolution
 * between levels) keeping every output; the output blocks come back up, each first concatenating the
 * newest kept output. Upsampling resizes to the size of the output it will be concatenated with, as
 * diffusers does, so latent sides that do not halve evenly still work.
 */
public final class UnetGraph {

    /** LDM's GroupNorm32 epsilon in res blocks and the final norm. */
    private static final float NORM_EPSILON = 1e-5f;
    /** Longest period of the sinusoidal timestep embedding (LDM's max_period). */
    private static final double MAX_PERIOD = 10000;

    private final UnetConfig config;
    private final String prefix;
    private final GraphBuilder g;
    private final UnetLayers layers;
    private final SpatialTransformerGraph transformer;
    /** SiLU of the time embedding, which every res block projects. */
    private String embedding;

    private UnetGraph(UnetConfig config, String prefix, GraphBuilder g, String context) {
        this.config = config;
        this.prefix = prefix;
        this.g = g;
        this.layers = new UnetLayers(g);
        this.transformer = new SpatialTransformerGraph(layers, context, config.contextDim(),
                config.transformerDepth(), config.linearProjection());
    }

    /**
     * The UNet described by {@code config}, its weights read from keys under {@code prefix} (normally
     * {@code model.diffusion_model.}).
     *
     * @throws IllegalArgumentException for a class-conditioned (SDXL) UNet, which needs inputs this graph lacks
     */
    public static GraphBuilder build(UnetConfig config, String prefix) {
        if (config.admInChannels() != 0) {
            throw new IllegalArgumentException("UNets with extra class/size conditioning (adm_in_channels "
                    + config.admInChannels() + ", SDXL) are not supported yet");
        }
        GraphBuilder g = new GraphBuilder("unet");
        String sample = g.input("sample", DataType.FLOAT, new long[]{-1, config.inChannels(), -1, -1},
                "batch", "height", "width");
        String timestep = g.input("timestep", DataType.FLOAT, new long[]{-1}, "batch");
        String context = g.input("encoder_hidden_states", DataType.FLOAT, new long[]{-1, -1, config.contextDim()},
                "batch", "sequence");
        UnetGraph unet = new UnetGraph(config, prefix, g, context);
        String out = unet.forward(sample, timestep);
        g.output(out, "out_sample", DataType.FLOAT, new long[]{-1, config.outChannels(), -1, -1},
                "batch", "height", "width");
        return g;
    }

    private String forward(String sample, String timestep) {
        embedding = layers.silu(timeEmbedding(timestep));
        Deque<Feature> kept = new ArrayDeque<>();
        long ch = config.modelChannels();
        String h = layers.conv(sample, key("input_blocks.0.0"), config.inChannels(), ch, 3, 1);
        kept.push(new Feature(h, ch));
        int block = 1;
        for (int level = 0; level < config.levels(); level++) {
            for (int i = 0; i < config.numResBlocks(); i++) {
                String module = "input_blocks." + block++;
                h = resBlock(h, key(module + ".0"), ch, config.width(level));
                ch = config.width(level);
                if (config.hasAttention(level)) {
                    h = transformer.apply(h, key(module + ".1"), ch, config.headsFor((int) ch));
                }
                kept.push(new Feature(h, ch));
            }
            if (level != config.levels() - 1) {
                h = layers.conv(h, key("input_blocks." + block++ + ".0.op"), ch, ch, 3, 2);
                kept.push(new Feature(h, ch));
            }
        }

        h = resBlock(h, key("middle_block.0"), ch, ch);
        h = transformer.apply(h, key("middle_block.1"), ch, config.headsFor((int) ch));
        h = resBlock(h, key("middle_block.2"), ch, ch);

        block = 0;
        for (int level = config.levels() - 1; level >= 0; level--) {
            for (int i = 0; i <= config.numResBlocks(); i++) {
                String module = "output_blocks." + block++;
                Feature skip = kept.pop();
                h = g.op("Concat", List.of(h, skip.value()), module, attr("axis", 1L));
                h = resBlock(h, key(module + ".0"), ch + skip.channels(), config.width(level));
                ch = config.width(level);
                int layer = 1;
                if (config.hasAttention(level)) {
                    h = transformer.apply(h, key(module + "." + layer++), ch, config.headsFor((int) ch));
                }
                if (level > 0 && i == config.numResBlocks()) {
                    h = upsample(h, key(module + "." + layer + ".conv"), ch, kept.peek().value());
                }
            }
        }

        h = layers.silu(layers.groupNorm(h, key("out.0"), ch, NORM_EPSILON));
        return layers.conv(h, key("out.2"), ch, config.outChannels(), 3, 1);
    }

    /**
     * LDM's sinusoidal embedding of (possibly fractional) timesteps: [cos(t f), sin(t f)] with frequencies
     * f_i = MAX_PERIOD^(-i/half), i.e. diffusers' flip_sin_to_cos=True, freq_shift=0; then the time MLP.
     */
    private String timeEmbedding(String timestep) {
        int half = config.modelChannels() / 2;
        float[] frequencies = new float[half];
        for (int i = 0; i < half; i++) {
            // As LDM computes it in float32: exp(-ln(max_period) * i / half)
            float exponent = (float) -Math.log(MAX_PERIOD) * i / half;
            frequencies[i] = (float) Math.exp(exponent);
        }
        String t = g.op("Unsqueeze", List.of(timestep, layers.longs("axis_1", 1)), "time");
        String args = g.op("Mul", List.of(t, g.constant("time_frequencies", new long[]{1, half}, frequencies)),
                "time");
        String sinusoid = g.op("Concat", List.of(g.op("Cos", List.of(args), "time"), g.op("Sin", List.of(args), "time")),
                "time", attr("axis", 1L));
        long width = config.timeEmbedDim();
        String h = layers.linear(sinusoid, key("time_embed.0"), config.modelChannels(), width, true);
        return layers.linear(layers.silu(h), key("time_embed.2"), width, width, true);
    }

    /** LDM's ResBlock: two GroupNorm-SiLU-conv stages, the time embedding added between them, a skip path. */
    private String resBlock(String x, String module, long in, long out) {
        String h = layers.conv(layers.silu(layers.groupNorm(x, module + ".in_layers.0", in, NORM_EPSILON)),
                module + ".in_layers.2", in, out, 3, 1);
        String time = layers.linear(embedding, module + ".emb_layers.1", config.timeEmbedDim(), out, true);
        h = layers.add(h, g.op("Unsqueeze", List.of(time, layers.longs("axes_2_3", 2, 3)), module), module);
        h = layers.conv(layers.silu(layers.groupNorm(h, module + ".out_layers.0", out, NORM_EPSILON)),
                module + ".out_layers.3", out, out, 3, 1);
        String skip = in == out ? x : layers.conv(x, module + ".skip_connection", in, out, 1, 1);
        return layers.add(skip, h, module);
    }

    /** Nearest-neighbour upsampling to the spatial size of {@code like} (2x when sides halved evenly), then a conv. */
    private String upsample(String x, String module, long channels, String like) {
        String sizes = g.op("Concat", List.of(g.op("Shape", List.of(x), module, attr("end", 2L)),
                g.op("Shape", List.of(like), module, attr("start", 2L))), module, attr("axis", 0L));
        String resized = g.op("Resize", List.of(x, "", "", sizes), module, attr("mode", "nearest"),
                attr("coordinate_transformation_mode", "asymmetric"), attr("nearest_mode", "floor"));
        return layers.conv(resized, module, channels, channels, 3, 1);
    }

    private String key(String module) {
        return prefix + module;
    }

    /** A kept input-block output and its channel count. */
    private record Feature(String value, long channels) {
    }
}
