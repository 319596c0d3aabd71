package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.scheduler.Scheduler;

/**
 * How a batch's latents start, one strategy per mode: pure noise (text to image), the source picture
 * noised part-way (image to image), or that with a mask (inpainting). The denoising loop and the decoder
 * are the same for all; a later pass (hires fix: a start from upscaled latents) is one more strategy.
 */
interface LatentStart {

    /** The one place that tells the modes apart. */
    static LatentStart forRequest(GenerationRequest request, int unetChannels) {
        InitImage init = request.initImage();
        if (init == null) {
            return new TextStart();
        }
        return init.inpaint() == null ? new ImageStart(init) : new InpaintStart(init, unetChannels);
    }

    /** Steps of the schedule skipped at the start: 0 for noise, fewer steps for a lower strength. */
    int skippedSteps(int steps);

    /**
     * The latents at timestep index {@code first} of {@code scheduler}, with what later stages need from
     * the start (the fitted source, the mask plan, a constraint applied after every step).
     */
    StartLatents prepare(BatchSetup setup, Scheduler scheduler, int first) throws ModelException;
}
