package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.checkpoint.graph.ClipTextGraph;
import org.sandpaint.engine.checkpoint.graph.GraphBuilder;
import org.sandpaint.engine.checkpoint.graph.UnetGraph;
import org.sandpaint.engine.checkpoint.graph.VaeDecoderGraph;
import org.sandpaint.engine.checkpoint.graph.VaeEncoderGraph;
import org.sandpaint.engine.checkpoint.graph.WeightSlot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the tiny SD 2.x-style checkpoint of {@code src/test/models/tiny-sd2}: LDM/OpenCLIP key names,
 * synthetic weights computed from the key names exactly as {@code make_sd2_reference.py} computes them (see
 * there), the text encoder in BF16, the UNet in F32 and the VAE in F16 with its attention as Linear [C, C]
 * layers; plus the extra tensors real files carry.
 */
final class TinySd2Checkpoint {

    static final Path DIR = Path.of("src/test/models/tiny-sd2");
    private static final String TEXT = TextEncoderConfig.Naming.OPEN_CLIP.prefix();

    private TinySd2Checkpoint() {
    }

    /** Writes {@code tiny-sd2.safetensors} into {@code dir} (and its yaml beside it when asked). */
    static Path write(Path dir, boolean withYaml) throws Exception {
        return write(dir, withYaml, 4);
    }

    /**
     * As {@link #write(Path, boolean)}; {@code inChannels} 9 makes the inpainting variant (latents, mask and
     * masked-picture latents into conv_in).
     */
    static Path write(Path dir, boolean withYaml, int inChannels) throws Exception {
        String yaml = Files.readString(DIR.resolve("tiny-sd2.yaml"))
                .replace("in_channels: 4\n        out_channels", "in_channels: " + inChannels + "\n        out_channels");
        Path yamlFile = Files.writeString(dir.resolve("tiny-sd2.yaml"), yaml);
        LdmConfig config = LdmConfig.read(yamlFile);
        if (!withYaml) {
            Files.delete(yamlFile);
        }
        UnetConfig unet = UnetConfig.fromLdmParams(config.unetParams().orElseThrow());
        VaeConfig vae = config.vae().orElseThrow();
        TextEncoderConfig text = new TextEncoderConfig(TextEncoderConfig.Naming.OPEN_CLIP, 32, 3, 4, 128,
                TextEncoderConfig.Activation.GELU, 1e-5f, 77, 49408, 2);
        Map<String, WeightSlot> slots = new LinkedHashMap<>();
        for (GraphBuilder g : new GraphBuilder[]{ClipTextGraph.build(text), UnetGraph.build(unet, "model.diffusion_model."),
                VaeDecoderGraph.build(vae, "first_stage_model."), VaeEncoderGraph.build(vae, "first_stage_model.")}) {
            slots.putAll(g.weights());
        }
        SafetensorsWriter writer = new SafetensorsWriter();
        String table = TEXT + "token_embedding.weight";
        writer.bf16(table, new long[]{49408, 32}, values(table, 49408 * 32, 0));
        for (WeightSlot slot : slots.values()) {
            long[] shape = storedShape(slot);
            float[] values = values(slot.key(), (int) slot.elementCount(), fanIn(slot.key(), shape));
            if (slot.key().startsWith(TEXT)) {
                writer.bf16(slot.key(), shape, values);
            } else if (slot.key().startsWith("first_stage_model.")) {
                writer.f16(slot.key(), shape, values);
            } else {
                writer.f32(slot.key(), shape, values);
            }
        }
        writer.f32("alphas_cumprod", new long[]{1000}, new float[1000])
                .f32("model_ema.decay", new long[0], 0.9999f)
                .f32(TEXT + "text_projection", new long[]{32, 32}, new float[32 * 32])
                .f32(TEXT + "logit_scale", new long[0], 4.6f)
                .metadata("format", "pt");
        return writer.write(dir.resolve("tiny-sd2.safetensors"));
    }

    /** The shape a checkpoint stores: Linear layers [out, in], norms 1-D, the VAE's attention as Linear. */
    private static long[] storedShape(WeightSlot slot) {
        long[] s = slot.graphShape();
        if (slot.transposed()) {
            return new long[]{s[1], s[0]};
        }
        if (s.length == 3 && s[1] == 1 && s[2] == 1) {
            return new long[]{s[0]};
        }
        if (slot.key().contains(".attn_1.") && s.length == 4) {
            return new long[]{s[0], s[1]};
        }
        return s;
    }

    private static long fanIn(String key, long[] shape) {
        if (shape.length < 2 || key.endsWith("positional_embedding")) {
            return 0;
        }
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) {
            fanIn *= shape[i];
        }
        return fanIn;
    }

    /** make_unet_reference.py's synthetic rule (an LCG seeded with the key's hashCode), in float32. */
    private static float[] values(String key, int count, long fanIn) {
        int x = key.hashCode();
        float[] values = new float[count];
        boolean normScale = fanIn == 0 && key.endsWith("weight") && !key.endsWith("embedding.weight");
        for (int i = 0; i < count; i++) {
            x = x * 1664525 + 1013904223;
            float c = 2f * ((x >>> 8) * 0x1p-24f) - 1f;
            values[i] = fanIn > 0 ? c * (float) Math.sqrt(3.0 / fanIn) : normScale ? 1f + 0.1f * c : 0.1f * c;
        }
        return values;
    }

    static Path reference() {
        return DIR.resolve("reference.json");
    }

    static void requireDir() throws IOException {
        if (!Files.isDirectory(DIR)) {
            throw new IOException(DIR.toAbsolutePath() + " is missing: run the tests from the project folder.");
        }
    }
}
