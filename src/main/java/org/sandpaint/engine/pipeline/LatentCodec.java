package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.image.ImageTensors;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.model.VaeEncoder;

import java.awt.image.BufferedImage;

/**
 * The VAE on both sides of the latent space, with the model's scaling factor: pictures to scaled latents
 * (one posterior sample per image of the batch) and scaled latents back to pictures.
 */
final class LatentCodec {

    private final StableDiffusionModel model;
    private final JobClock clock;
    private final int width;
    private final int height;
    private final float scaling;

    LatentCodec(StableDiffusionModel model, JobClock clock, int width, int height) {
        this.model = model;
        this.clock = clock;
        this.width = width;
        this.height = height;
        this.scaling = model.folder().vaeScalingFactor();
    }

    /** Pixels [1, 3, H, W] in [-1, 1] through the VAE encoder, one posterior sample per image, scaled. */
    float[] encode(float[] pixels, BatchNoise noise, int batch) throws ModelException {
        VaeEncoder encoder = model.vaeEncoder().orElseThrow(() -> new ModelException(model.folder().root()
                + " has no vae_encoder/model.onnx, which image to image and inpainting need. Use a complete "
                + "export of the model."));
        long t0 = System.nanoTime();
        VaeEncoder.Encoded encoded = encoder.encode(pixels, height, width);
        int perImage = 4 * (height / 8) * (width / 8);
        float[] latents = new float[batch * perImage];
        for (int i = 0; i < batch; i++) {
            float[] one = encoded.sample(noise.image(i));
            for (int k = 0; k < perImage; k++) {
                latents[i * perImage + k] = one[k] * scaling;
            }
        }
        clock.text += System.nanoTime() - t0;
        return latents;
    }

    /** A picture through the VAE encoder (see {@link #encode(float[], BatchNoise, int)}). */
    float[] encode(BufferedImage picture, BatchNoise noise, int batch) throws ModelException {
        return encode(ImageTensors.toNchw(picture), noise, batch);
    }

    /** One image's scaled latents [1, 4, h, w] to a picture. */
    BufferedImage decode(float[] scaledLatents) throws ModelException {
        float[] unscaled = new float[scaledLatents.length];
        for (int i = 0; i < unscaled.length; i++) {
            unscaled[i] = scaledLatents[i] / scaling;
        }
        float[] rgb = model.vaeDecoder().decode(unscaled, height / 8, width / 8);
        return ImageTensors.fromNchw(rgb, 0, height, width);
    }
}
