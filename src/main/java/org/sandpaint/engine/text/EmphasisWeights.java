package org.sandpaint.engine.text;

/**
 * Applies prompt weights to a text encoder's output the way the WebUI's default "Original" emphasis does
 * (modules/sd_emphasis.py): each token's vector is multiplied by its weight, then the whole chunk is
 * rescaled so its mean over all elements is what it was before. Call it once per 77-token chunk, as the
 * WebUI does.
 *
 * <p>Arithmetic is float32 like torch's, except that the means are summed in double and then rounded to
 * float, which is at least as accurate as torch's own reduction and agrees with it to about an ulp.
 */
public final class EmphasisWeights {

    private EmphasisWeights() {
    }

    /**
     * @param z       the encoder output for one chunk, [tokens, dim] flattened row-major; not modified
     * @param weights one weight per token
     * @return {@code z} itself when every weight is exactly 1 (so {@code (red:1.0)} and {@code red} give
     *         identical images), otherwise a new array
     */
    public static float[] apply(float[] z, float[] weights) {
        if (weights.length == 0 || z.length % weights.length != 0) {
            throw new IllegalArgumentException("The encoder output has " + z.length + " values, which is not "
                    + "a whole number of vectors for " + weights.length + " token weights; pass one chunk's "
                    + "output together with that chunk's weights");
        }
        if (allOne(weights)) {
            return z;
        }
        int dim = z.length / weights.length;
        float originalMean = mean(z);
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] * weights[i / dim];
        }
        float newMean = mean(out);
        float restore = originalMean / newMean;
        // The WebUI would spread NaN or infinity over the whole chunk here (all weights 0, say);
        // keeping the weighted values unscaled is the least surprising result.
        if (!Float.isFinite(restore)) {
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] *= restore;
        }
        return out;
    }

    private static boolean allOne(float[] weights) {
        for (float w : weights) {
            if (w != 1f) {
                return false;
            }
        }
        return true;
    }

    private static float mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return (float) (sum / values.length);
    }
}
