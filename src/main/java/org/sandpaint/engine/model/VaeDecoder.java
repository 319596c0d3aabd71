package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.util.Map;
import java.util.Set;

/** The VAE decoder: latents [1, 4, h, w] (already divided by the scaling factor) to RGB [1, 3, 8h, 8w] in [-1, 1]. */
public final class VaeDecoder implements AutoCloseable {

    static final String INPUT = "latent_sample";
    static final String OUTPUT = "sample";

    private final OnnxPart part;
    private final OrtEnvironment env;
    private final OnnxJavaType inputType;

    VaeDecoder(OnnxPart part, OrtEnvironment env) throws ModelException {
        this.part = part;
        this.env = env;
        TensorInfo in = part.input(INPUT);
        part.requireRank(in, INPUT, 4);
        this.inputType = part.floatType(in, INPUT);
        part.floatType(part.output(OUTPUT), OUTPUT);
    }

    /** Decodes one image; images are decoded one at a time because the VAE's memory grows with the batch. */
    public float[] decode(float[] latents, int height, int width) throws ModelException {
        try (FloatTensorBuffer input = new FloatTensorBuffer(env, inputType, new long[] {1, 4, height, width})) {
            input.write(latents, 0);
            try (OrtSession.Result result = part.run(Map.of(INPUT, input.tensor()), Set.of(OUTPUT))) {
                return OnnxPart.floats(result.get(0));
            }
        } catch (OrtException e) {
            throw part.runFailure("VAE decoder", e);
        }
    }

    @Override
    public void close() {
        part.close();
    }
}
