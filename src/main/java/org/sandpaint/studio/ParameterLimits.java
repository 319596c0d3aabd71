package org.sandpaint.studio;

/**
 * The studio's limits for each number field, in one place: the view models validate against them and the
 * views size their sliders and spinners from them. (To be read from the engine's parameter specification
 * once it exists.)
 */
final class ParameterLimits {

    static final int STEPS_MIN = 1;
    static final int STEPS_MAX = 150;
    static final double CFG_MIN = 1;
    static final double CFG_MAX = 30;
    static final int CLIP_SKIP_MIN = 1;
    static final int CLIP_SKIP_MAX = 12;
    static final int SIDE_MIN = 64;
    static final int SIDE_MAX = 2048;
    static final int SIDE_STEP = 8;
    static final int BATCH_SIZE_MAX = 8;
    static final int BATCH_COUNT_MAX = 100;
    static final int PREVIEW_EVERY_MAX = 150;
    static final int MASK_BLUR_MAX = 64;
    static final int INPAINT_PADDING_MAX = 256;

    static final int STEPS_DEFAULT = 20;
    static final double CFG_DEFAULT = 7.0;
    static final int SIDE_DEFAULT = 512;
    static final int PREVIEW_EVERY_DEFAULT = 5;

    private ParameterLimits() {
    }
}
