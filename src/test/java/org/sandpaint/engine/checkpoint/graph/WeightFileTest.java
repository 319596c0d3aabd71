package org.sandpaint.engine.checkpoint.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.ModelException;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightFileTest {

    @TempDir
    Path dir;

    private static List<Path> files(Path dir) throws Exception {
        try (var list = Files.list(dir)) {
            return list.toList();
        }
    }

    /** y = x @ W^T + b with W stored [out=3, in=2], fed through an external-data file that ONNX Runtime maps. */
    @Test
    void aBuiltLayerRunsFromTheFileAndTheFileGoesOnceTheSessionExists() throws Exception {
        GraphBuilder g = new GraphBuilder("linear");
        String x = g.input("x", DataType.FLOAT, new long[]{-1, 2}, "batch");
        String y = g.op("Add", List.of(g.op("MatMul", List.of(x, g.weightTransposed("layer.weight", 3, 2)), "mm"),
                g.weight("layer.bias", 3)), "y");
        g.output(y, "out", DataType.FLOAT, new long[]{-1, 3}, "batch");
        Map<String, float[]> checkpoint = Map.of("layer.weight", new float[]{1, 2, 3, 4, -1, 0.5f},
                "layer.bias", new float[]{0.25f, 0, -1});
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (WeightFile weights = WeightFile.write(g, checkpoint::get, dir);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            assertEquals(1, files(dir).size(), "the weights are unpacked into one file");
            weights.addTo(options);
            try (OrtSession session = env.createSession(weights.model(), options)) {
                weights.sessionCreated();
                assertEquals(List.of(), files(dir), "the file is removed once the session holds the weights");
                try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[]{1, 2, -1, 3}), new long[]{2, 2});
                     OrtSession.Result result = session.run(Map.of("x", input))) {
                    float[][] out = (float[][]) result.get(0).getValue();
                    float[][] expected = {{5.25f, 11f, -1f}, {5.25f, 9f, 1.5f}};
                    for (int r = 0; r < 2; r++) {
                        for (int c = 0; c < 3; c++) {
                            assertEquals(expected[r][c], out[r][c], 1e-6f, "row " + r + " col " + c);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aWeightOfTheWrongSizeIsRefusedByNameAndLeavesNoFile() throws Exception {
        GraphBuilder g = new GraphBuilder("bad");
        g.weight("conv.weight", 4, 2, 3, 3);
        ModelException e = assertThrows(ModelException.class, () -> WeightFile.write(g, key -> new float[10], dir));
        assertTrue(e.getMessage().contains("conv.weight"), e.getMessage());
        assertEquals(List.of(), files(dir));
    }
}
