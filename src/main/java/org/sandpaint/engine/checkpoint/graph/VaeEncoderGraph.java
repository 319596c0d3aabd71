package org.sandpaint.engine.checkpoint.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import org.sandpaint.engine.checkpoint.VaeConfig;

/**
 * The LDM VAE encoder with its {@code quant_conv}: input {@code sample} [B, 3, H, W] in [-1, 1], output
 * {@code latent_parameters} [B, 2z, H/8, W/8], the posterior's mean then log-variance. Sampling stays in
 * Java ({@link org.sandpaint.engine.model.VaeEncoder}) so it draws from the image's own generator.
 */
public final class VaeEncoderGraph {

    public static final String INPUT = "sample";
    public static final String OUTPUT = "latent_parameters";

    private VaeEncoderGraph() {
    }

    /** @param prefix the VAE's key prefix, {@code first_stage_model.} in a checkpoint */
    public static GraphBuilder build(VaeConfig config, String prefix) {
        GraphBuilder g = new GraphBuilder("vae_encoder");
        Layers nn = new Layers(g);
        VaeBlocks blocks = new VaeBlocks(nn);
        String e = prefix + "encoder.";
        String x = g.input(INPUT, DataType.FLOAT, new long[]{-1, 3, -1, -1}, "batch", "height", "width");
        long width = config.channels();
        x = nn.conv3x3(x, e + "conv_in", width, 3);
        int last = config.levels() - 1;
        for (int level = 0; level <= last; level++) {
            long out = config.width(level);
            for (int b = 0; b < config.numResBlocks(); b++) {
                x = blocks.resBlock(x, e + "down." + level + ".block." + b, width, out);
                width = out;
            }
            if (level != last) {
                x = blocks.downsample(x, e + "down." + level + ".downsample", width);
            }
        }
        x = blocks.middle(x, e + "mid", width);
        long moments = 2L * config.zChannels();
        x = nn.conv3x3(blocks.normAct(x, e + "norm_out", width), e + "conv_out", moments, width);
        x = nn.conv1x1(x, prefix + "quant_conv", moments, moments);
        g.output(x, OUTPUT, DataType.FLOAT, new long[]{-1, moments, -1, -1}, "batch", "latent_height", "latent_width");
        return g;
    }
}
