package org.sandpaint.cli;

import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.ImageFiles;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.Outpaint;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.ResizeMode;
import org.sandpaint.engine.Sampler;
import org.sandpaint.engine.ScheduleType;
import org.sandpaint.engine.SeedVariation;
import org.sandpaint.styles.StyleLibrary.StyledPrompt;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options that describe one generation (prompt, steps, sampler, source picture, mask, ...), shared by
 * the commands that generate ({@code generate}, {@code xyz}). Their defaults and ranges come from the
 * engine's parameter specification through the command's {@link ParameterDefaults} and {@link ParameterRanges}.
 */
final class GenerationOptions {

    /** The command these options are mixed into, to tell an option typed from one left at its default. */
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    @Option(names = "--prompt", required = true, description = "What to draw.")
    String prompt;

    @Option(names = "--negative", description = "What to avoid (negative prompt).")
    String negative;

    @Option(names = "--style", paramLabel = "NAME",
            description = "Apply a saved style to the prompts; repeat for several, applied in order (see: sandpaint styles list).")
    List<String> styles = new ArrayList<>();

    @CommandLine.Mixin
    StylesFileOption stylesFile = new StylesFileOption();

    @Option(names = "--steps", description = "Sampling steps, ${bundle:steps.range} (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--cfg", description = "CFG scale, ${bundle:cfg.range} (default: ${DEFAULT-VALUE}).")
    double cfg;

    @Option(names = "--seed", description = "Seed, ${bundle:seed.range} (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sampler",
            description = "Sampler: WebUI name or slug (euler_a, euler, heun, lms, ddim, plms, dpmpp_2m, "
                    + "dpmpp_2m_karras, dpmpp_sde, dpmpp_sde_karras, dpmpp_2m_sde, dpmpp_2m_sde_karras, dpmpp_3m_sde, "
                    + "dpmpp_3m_sde_karras, unipc, lcm). Default: ${DEFAULT-VALUE}.")
    String sampler;

    @Option(names = "--schedule-type",
            description = "Noise schedule of the sigma samplers: ${bundle:schedule-type.range} (default: ${DEFAULT-VALUE}, "
                    + "the sampler's own).")
    String scheduleType;

    @Option(names = "--subseed", description = "Variation seed, ${bundle:subseed.range} (default: ${DEFAULT-VALUE}).")
    long subseed;

    @Option(names = "--subseed-strength",
            description = "Variation strength: how far the noise moves toward the variation seed's, ${bundle:subseed-strength.range} "
                    + "(default: ${DEFAULT-VALUE}).")
    double subseedStrength;

    @Option(names = "--seed-resize-from", paramLabel = "WxH",
            description = "Draw the seed's noise as for this size and centre it, as the WebUI's \"Resize seed from\" "
                    + "(e.g. 512x768; default: off).")
    String seedResizeFrom;

    @Option(names = "--clip-skip", description = "CLIP skip, ${bundle:clip-skip.range} (default: ${DEFAULT-VALUE}).")
    int clipSkip;

    @Option(names = "--width", description = "Width in pixels, ${bundle:width.range} (default: the model's size, 512 for SD 1.x).")
    Integer width;

    @Option(names = "--height", description = "Height in pixels, ${bundle:height.range} (default: the model's size).")
    Integer height;

    @Option(names = "--batch-size", description = "Images denoised together, ${bundle:batch-size.range} (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--batch-count", description = "Batches run one after another, ${bundle:batch-count.range} (default: ${DEFAULT-VALUE}).")
    int batchCount;

    @Option(names = "--preview-every", description = "Full preview every N steps, ${bundle:preview-every.range} (default: ${DEFAULT-VALUE}).")
    int previewEvery;

    @Option(names = "--preview-method", description = "full or cheap (default: ${DEFAULT-VALUE}).")
    String previewMethod;

    @Option(names = "--init-image", description = "Source picture for image to image (PNG, JPEG, ...).")
    Path initImage;

    @Option(names = "--strength",
            description = "Denoising strength for --init-image, ${bundle:strength.range} (default: ${DEFAULT-VALUE}).")
    double strength;

    @Option(names = "--resize-mode",
            description = "How the source is fitted to the size: just, crop or fill (default: ${DEFAULT-VALUE}).")
    String resizeMode;

    @Option(names = "--mask", description = "Inpainting mask for --init-image: white = repaint, black = keep.")
    Path mask;

    @Option(names = "--mask-blur", description = "Mask edge blur in pixels, ${bundle:mask-blur.range} (default: ${DEFAULT-VALUE}).")
    int maskBlur;

    @Option(names = "--invert-mask", description = "Inpaint not masked: repaint everything except the white part.")
    boolean invertMask;

    @Option(names = "--inpaint-area",
            description = "whole (the whole picture) or masked (only the masked part, at full resolution); "
                    + "default: ${DEFAULT-VALUE}.")
    String inpaintArea;

    @Option(names = "--masked-content",
            description = "What the masked part starts from: original, fill, noise or nothing (default: ${DEFAULT-VALUE}).")
    String maskedContent;

    @Option(names = "--inpaint-padding",
            description = "Context pixels around the mask for --inpaint-area masked, ${bundle:inpaint-padding.range} (default: ${DEFAULT-VALUE}).")
    int inpaintPadding;

    @Option(names = "--outpaint", paramLabel = "LEFT,RIGHT,UP,DOWN",
            description = "Extend --init-image by these pixels (multiples of 8) and paint the new area; the size becomes "
                    + "the source's plus these. Uses --mask-blur (seam) and --masked-content (original = the blurred border).")
    String outpaint;

    /** The request these options describe, at the model's own size unless --width/--height say otherwise. */
    GenerationRequest request(int nativeSize) {
        PreviewMethod method = switch (previewMethod.toLowerCase(Locale.ROOT)) {
            case "full" -> PreviewMethod.FULL;
            case "cheap", "approx", "approx cheap", "approx_cheap" -> PreviewMethod.APPROX_CHEAP;
            default -> throw new IllegalArgumentException("Unknown preview method '" + previewMethod + "': use full or cheap.");
        };
        if (outpaint != null && (initImage == null || mask != null)) {
            throw new IllegalArgumentException(initImage == null ? "--outpaint needs --init-image: the picture to extend."
                    : "--outpaint makes its own mask (the new area): leave out --mask.");
        }
        if (mask != null && initImage == null) {
            throw new IllegalArgumentException("--mask needs --init-image: the picture to repaint.");
        }
        if (initImage == null && typed("--strength")) {
            throw new IllegalArgumentException("--strength needs --init-image: it says how much of that picture "
                    + "to repaint. Add --init-image FILE, or leave --strength out for text to image.");
        }
        InitImage init = null;
        if (initImage != null) {
            try {
                Inpaint inpaint = mask == null ? null : new Inpaint(ImageFiles.loadPicture(mask), maskBlur, invertMask,
                        Inpaint.MaskedContent.parse(maskedContent), Inpaint.Area.parse(inpaintArea), inpaintPadding);
                init = new InitImage(ImageFiles.loadPicture(initImage), strength, ResizeMode.parse(resizeMode), inpaint);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        int[] resize = SeedVariation.parseSize(seedResizeFrom == null ? "" : seedResizeFrom);
        SeedVariation variation = new SeedVariation(subseed, subseedStrength, resize[0], resize[1]);
        StyledPrompt styled = styled();
        GenerationRequest request = GenerationRequest.builder(styled.prompt()).negativePrompt(styled.negativePrompt()).steps(steps).cfgScale(cfg).seed(seed)
                .scheduleType(ScheduleType.parse(scheduleType)).variation(variation)
                .sampler(Sampler.parse(sampler)).clipSkip(clipSkip).size(width != null ? width : nativeSize, height != null ? height : nativeSize).batchSize(batchSize)
                .batchCount(batchCount).preview(previewEvery, method).initImage(init).build();
        return outpaint == null ? request
                : Outpaint.parse(outpaint).applyTo(request, maskBlur, Inpaint.MaskedContent.parse(maskedContent));
    }

    private boolean typed(String option) {
        return command != null && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The prompts with the --style styles applied (the prompts as typed when there are none). */
    private StyledPrompt styled() {
        String negativePrompt = negative == null ? "" : negative;
        if (styles.isEmpty()) {
            return new StyledPrompt(prompt, negativePrompt);
        }
        try {
            return stylesFile.load().apply(prompt, negativePrompt, styles);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the styles: " + e.getMessage(), e);
        }
    }
}
