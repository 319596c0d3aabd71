package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.sandpaint.engine.random.NoiseSource;

import java.util.Map;
import java.util.Set;

/**
 * The VAE encoder: RGB [1, 3, H, W] in [-1, 1] to unscaled latents [1, 4, H/8, W/8]. Exports either
 * sample inside the graph ({@code latent_sample}) or return the posterior's mean and log-variance
 * ({@code latent_parameters}); for the latter we sample {@code mean + std * randn} from the image's
 * generator, as diffusers does, so the random stream stays in step with diffusers.
 */
public final class VaeEncoder implements AutoCloseable {

    static final String INPUT = "sample";
    static final String SAMPLED = "latent_sample";
    static final String PARAMETERS = "latent_parameters";

    private final OnnxPart part;
    private final OrtEnvironment env;
    private final OnnxJavaType inputType;
    private final String output;

    VaeEncoder(OnnxPart part, OrtEnvironment env) throws ModelException {
        this.part = part;
        this.env = env;
        TensorInfo in = part.input(INPUT);
        part.requireRank(in, INPUT, 4);
        this.inputType = part.floatType(in, INPUT);
        if (part.hasOutput(PARAMETERS)) {
            output = PARAMETERS;
        } else if (part.hasOutput(SAMPLED)) {
            output = SAMPLED;
        } else {
            throw new ModelException("The VAE encoder (" + part.file() + ") has neither a 'latent_sample' nor a "
                    + "'latent_parameters' output (it has " + part.outputNames() + ").");
        }
    }

    /** True when the encoder returns mean and log-variance and {@link #encode} draws from the generator. */
    public boolean samplesWithGenerator() {
        return output.equals(PARAMETERS);
    }

    /**
     * Runs the encoder once; {@link Encoded#sample} then gives each image's latents from its own generator.
     */
    public Encoded encode(float[] image, int height, int width) throws ModelException {
        try (FloatTensorBuffer input = new FloatTensorBuffer(env, inputType, new long[] {1, 3, height, width})) {
            input.write(image, 0);
            try (OrtSession.Result result = part.run(Map.of(INPUT, input.tensor()), Set.of(output))) {
                return new Encoded(OnnxPart.floats(result.get(0)), samplesWithGenerator());
            }
        } catch (OrtException e) {
            throw part.runFailure("VAE encoder", e);
        }
    }

    /** The encoder's output: either latents already, or the posterior's parameters to sample from. */
    public record Encoded(float[] raw, boolean isPosterior) {
        /** Unscaled latents [1, 4, h, w]; draws from {@code noise} only for a posterior. */
        public float[] sample(NoiseSource noise) {
            return isPosterior ? samplePosterior(raw, noise) : raw.clone();
        }
    }

    /** Diagonal Gaussian posterior: channels [0,4) are the mean, [4,8) the log-variance. */
    static float[] samplePosterior(float[] parameters, NoiseSource noise) {
        int half = parameters.length / 2;
        float[] eps = noise.randn(half);
        float[] out = new float[half];
        for (int i = 0; i < half; i++) {
            float logvar = Math.max(-30f, Math.min(20f, parameters[half + i]));
            float std = (float) Math.exp(0.5f * logvar);
            out[i] = parameters[i] + std * eps[i];
        }
        return out;
    }

    @Override
    public void close() {
        part.close();
    }
}
