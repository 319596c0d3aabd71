package org.sandpaint.engine.scheduler;

/**
 * What one scheduler step produces.
 *
 * @param prevSample the latents to feed to the next step
 * @param denoised   the scheduler's current estimate of the clean latents (x0); previews decode this.
 *                   May be {@code null} for schedulers that do not form one at this step.
 */
public record StepResult(float[] prevSample, float[] denoised) {
}
