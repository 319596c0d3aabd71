package org.sandpaint.engine.checkpoint.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import org.sandpaint.engine.checkpoint.VaeConfig;

/**
 * The LDM VAE decoder with its {@code post_quant_conv}: input {@code latent_sample} [B, z, h, w] (latents
 * already divided by the scaling factor), output {@code sample} [B, 3, 8h, 8w] in about [-1, 1], the
 * interface of the ONNX exports' vae_decoder. Levels run from the deepest ({@code up.N-1}) to full
 * resolution ({@code up.0}), as LDM numbers them.
 */
public final class VaeDecoderGraph {

    public static final String INPUT = "latent_sample";
    public static final String OUTPUT = "sample";

    private VaeDecoderGraph() {
    }

    /** @param prefix the VAE's key prefix, {@code first_stage_model.} in a checkpoint */
    public static GraphBuilder build(VaeConfig config, String prefix) {
        GraphBuilder g = new GraphBuilder("vae_decoder");
        Layers nn = new Layers(g);
        VaeBlocks blocks = new VaeBlocks(nn);
        long z = config.zChannels();
        String x = g.input(INPUT, DataType.FLOAT, new long[]{-1, z, -1, -1}, "batch", "height", "width");
        x = nn.conv1x1(x, prefix + "post_quant_conv", z, z);
        String d = prefix + "decoder.";
        int last = config.levels() - 1;
        long width = config.width(last);
        x = nn.conv3x3(x, d + "conv_in", width, z);
        x = blocks.middle(x, d + "mid", width);
        for (int level = last; level >= 0; level--) {
            long out = config.width(level);
            for (int b = 0; b <= config.numResBlocks(); b++) {
                x = blocks.resBlock(x, d + "up." + level + ".block." + b, width, out);
                width = out;
            }
            if (level != 0) {
                x = blocks.upsample(x, d + "up." + level + ".upsample", width);
            }
        }
        x = nn.conv3x3(blocks.normAct(x, d + "norm_out", width), d + "conv_out", 3, width);
        g.output(x, OUTPUT, DataType.FLOAT, new long[]{-1, 3, -1, -1}, "batch", "out_height", "out_width");
        return g;
    }
}
