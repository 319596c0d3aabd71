package org.sandpaint.engine.pipeline;

/** Classifier-free guidance: the UNet sees each latent twice (negative, then prompt) and the results are mixed. */
final class Guidance {

    private Guidance() {
    }

    /** [x; x]: the UNet input for a guided step. */
    static float[] doubled(float[] x) {
        float[] out = new float[x.length * 2];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(x, 0, out, x.length, x.length);
        return out;
    }

    /** uncond + scale * (cond - uncond), with uncond the first half of {@code prediction}. */
    static float[] combine(float[] prediction, float scale) {
        int half = prediction.length / 2;
        float[] out = new float[half];
        for (int i = 0; i < half; i++) {
            float uncond = prediction[i];
            out[i] = uncond + scale * (prediction[half + i] - uncond);
        }
        return out;
    }
}
