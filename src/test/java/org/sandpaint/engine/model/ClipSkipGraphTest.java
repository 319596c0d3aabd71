package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.sandpaint.testing.TestModels;

import java.nio.file.Path;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CLIP skip on an export without hidden-state outputs: the derived graph must give what torch computed
 * for final_layer_norm(hidden_states[-n]) (reference written by make_tiny_models.py from the torch module).
 */
class ClipSkipGraphTest {

    @Test
    void derivedGraphMatchesTorchForEveryClipSkip() throws Exception {
        checkAgainstTorch(TestModels.folder("tiny-optimum").resolve("text_encoder/model.onnx"));
    }

    @Test
    void exportsThatListTheirHiddenStatesUseThem() throws Exception {
        Path file = TestModels.folder("tiny-hidden-states").resolve("text_encoder/model.onnx");
        ClipSkipGraph graph = ClipSkipGraph.derive(file, "last_hidden_state");
        assertEquals(3, graph.layers());
        boolean readsDeclaredOutput = graph.model().getGraph().getNodeList().stream()
                .filter(n -> n.getName().endsWith("_clip_skip_2"))
                .anyMatch(n -> n.getInputList().contains("hidden_states.2"));
        assertTrue(readsDeclaredOutput, "CLIP skip 2 should normalise the export's own hidden_states.2");
        checkAgainstTorch(file);
    }

    @Test
    void fusedLayerNormalizationAndFloat16Exports() throws Exception {
        // tiny-io16's text encoder: opset 17 LayerNormalization nodes, float16 output.
        checkAgainstTorch(TestModels.folder("tiny-io16").resolve("text_encoder/model.onnx"), 2e-2);
    }

    private static void checkAgainstTorch(Path textEncoderFile) throws Exception {
        checkAgainstTorch(textEncoderFile, 1e-4);
    }

    private static void checkAgainstTorch(Path textEncoderFile, double tolerance) throws Exception {
        JsonNode reference = new ObjectMapper().readTree(Path.of("src/test/models/clip_skip_reference.json").toFile());
        int[] ids = StreamSupport.stream(reference.get("input_ids").spliterator(), false).mapToInt(JsonNode::asInt).toArray();
        int layers = reference.get("layers").asInt();

        SessionFactory sessions = new SessionFactory(Device.CPU);
        try (TextEncoder encoder = new TextEncoder(OnnxPart.open(sessions, textEncoderFile, "text encoder"), sessions)) {
            for (int n = 1; n <= layers; n++) {
                float[] ours = encoder.encode(new int[][] {ids}, n);
                JsonNode expected = reference.get("clip_skip").get(Integer.toString(n));
                assertEquals(expected.size(), ours.length);
                double worst = 0;
                for (int i = 0; i < ours.length; i++) {
                    worst = Math.max(worst, Math.abs(ours[i] - expected.get(i).asDouble()));
                }
                assertTrue(worst < tolerance, "CLIP skip " + n + " differs from torch by " + worst);
            }
            int tooMany = layers + 1;
            ModelException e = assertThrows(ModelException.class, () -> encoder.encode(new int[][] {ids}, tooMany));
            assertTrue(e.getMessage().contains("1 to " + layers), e.getMessage());
        }
    }

    @Test
    void findsTheLayersOfTheSharedFixtureToo() throws Exception {
        Path fixture = org.sandpaint.testing.SharedFixtures.require("fixtures/tiny-sd-optimum");
        ClipSkipGraph graph = ClipSkipGraph.derive(fixture.resolve("text_encoder/model.onnx"), "last_hidden_state");
        assertEquals(4, graph.layers(), "the fixture's text encoder has 4 layers (see its README)");
    }
}
