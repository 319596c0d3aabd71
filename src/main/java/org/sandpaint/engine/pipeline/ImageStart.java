package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.image.Resizer;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.scheduler.Scheduler;

import java.awt.image.BufferedImage;

/**
 * Image to image: the fitted source through the VAE encoder (a posterior sample from each image's
 * generator), then noised to the first remaining timestep, drawn in diffusers' order.
 */
final class ImageStart implements LatentStart {

    private final InitImage init;

    ImageStart(InitImage init) {
        this.init = init;
    }

    /** diffusers' rule: {@code steps - int(steps * strength)} steps skipped; strength 0 skips them all. */
    static int skipped(int steps, double strength) {
        return steps - Math.min((int) (steps * strength), steps);
    }

    @Override
    public int skippedSteps(int steps) {
        return skipped(steps, init.strength());
    }

    @Override
    public StartLatents prepare(BatchSetup setup, Scheduler scheduler, int first) throws ModelException {
        var request = setup.request();
        BufferedImage source = Resizer.fit(init.image(), request.width(), request.height(), init.resizeMode());
        float[] clean = setup.codec().encode(source, setup.noise(), setup.batch());
        if (first >= scheduler.timesteps().length) {
            return StartLatents.finished(source, clean);
        }
        float[] noise = setup.firstNoise();
        return StartLatents.denoise(scheduler.addNoise(clean, noise, first), source, null,
                StartLatents.StepConstraint.NONE);
    }
}
