package org.sandpaint.engine;

import java.util.List;
import java.util.Optional;

/**
 * Every generation parameter's name, WebUI infotext key, default and limits, stated once. The request
 * validates with these, the command line shows and defaults from them, the studio's controls take their
 * ranges from them, and {@link Infotext} writes and reads their keys.
 *
 * <p>The limits are the WebUI's (see ../shared/notes/a1111-conventions.md): steps 1-150, CFG 1-30 in steps
 * of 0.5, CLIP skip 1-12, sides 64-2048 in steps of 8, batch size 1-8, batch count 1-100, mask blur 0-64.
 * The engine could run wider ranges (CFG 0, sides of 8), but nothing needs them: the demo model and the
 * test models are 64x64, and CFG 1 already turns guidance off. Inpaint padding keeps a step of 1 (the
 * WebUI's slider moves by 4, its API takes any value) and reaches 256, the WebUI's maximum.
 * Width and height are written together as {@code Size: WxH}, the seed resize width and height as
 * {@code Seed resize from: WxH}. The variation options' limits are the WebUI's sliders (strength 0-1 by 0.01,
 * resize 0-2048 by 8, 0 = off).
 */
public final class Parameters {

    public static final TextParameter PROMPT = new TextParameter("prompt", "Prompt", "", "");
    public static final TextParameter NEGATIVE_PROMPT =
            new TextParameter("negative", "Negative prompt", "Negative prompt", "");
    public static final IntParameter STEPS = new IntParameter("steps", "Steps", "Steps", 20, 1, 150, 1, "");
    public static final ChoiceParameter<Sampler> SAMPLER =
            new ChoiceParameter<>("sampler", "Sampler", "Sampler", Sampler.EULER_A);
    public static final ChoiceParameter<ScheduleType> SCHEDULE_TYPE =
            new ChoiceParameter<>("schedule-type", "Schedule type", "Schedule type", ScheduleType.AUTOMATIC);
    public static final DecimalParameter CFG_SCALE =
            new DecimalParameter("cfg", "CFG scale", "CFG scale", 7, 1, 30, 0.5, "1 = no guidance");
    public static final LongParameter SEED = new LongParameter("seed", "Seed", "Seed", -1, -1, Long.MAX_VALUE,
            "-1 = random");
    public static final LongParameter SUBSEED = new LongParameter("subseed", "Variation seed", "Variation seed", -1, -1,
            Long.MAX_VALUE, "-1 = random");
    public static final DecimalParameter SUBSEED_STRENGTH = new DecimalParameter("subseed-strength",
            "Variation strength", "Variation seed strength", 0, 0, 1, 0.01, "0 = off");
    /** Written together with the height as {@code Seed resize from: WxH}. */
    public static final IntParameter SEED_RESIZE_FROM_WIDTH = new IntParameter("seed-resize-from-width",
            "Resize seed from width", "Seed resize from", 0, 0, 2048, 8, "0 = off");
    public static final IntParameter SEED_RESIZE_FROM_HEIGHT = new IntParameter("seed-resize-from-height",
            "Resize seed from height", "Seed resize from", 0, 0, 2048, 8, "0 = off");
    public static final IntParameter WIDTH = new IntParameter("width", "Width", "Size", 512, 64, 2048, 8, "");
    public static final IntParameter HEIGHT = new IntParameter("height", "Height", "Size", 512, 64, 2048, 8, "");
    public static final IntParameter CLIP_SKIP =
            new IntParameter("clip-skip", "CLIP skip", "Clip skip", 1, 1, 12, 1, "1 = last layer");
    public static final IntParameter BATCH_SIZE = new IntParameter("batch-size", "Batch size", "", 1, 1, 8, 1, "");
    public static final IntParameter BATCH_COUNT =
            new IntParameter("batch-count", "Batch count", "", 1, 1, 100, 1, "");
    public static final IntParameter PREVIEW_EVERY =
            new IntParameter("preview-every", "Preview every", "", 0, 0, 150, 1, "0 = never");
    public static final ChoiceParameter<PreviewMethod> PREVIEW_METHOD =
            new ChoiceParameter<>("preview-method", "Preview method", "", PreviewMethod.FULL);
    public static final DecimalParameter DENOISING_STRENGTH = new DecimalParameter("strength", "Denoising strength",
            "Denoising strength", 0.75, 0, 1, 0.01, "0 keeps the source, 1 ignores it");
    public static final ChoiceParameter<ResizeMode> RESIZE_MODE =
            new ChoiceParameter<>("resize-mode", "Resize mode", "", ResizeMode.JUST_RESIZE);
    public static final IntParameter MASK_BLUR = new IntParameter("mask-blur", "Mask blur", "Mask blur", 4, 0, 64, 1, "");
    public static final FlagParameter INVERT_MASK = new FlagParameter("invert-mask", "Inpaint not masked", "Mask mode", false);
    public static final ChoiceParameter<Inpaint.MaskedContent> MASKED_CONTENT =
            new ChoiceParameter<>("masked-content", "Masked content", "Masked content", Inpaint.MaskedContent.ORIGINAL);
    public static final ChoiceParameter<Inpaint.Area> INPAINT_AREA =
            new ChoiceParameter<>("inpaint-area", "Inpaint area", "Inpaint area", Inpaint.Area.WHOLE_PICTURE);
    public static final IntParameter INPAINT_PADDING = new IntParameter("inpaint-padding", "Inpaint padding",
            "Masked area padding", 32, 0, 256, 1, "");

    /** All of them, in the order the WebUI shows them. */
    public static final List<Parameter> ALL = List.of(PROMPT, NEGATIVE_PROMPT, STEPS, SAMPLER, SCHEDULE_TYPE, CFG_SCALE,
            SEED, SUBSEED, SUBSEED_STRENGTH, SEED_RESIZE_FROM_WIDTH, SEED_RESIZE_FROM_HEIGHT, WIDTH, HEIGHT, CLIP_SKIP, BATCH_SIZE, BATCH_COUNT, PREVIEW_EVERY, PREVIEW_METHOD, DENOISING_STRENGTH,
            RESIZE_MODE, MASK_BLUR, INVERT_MASK, MASKED_CONTENT, INPAINT_AREA, INPAINT_PADDING);

    private Parameters() {
    }

    /** The parameter with this {@link Parameter#name()}, as the command line spells it. */
    public static Optional<Parameter> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
