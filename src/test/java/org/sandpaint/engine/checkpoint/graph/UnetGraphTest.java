package org.sandpaint.engine.checkpoint.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.checkpoint.SafetensorsFile;
import org.sandpaint.engine.checkpoint.TinySd1Fixture;
import org.sandpaint.engine.checkpoint.UnetConfig;
import org.sandpaint.engine.image.Npy;
import org.sandpaint.engine.ModelException;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built UNet against an independent float64 torch port of LDM's UNetModel
 * ({@code src/test/models/make_unet_reference.py}) on the tiny SD 1.x checkpoint's weights, and on synthetic
 * weights for an SD 2.x-style configuration. Relative error: max |ours - ref| / max |ref|.
 */
class UnetGraphTest {

    static final String PREFIX = "model.diffusion_model.";
    static final Path REFERENCE = Path.of("src/test/models/unet-reference");
    /** The tiny checkpoint's UNet, as its yaml says (2 heads). */
    static final UnetConfig TINY = new UnetConfig(4, 4, 32, new int[]{1, 2}, 2, new int[]{0}, 32, 2, -1, 1,
            false, 0);
    static final double TOLERANCE = 1e-4;

    @Test
    void matchesTheReferenceWith77Tokens() throws Exception {
        assertMatches("square_t77", TINY, 2, 4, 8, 8, 77, null);
    }

    @Test
    void matchesTheReferenceWith154TokensOfALongPrompt() throws Exception {
        assertMatches("square_t154", TINY, 2, 4, 8, 8, 154, null);
    }

    @Test
    void matchesTheReferenceOnANonSquareLatent() throws Exception {
        assertMatches("wide_8x12", TINY, 2, 4, 8, 12, 77, null);
    }

    /** Sides that do not halve evenly: upsampling meets each skip at its own size, as in diffusers. */
    @Test
    void matchesTheReferenceOnOddLatentSides() throws Exception {
        assertMatches("odd_5x7", TINY, 1, 4, 5, 7, 77, null);
    }

    @Test
    void matchesTheReferenceWithANineChannelInpaintingInput() throws Exception {
        UnetConfig inpaint = new UnetConfig(9, 4, 32, new int[]{1, 2}, 2, new int[]{0}, 32, 2, -1, 1, false, 0);
        float[] convIn = Npy.readFloat32(REFERENCE.resolve("conv_in_9ch.npy"));
        assertMatches("inpaint_9ch", inpaint, 1, 9, 8, 8, 77, Map.of(PREFIX + "input_blocks.0.0.weight", convIn));
    }

    /**
     * SD 2.x's variations on synthetic weights (no fixture needed): Linear proj_in/proj_out, heads of a fixed
     * width (16: 2 heads at 32 channels, 4 at 64), two transformer blocks each, attention on level 1 only.
     */
    @Test
    void matchesTheReferenceForAnSd2StyleUnet() throws Exception {
        UnetConfig sd2Style = new UnetConfig(4, 4, 32, new int[]{1, 2}, 1, new int[]{1}, 24, -1, 16, 2, true, 0);
        GraphBuilder g = UnetGraph.build(sd2Style, PREFIX);
        float[] sample = Npy.readFloat32(REFERENCE.resolve("sd2_style_sample.npy"));
        float[] timestep = Npy.readFloat32(REFERENCE.resolve("sd2_style_timestep.npy"));
        float[] context = Npy.readFloat32(REFERENCE.resolve("sd2_style_context.npy"));
        float[] actual = run(g, new SyntheticWeights(g.weights()), sample, new long[]{2, 4, 6, 10}, timestep,
                context, new long[]{2, 77, 24});
        assertClose("sd2_style", Npy.readFloat32(REFERENCE.resolve("sd2_style_out.npy")), actual);
    }

    /** SD 1.5's and SD 2.1's UNets as LDM declares them: 686 tensors, 859,520,964 and 865,910,724 parameters. */
    @Test
    void fullSizeGraphsDeclareLdmsWeightsAndStaySmall() {
        UnetConfig sd15 = new UnetConfig(4, 4, 320, new int[]{1, 2, 4, 4}, 2, new int[]{0, 1, 2}, 768, 8, -1, 1,
                false, 0);
        UnetConfig sd21 = new UnetConfig(4, 4, 320, new int[]{1, 2, 4, 4}, 2, new int[]{0, 1, 2}, 1024, -1, 64, 1,
                true, 0);
        for (var expected : Map.of(sd15, 859_520_964L, sd21, 865_910_724L).entrySet()) {
            GraphBuilder g = UnetGraph.build(expected.getKey(), PREFIX);
            assertEquals(686, g.weights().size());
            assertEquals(expected.getValue(), g.weights().values().stream().mapToLong(WeightSlot::elementCount).sum());
            int bytes = g.build().getSerializedSize();
            assertTrue(bytes < 1 << 20, "the graph without its weights is " + bytes + " bytes");
        }
    }

    @Test
    void aWeightOfAnotherWidthIsRefusedByKey() throws Exception {
        UnetConfig wider = new UnetConfig(4, 4, 64, new int[]{1, 2}, 2, new int[]{0}, 32, 2, -1, 1, false, 0);
        GraphBuilder g = UnetGraph.build(wider, PREFIX);
        try (SafetensorsFile file = SafetensorsFile.open(TinySd1Fixture.checkpoint())) {
            ModelException e = assertThrows(ModelException.class,
                    () -> WeightFeed.of(OrtEnvironment.getEnvironment(), g.weights(), file::floats));
            // The first weight whose size differs is the time MLP's: [4 x 64, 64] built, [4 x 32, 32] stored.
            assertTrue(e.getMessage().contains(PREFIX + "time_embed.0.weight has 4096 values")
                    && e.getMessage().contains("needs 16384"), e.getMessage());
        }
    }

    @Test
    void aMissingWeightIsRefusedByKey() throws Exception {
        GraphBuilder g = UnetGraph.build(TINY, "model.other_model.");
        try (SafetensorsFile file = SafetensorsFile.open(TinySd1Fixture.checkpoint())) {
            ModelException e = assertThrows(ModelException.class,
                    () -> WeightFeed.of(OrtEnvironment.getEnvironment(), g.weights(), file::floats));
            assertTrue(e.getMessage().contains("model.other_model."), e.getMessage());
        }
    }

    @Test
    void declaresEveryUnetWeightOfTheCheckpointAndNothingElse() throws Exception {
        GraphBuilder g = UnetGraph.build(TINY, PREFIX);
        try (SafetensorsFile file = SafetensorsFile.open(TinySd1Fixture.checkpoint())) {
            var inFile = file.tensors().keySet().stream().filter(k -> k.startsWith(PREFIX)).sorted().toList();
            var declared = g.weights().keySet().stream().sorted().toList();
            assertEquals(inFile, declared);
        }
    }

    @Test
    void sdxlStyleConditioningIsRefused() {
        UnetConfig adm = new UnetConfig(4, 4, 320, new int[]{1, 2, 4}, 2, new int[]{1, 2}, 2048, -1, 64, 1, true,
                2816);
        var e = assertThrows(IllegalArgumentException.class, () -> UnetGraph.build(adm, PREFIX));
        assertTrue(e.getMessage().contains("SDXL"), e.getMessage());
    }

    private static void assertMatches(String name, UnetConfig config, int batch, int channels, int height, int width,
                                      int tokens, Map<String, float[]> replaced) throws Exception {
        Path checkpoint = TinySd1Fixture.checkpoint();
        float[] sample = Npy.readFloat32(REFERENCE.resolve(name + "_sample.npy"));
        float[] timestep = Npy.readFloat32(REFERENCE.resolve(name + "_timestep.npy"));
        float[] expected = Npy.readFloat32(REFERENCE.resolve(name + "_out.npy"));
        float[] context = contextFor(batch, tokens);
        GraphBuilder g = UnetGraph.build(config, PREFIX);
        float[] actual;
        try (SafetensorsFile file = SafetensorsFile.open(checkpoint)) {
            WeightSource weights = key -> replaced != null && replaced.containsKey(key) ? replaced.get(key)
                    : file.floats(key);
            actual = run(g, weights, sample, new long[]{batch, channels, height, width}, timestep, context,
                    new long[]{batch, tokens, config.contextDim()});
        }
        assertClose(name, expected, actual);
    }

    private static void assertClose(String name, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, name + ": output size");
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        double relative = maxDiff / maxRef;
        System.out.printf("UNet %s: max |ours - ref| / max |ref| = %.2e%n", name, relative);
        assertTrue(relative <= TOLERANCE, name + ": relative error " + relative + " > " + TOLERANCE);
    }

    /** The first {@code tokens} positions of the first {@code batch} rows of the stored [2, 154, C] context. */
    private static float[] contextFor(int batch, int tokens) throws Exception {
        float[] all = Npy.readFloat32(REFERENCE.resolve("context.npy"));
        int width = all.length / (2 * 154);
        float[] out = new float[batch * tokens * width];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(all, b * 154 * width, out, b * tokens * width, tokens * width);
        }
        return out;
    }

    /** Runs the built graph once; checks the output is [B, 4, h, w]. */
    static float[] run(GraphBuilder g, WeightSource weights, float[] sample, long[] sampleShape, float[] timestep,
                       float[] context, long[] contextShape) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (WeightFeed feed = WeightFeed.of(env, g.weights(), weights);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            feed.addTo(options);
            try (OrtSession session = env.createSession(g.build().toByteArray(), options);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(sample), sampleShape);
                 OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(timestep), new long[]{timestep.length});
                 OnnxTensor c = OnnxTensor.createTensor(env, FloatBuffer.wrap(context), contextShape);
                 OrtSession.Result result = session.run(Map.of("sample", x, "timestep", t,
                         "encoder_hidden_states", c))) {
                OnnxTensor out = (OnnxTensor) result.get("out_sample").orElseThrow();
                long[] shape = out.getInfo().getShape();
                assertEquals(Arrays.toString(new long[]{sampleShape[0], 4, sampleShape[2],
                        sampleShape[3]}), Arrays.toString(shape), "output shape");
                FloatBuffer values = out.getFloatBuffer();
                float[] array = new float[values.remaining()];
                values.get(array);
                return array;
            }
        }
    }
}
