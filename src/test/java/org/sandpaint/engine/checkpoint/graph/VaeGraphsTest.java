package org.sandpaint.engine.checkpoint.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.checkpoint.CheckpointWeights;
import org.sandpaint.engine.checkpoint.SafetensorsFile;
import org.sandpaint.engine.checkpoint.TinySd1Cases;
import org.sandpaint.engine.checkpoint.VaeConfig;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The VAE decoder built from the tiny checkpoint turns the fixture's reference latents into its reference
 * pictures: the checkpoint's own VAE and the stand-alone alternative one (through a {@link WeightSource}).
 */
class VaeGraphsTest {

    private static final VaeConfig TINY = new VaeConfig(32, new int[]{1, 1, 2, 2}, 1, 4);

    @Test
    void decodesTheReferenceLatentsToTheReferencePicture() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        try (SafetensorsFile file = SafetensorsFile.open(fixture.checkpoint())) {
            checkDecode(fixture, "t2i_euler_a", CheckpointWeights.of(file));
        }
    }

    @Test
    void decodesWithAStandAloneVaeGivenAsAWeightSource() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        try (SafetensorsFile file = SafetensorsFile.open(fixture.checkpoint());
             SafetensorsFile vae = SafetensorsFile.open(fixture.dir().resolve("vae/tiny-vae-alt.safetensors"))) {
            checkDecode(fixture, "t2i_alt_vae", CheckpointWeights.withVae(CheckpointWeights.of(file), vae));
        }
    }

    private static void checkDecode(TinySd1Cases fixture, String name, WeightSource weights) throws Exception {
        JsonNode c = fixture.find(name);
        int w = c.get("width").asInt();
        int h = c.get("height").asInt();
        float[] latents = TinySd1Cases.latents(c);
        for (int i = 0; i < latents.length; i++) {
            latents[i] /= 0.18215f;
        }
        GraphBuilder g = VaeDecoderGraph.build(TINY, "first_stage_model.");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (WeightFeed feed = WeightFeed.of(env, g.weights(), weights);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            feed.addTo(options);
            try (OrtSession session = env.createSession(g.build().toByteArray(), options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(latents), new long[]{1, 4, h / 8, w / 8});
                 OrtSession.Result result = session.run(Map.of(VaeDecoderGraph.INPUT, input))) {
                FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] image = new float[out.remaining()];
                out.get(image);
                TinySd1Cases.assertImageMatches(fixture.expectedImage(name), TinySd1Cases.toImage(image, w, h), 2, name);
            }
        }
    }
}
