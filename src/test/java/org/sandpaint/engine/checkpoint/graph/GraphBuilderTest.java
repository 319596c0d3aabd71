package org.sandpaint.engine.checkpoint.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphBuilderTest {

    /** y = x @ W^T + b, with W stored [out=3, in=2] as a checkpoint stores a Linear layer. */
    @Test
    void aBuiltLinearLayerRunsWithWeightsFedFromJava() throws Exception {
        GraphBuilder g = new GraphBuilder("linear");
        String x = g.input("x", DataType.FLOAT, new long[]{-1, 2}, "batch");
        String w = g.weightTransposed("layer.weight", 3, 2);
        String b = g.weight("layer.bias", 3);
        String y = g.op("Add", List.of(g.op("MatMul", List.of(x, w), "mm"), b), "y");
        g.output(y, "out", DataType.FLOAT, new long[]{-1, 3}, "batch");

        float[] weight = {1, 2, /* row 1 */ 3, 4, /* row 2 */ -1, 0.5f};
        float[] bias = {0.25f, 0, -1};
        Map<String, float[]> checkpoint = Map.of("layer.weight", weight, "layer.bias", bias);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (WeightFeed feed = WeightFeed.of(env, g.weights(), checkpoint::get);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            feed.addTo(options);
            try (OrtSession session = env.createSession(g.build().toByteArray(), options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[]{1, 2, -1, 3}), new long[]{2, 2});
                 OrtSession.Result result = session.run(Map.of("x", input))) {
                float[][] out = (float[][]) result.get(0).getValue();
                // Row [1, 2]: [1+4, 3+8, -1+1] + bias; row [-1, 3]: [-1+6, -3+12, 1+1.5] + bias.
                float[][] expected = {{5.25f, 11f, -1f}, {5.25f, 9f, 1.5f}};
                for (int r = 0; r < 2; r++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(expected[r][c], out[r][c], 1e-6f, "row " + r + " col " + c);
                    }
                }
            }
        }
    }

    @Test
    void aWeightOfTheWrongSizeIsRefusedByName() {
        GraphBuilder g = new GraphBuilder("bad");
        g.weight("conv.weight", 4, 2, 3, 3);
        var e = assertThrows(org.sandpaint.engine.ModelException.class,
                () -> WeightFeed.of(OrtEnvironment.getEnvironment(), g.weights(), key -> new float[10]));
        assertTrue(e.getMessage().contains("conv.weight"), e.getMessage());
    }

    @Test
    void namesAreMadeUnique() {
        GraphBuilder g = new GraphBuilder("names");
        String a = g.scalar("eps", 1e-5f);
        String b = g.scalar("eps", 1e-6f);
        assertTrue(!a.equals(b), a + " vs " + b);
    }
}
