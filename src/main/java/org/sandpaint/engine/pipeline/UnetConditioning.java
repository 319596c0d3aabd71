package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.image.ImageTensors;
import org.sandpaint.engine.ModelException;

/**
 * Extra UNet input channels. Ordinary models take the latents alone; inpainting models (9 channels, such
 * as SD 1.5 inpainting) take latents + the mask at latent size + the latents of the masked picture, as
 * diffusers' StableDiffusionInpaintPipeline concatenates them.
 */
abstract class UnetConditioning {

    /** The UNet input for scaled latents [batch, 4, h, w]. */
    abstract float[] extend(float[] scaledLatents);

    /**
     * The extra channels the model's UNet takes for this start: none for 4 channels; for 9 channels the
     * mask and the latents of the picture with its masked part blanked (0 in [-1, 1]), one posterior
     * sample per image. Without a mask (text to image on an inpainting model) the whole picture is blank,
     * as the WebUI does.
     */
    static UnetConditioning forModel(int unetChannels, StartLatents start, BatchSetup setup) throws ModelException {
        if (unetChannels != 9) {
            return plain();
        }
        int width = setup.request().width();
        int height = setup.request().height();
        float[] pixels = start.source() == null ? new float[3 * width * height] : ImageTensors.toNchw(start.source());
        InpaintPlan plan = start.plan();
        if (plan != null) {
            float[] mask = plan.modelMask().values();
            int plane = width * height;
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < plane; k++) {
                    if (mask[k] >= 0.5f) {
                        pixels[c * plane + k] = 0f;
                    }
                }
            }
        }
        float[] masked = setup.codec().encode(pixels, setup.noise(), setup.batch());
        return inpainting(plan != null ? plan.latentMask() : null, masked, setup.batch(), setup.h(), setup.w());
    }

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
