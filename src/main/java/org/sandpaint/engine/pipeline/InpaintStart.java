package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.scheduler.Scheduler;

import java.awt.image.BufferedImage;

/**
 * Inpainting: like image to image on what {@link InpaintPlan} shows the model (the whole picture or the
 * padded masked region), with the masked-content mode applied to the clean latents. A 4-channel UNet does
 * not see the mask, so after every step its unmasked latents are reset to the source's own noised
 * trajectory (diffusers' rule); a 9-channel UNet gets the mask as conditioning instead.
 */
final class InpaintStart implements LatentStart {

    private final InitImage init;
    private final int unetChannels;

    InpaintStart(InitImage init, int unetChannels) {
        this.init = init;
        this.unetChannels = unetChannels;
    }

    @Override
    public int skippedSteps(int steps) {
        return ImageStart.skipped(steps, init.strength());
    }

    @Override
    public StartLatents prepare(BatchSetup setup, Scheduler scheduler, int first) throws ModelException {
        var request = setup.request();
        InpaintPlan plan = InpaintPlan.prepare(init, request.width(), request.height(), setup.warnings());
        BufferedImage source = plan.picture();
        Inpaint.MaskedContent content = init.inpaint().maskedContent();
        boolean fill = content == Inpaint.MaskedContent.FILL;
        float[] clean = setup.codec().encode(fill ? plan.filledPicture() : source, setup.noise(), setup.batch());
        float[] mask = plan.latentMask();
        MaskedContents.apply(content, clean, mask, setup.noise());
        double[] timesteps = scheduler.timesteps();
        if (first >= timesteps.length) {
            return StartLatents.finished(plan.finish(source), clean);
        }
        float[] noise = setup.firstNoise();
        float[] latents = scheduler.addNoise(clean, noise, first);
        StartLatents.StepConstraint keepUnmasked = unetChannels != 4 ? StartLatents.StepConstraint.NONE
                : (stepped, i) -> {
                    float[] known = i + 1 < timesteps.length ? scheduler.addNoise(clean, noise, i + 1) : clean;
                    return MaskedContents.blend(known, stepped, mask);
                };
        return StartLatents.denoise(latents, source, plan, keepUnmasked);
    }
}
