package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.Inpaint;

/**
 * Latent-space work of inpainting: the masked-content modes that act on latents, and the blend that keeps
 * unmasked latents on the source's trajectory. Latents are [batch, 4, h, w]; the mask is [h, w] with 1 where
 * the picture is repainted.
 */
final class MaskedContents {

    private MaskedContents() {
    }

    /** "latent noise" replaces the masked latents with fresh noise, "latent nothing" with zeros. */
    static void apply(Inpaint.MaskedContent content, float[] latents, float[] mask, BatchNoise noise) {
        if (content != Inpaint.MaskedContent.LATENT_NOISE && content != Inpaint.MaskedContent.LATENT_NOTHING) {
            return;
        }
        float[] fresh = content == Inpaint.MaskedContent.LATENT_NOISE ? noise.randn(latents.length) : null;
        int plane = mask.length;
        for (int i = 0; i < latents.length; i++) {
            if (mask[i % plane] >= 0.5f) {
                latents[i] = fresh == null ? 0f : fresh[i];
            }
        }
    }

    /** known * (1 - mask) + generated * mask. */
    static float[] blend(float[] known, float[] generated, float[] mask) {
        int plane = mask.length;
        float[] out = new float[generated.length];
        for (int i = 0; i < out.length; i++) {
            float m = mask[i % plane];
            out[i] = known[i] * (1f - m) + generated[i] * m;
        }
        return out;
    }
}
