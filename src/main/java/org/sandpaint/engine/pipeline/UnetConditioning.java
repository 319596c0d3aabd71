package org.sandpaint.engine.pipeline;

/**
 * Extra UNet input channels. Ordinary models take the latents alone; inpainting models (9 channels, such
 * as SD 1.5 inpainting) take latents + the mask at latent size + the latents of the masked picture, as
 * diffusers' StableDiffusionInpaintPipeline concatenates them.
 */
abstract class UnetConditioning {

    /** The UNet input for scaled latents [batch, 4, h, w]. */
    abstract float[] extend(float[] scaledLatents);

    static UnetConditioning plain() {
        return new UnetConditioning() {
            @Override
            float[] extend(float[] scaledLatents) {
                return scaledLatents;
            }
        };
    }

    /**
     * @param latentMask    [h, w], 1 = repaint; null (no mask) repaints everything
     * @param maskedLatents [batch, 4, h, w] scaled latents of the picture with the masked part blanked
     */
    static UnetConditioning inpainting(float[] latentMask, float[] maskedLatents, int batch, int h, int w) {
        int plane = h * w;
        float[] mask = latentMask != null ? latentMask : filled(plane);
        return new UnetConditioning() {
            @Override
            float[] extend(float[] scaledLatents) {
                float[] out = new float[batch * 9 * plane];
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(scaledLatents, b * 4 * plane, out, b * 9 * plane, 4 * plane);
                    System.arraycopy(mask, 0, out, b * 9 * plane + 4 * plane, plane);
                    System.arraycopy(maskedLatents, b * 4 * plane, out, b * 9 * plane + 5 * plane, 4 * plane);
                }
                return out;
            }
        };
    }

    private static float[] filled(int n) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, 1f);
        return out;
    }
}
