package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.scheduler.PredictionType;
import org.sandpaint.engine.scheduler.SchedulerConfig;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything needed to build a checkpoint's networks and run them.
 *
 * @param family           SD 1.x or 2.x
 * @param text             the text encoder
 * @param unet             the UNet (4 or 9 input channels)
 * @param vae              the VAE
 * @param prediction       what the UNet predicts
 * @param predictionSource where {@code prediction} came from: "--prediction", the yaml's name, or "default"
 * @param scheduler        the training noise schedule as a diffusers scheduler config
 * @param scaleFactor      the latent scaling factor
 * @param config           the yaml that described the model, when one did
 */
public record CheckpointArchitecture(CheckpointFamily family, TextEncoderConfig text, UnetConfig unet,
                                     VaeConfig vae, PredictionType prediction, String predictionSource,
                                     SchedulerConfig scheduler, float scaleFactor, Optional<Path> config) {

    /** Input channels 9: latents, mask and masked-image latents. */
    public boolean isInpainting() {
        return unet.inChannels() == 9;
    }

    /** "SD 1.x", "SD 2.x inpainting, v-prediction" ... for messages and the model line. */
    public String describe() {
        return family.displayName() + (isInpainting() ? " inpainting" : "") + ", "
                + (prediction == PredictionType.V_PREDICTION ? "v-prediction" : "epsilon prediction")
                + " (" + predictionSource + ")";
    }
}
