package org.sandpaint.engine.pipeline;

/**
 * Classifier-free guidance with composable prompts, as the WebUI's {@code CFGDenoiser.combine_denoised}:
 * the UNet sees each latent once per condition (negative prompt, then each AND-part) and the results are
 * mixed as {@code uncond + sum_i (cond_i - uncond) * (weight_i * scale)}. With one part of weight 1 this is
 * the usual {@code uncond + scale * (cond - uncond)}.
 */
final class Guidance {

    private Guidance() {
    }

    /** [x; x; ...] ({@code times} copies): the UNet input for a guided step. */
    static float[] repeated(float[] x, int times) {
        float[] out = new float[x.length * times];
        for (int k = 0; k < times; k++) {
            System.arraycopy(x, 0, out, k * x.length, x.length);
        }
        return out;
    }

    /**
     * Combines {@code prediction} = [uncond; cond_1; ...; cond_n] (equal blocks) with the parts' weights.
     * The noise prediction is combined rather than the denoised latent as in the WebUI; the two are the
     * same linear mix.
     */
    static float[] combine(float[] prediction, double[] weights, double scale) {
        int block = prediction.length / (weights.length + 1);
        float[] out = new float[block];
        System.arraycopy(prediction, 0, out, 0, block);
        for (int k = 0; k < weights.length; k++) {
            float factor = (float) (weights[k] * scale);
            int offset = (k + 1) * block;
            for (int i = 0; i < block; i++) {
                out[i] += (prediction[offset + i] - prediction[i]) * factor;
            }
        }
        return out;
    }
}
