package org.sandpaint.engine;


/**
 * Everything that decides a run. Values outside the limits of {@link Parameters} are refused here with
 * a message a user can act on, so no run starts with a nonsensical number.
 *
 * @param seed         the first image's seed, or -1 for a random one; image i of the job uses seed + i
 * @param cfgScale     classifier-free guidance; 1 or less runs without the negative prompt
 * @param clipSkip     WebUI numbering: 1 = last layer of the text encoder, 2 = penultimate, ...
 * @param previewEvery a full preview every N steps (0 = no previews)
 * @param initImage    the source picture for image to image, or null for text to image
 * @param scheduleType the noise schedule; Automatic is the sampler's own (null means Automatic)
 * @param variation    variation seed and seed resize ({@link SeedVariation#NONE} or null for none)
 */
public record GenerationRequest(String prompt, String negativePrompt, int steps, double cfgScale, long seed,
                                Sampler sampler, int clipSkip, int width, int height, int batchSize,
                                int batchCount, int previewEvery, PreviewMethod previewMethod,
                                InitImage initImage, ScheduleType scheduleType, SeedVariation variation) {

    public GenerationRequest {
        prompt = prompt == null ? Parameters.PROMPT.defaultValue() : prompt;
        negativePrompt = negativePrompt == null ? Parameters.NEGATIVE_PROMPT.defaultValue() : negativePrompt;
        if (prompt.indexOf('\0') >= 0 || negativePrompt.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("The " + (prompt.indexOf('\0') >= 0 ? "prompt" : "negative prompt")
                    + " contains a NUL character, which a PNG's parameters cannot hold; remove it.");
        }
        Parameters.STEPS.check(steps);
        Parameters.CFG_SCALE.check(cfgScale);
        Parameters.SEED.check(seed);
        if (sampler == null) {
            throw new IllegalArgumentException("Choose a sampler.");
        }
        Parameters.CLIP_SKIP.check(clipSkip);
        Parameters.WIDTH.check(width);
        Parameters.HEIGHT.check(height);
        Parameters.BATCH_SIZE.check(batchSize);
        Parameters.BATCH_COUNT.check(batchCount);
        Parameters.PREVIEW_EVERY.check(previewEvery);
        long lastOffset = (long) batchSize * batchCount - 1;
        if (seed > Long.MAX_VALUE - lastOffset) {
            throw new IllegalArgumentException("Seed " + seed + " is too large for " + (lastOffset + 1) + " images: "
                    + "image i uses seed + i, which must stay at most " + Long.MAX_VALUE + ". Use a seed of at most "
                    + (Long.MAX_VALUE - lastOffset) + ".");
        }
        previewMethod = previewMethod == null ? Parameters.PREVIEW_METHOD.defaultValue() : previewMethod;
        scheduleType = scheduleType == null ? Parameters.SCHEDULE_TYPE.defaultValue() : scheduleType;
        if (scheduleType != ScheduleType.AUTOMATIC && !sampler.takesScheduleType()) {
            throw new IllegalArgumentException("Schedule type " + scheduleType.label() + " does not apply to "
                    + sampler.displayName() + ", which steps by timestep; choose Automatic, or a sigma sampler "
                    + "(Euler, Euler a, Heun, LMS, DPM++).");
        }
        variation = variation == null ? SeedVariation.NONE : variation;
    }

    /** A request with the defaults of {@link Parameters} (the WebUI's: 20 steps, CFG 7, Euler a, 512x512, random seed). */
    public static Builder builder(String prompt) {
        return new Builder(prompt);
    }

    public Builder toBuilder() {
        return new Builder(prompt).negativePrompt(negativePrompt).steps(steps).cfgScale(cfgScale).seed(seed)
                .sampler(sampler).clipSkip(clipSkip).size(width, height).batchSize(batchSize)
                .batchCount(batchCount).preview(previewEvery, previewMethod).initImage(initImage)
                .scheduleType(scheduleType).variation(variation);
    }

    public boolean usesGuidance() {
        return cfgScale > 1.0;
    }

    /** Fluent construction with the defaults of {@link Parameters}; {@link #build()} validates. */
    public static final class Builder {
        private String prompt;
        private String negativePrompt = Parameters.NEGATIVE_PROMPT.defaultValue();
        private int steps = Parameters.STEPS.defaultValue();
        private double cfgScale = Parameters.CFG_SCALE.defaultValue();
        private long seed = Parameters.SEED.defaultValue();
        private Sampler sampler = Parameters.SAMPLER.defaultValue();
        private int clipSkip = Parameters.CLIP_SKIP.defaultValue();
        private int width = Parameters.WIDTH.defaultValue();
        private int height = Parameters.HEIGHT.defaultValue();
        private int batchSize = Parameters.BATCH_SIZE.defaultValue();
        private int batchCount = Parameters.BATCH_COUNT.defaultValue();
        private int previewEvery = Parameters.PREVIEW_EVERY.defaultValue();
        private PreviewMethod previewMethod = Parameters.PREVIEW_METHOD.defaultValue();
        private InitImage initImage;
        private ScheduleType scheduleType = Parameters.SCHEDULE_TYPE.defaultValue();
        private SeedVariation variation = SeedVariation.NONE;

        private Builder(String prompt) {
            this.prompt = prompt;
        }

        public Builder prompt(String v) { prompt = v; return this; }
        public Builder negativePrompt(String v) { negativePrompt = v; return this; }
        public Builder steps(int v) { steps = v; return this; }
        public Builder cfgScale(double v) { cfgScale = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder sampler(Sampler v) { sampler = v; return this; }
        public Builder clipSkip(int v) { clipSkip = v; return this; }
        public Builder size(int w, int h) { width = w; height = h; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder batchCount(int v) { batchCount = v; return this; }
        public Builder preview(int every, PreviewMethod method) { previewEvery = every; previewMethod = method; return this; }
        public Builder initImage(InitImage v) { initImage = v; return this; }
        public Builder scheduleType(ScheduleType v) { scheduleType = v; return this; }
        public Builder variation(SeedVariation v) { variation = v; return this; }

        public GenerationRequest build() {
            return new GenerationRequest(prompt, negativePrompt, steps, cfgScale, seed, sampler, clipSkip, width,
                    height, batchSize, batchCount, previewEvery, previewMethod, initImage, scheduleType, variation);
        }
    }
}
