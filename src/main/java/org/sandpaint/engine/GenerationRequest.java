package org.sandpaint.engine;

import org.sandpaint.engine.scheduler.Sampler;

/**
 * Everything that decides a text-to-image run. Invalid values are refused here with a message a user
 * can act on, so no run starts with a nonsensical number.
 *
 * @param seed         the first image's seed, or -1 for a random one; image i of the job uses seed + i
 * @param cfgScale     classifier-free guidance; 1 or less runs without the negative prompt
 * @param clipSkip     WebUI numbering: 1 = last layer of the text encoder, 2 = penultimate, ...
 * @param previewEvery a full preview every N steps (0 = no previews)
 * @param initImage    the source picture for image to image, or null for text to image
 */
public record GenerationRequest(String prompt, String negativePrompt, int steps, double cfgScale, long seed,
                                Sampler sampler, int clipSkip, int width, int height, int batchSize,
                                int batchCount, int previewEvery, PreviewMethod previewMethod,
                                InitImage initImage) {

    public static final int MAX_SIDE = 4096;
    public static final int MAX_STEPS = 1000;
    public static final int MAX_BATCH_SIZE = 64;

    public GenerationRequest {
        prompt = prompt == null ? "" : prompt;
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        require(prompt == null || prompt.indexOf('\0') < 0, "The prompt contains a NUL character, which a PNG's "
                + "parameters cannot hold; remove it.");
        require(negativePrompt == null || negativePrompt.indexOf('\0') < 0, "The negative prompt contains a NUL "
                + "character, which a PNG's parameters cannot hold; remove it.");
        require(steps >= 1 && steps <= MAX_STEPS, "Steps must be between 1 and " + MAX_STEPS + ", got " + steps + ".");
        require(Double.isFinite(cfgScale) && cfgScale >= 0 && cfgScale <= 100,
                "CFG scale must be between 0 and 100, got " + cfgScale + ".");
        require(seed >= -1, "Seed must be -1 (random) or a number of 0 or more, got " + seed + ".");
        require(sampler != null, "Choose a sampler.");
        require(clipSkip >= 1 && clipSkip <= 24, "CLIP skip must be between 1 and 12 (1 = last layer), got " + clipSkip + ".");
        requireSide("Width", width);
        requireSide("Height", height);
        require(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE,
                "Batch size must be between 1 and " + MAX_BATCH_SIZE + ", got " + batchSize + ".");
        require(batchCount >= 1 && batchCount <= 10_000, "Batch count must be between 1 and 10000, got " + batchCount + ".");
        long lastOffset = (long) batchSize * batchCount - 1;
        require(seed <= Long.MAX_VALUE - lastOffset, "Seed " + seed + " is too large for " + (lastOffset + 1)
                + " images: image i uses seed + i, which must stay at most " + Long.MAX_VALUE + ". Use a seed of at most "
                + (Long.MAX_VALUE - lastOffset) + ".");
        require(previewEvery >= 0, "Preview interval must be 0 (never) or more, got " + previewEvery + ".");
        previewMethod = previewMethod == null ? PreviewMethod.FULL : previewMethod;
    }

    /** A request with the WebUI's defaults: 20 steps, CFG 7, Euler a, 512x512, random seed. */
    public static Builder builder(String prompt) {
        return new Builder(prompt);
    }

    public Builder toBuilder() {
        return new Builder(prompt).negativePrompt(negativePrompt).steps(steps).cfgScale(cfgScale).seed(seed)
                .sampler(sampler).clipSkip(clipSkip).size(width, height).batchSize(batchSize)
                .batchCount(batchCount).preview(previewEvery, previewMethod).initImage(initImage);
    }

    public boolean usesGuidance() {
        return cfgScale > 1.0;
    }

    private static void requireSide(String name, int value) {
        require(value >= 8 && value <= MAX_SIDE && value % 8 == 0,
                name + " must be a multiple of 8 between 8 and " + MAX_SIDE + ", got " + value + ".");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Fluent construction with defaults; {@link #build()} validates. */
    public static final class Builder {
        private String prompt;
        private String negativePrompt = "";
        private int steps = 20;
        private double cfgScale = 7.0;
        private long seed = -1;
        private Sampler sampler = Sampler.EULER_A;
        private int clipSkip = 1;
        private int width = 512;
        private int height = 512;
        private int batchSize = 1;
        private int batchCount = 1;
        private int previewEvery = 0;
        private PreviewMethod previewMethod = PreviewMethod.FULL;
        private InitImage initImage;

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

        public GenerationRequest build() {
            return new GenerationRequest(prompt, negativePrompt, steps, cfgScale, seed, sampler, clipSkip, width,
                    height, batchSize, batchCount, previewEvery, previewMethod, initImage);
        }
    }
}
