package org.sandpaint.engine.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.checkpoint.SafetensorsFile;
import org.sandpaint.engine.checkpoint.TinySd1Fixture;
import org.sandpaint.engine.checkpoint.UnetConfig;
import org.sandpaint.engine.checkpoint.graph.GraphBuilder;
import org.sandpaint.engine.checkpoint.graph.UnetGraph;
import org.sandpaint.engine.checkpoint.graph.WeightFeed;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine's {@link Unet} wrapper drives a UNet built from a checkpoint as it drives an ONNX export. */
class BuiltUnetTest {

    @Test
    void theWrapperFeedsAFractionalFloatTimestepPerBatchEntry() throws Exception {
        Path checkpoint = TinySd1Fixture.checkpoint();
        UnetConfig config = new UnetConfig(4, 4, 32, new int[]{1, 2}, 2, new int[]{0}, 32, 2, -1, 1, false, 0);
        GraphBuilder g = UnetGraph.build(config, "model.diffusion_model.");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Random random = new Random(7);
        int batch = 2;
        float[] sample = gaussian(random, batch * 4 * 8 * 8);
        float[] context = gaussian(random, batch * 77 * 32);
        double t = 12.75;
        try (SafetensorsFile file = SafetensorsFile.open(checkpoint);
             WeightFeed feed = WeightFeed.of(env, g.weights(), file::floats);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            feed.addTo(options);
            OrtSession session = env.createSession(g.build().toByteArray(), options);
            try (Unet unet = new Unet(OnnxPart.wrap(session, checkpoint, "UNet"), env)) {
                assertEquals(4, unet.inChannels());
                assertEquals(-1, unet.fixedBatch());
                float[] viaWrapper;
                try (UnetRun run = unet.begin(batch, 8, 8, context, 77)) {
                    viaWrapper = run.predict(sample, t);
                }
                assertArrayEquals(direct(env, session, sample, (float) t, context, batch), viaWrapper, 1e-6f);
            }
        }
    }

    private static float[] direct(OrtEnvironment env, OrtSession session, float[] sample, float t, float[] context,
                                  int batch) throws Exception {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(sample), new long[]{batch, 4, 8, 8});
             OnnxTensor time = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[]{t, t}), new long[]{batch});
             OnnxTensor c = OnnxTensor.createTensor(env, FloatBuffer.wrap(context), new long[]{batch, 77, 32});
             OrtSession.Result result = session.run(Map.of("sample", x, "timestep", time,
                     "encoder_hidden_states", c))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }

    private static float[] gaussian(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
