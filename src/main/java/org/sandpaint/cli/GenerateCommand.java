package org.sandpaint.cli;

import org.sandpaint.app.UserFolders;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.ImageFiles;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.ModelInfo;
import org.sandpaint.engine.Preview;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.ResizeMode;
import org.sandpaint.engine.Sampler;
import org.sandpaint.engine.ScheduleType;
import org.sandpaint.engine.SeedVariation;
import org.sandpaint.engine.StepProgress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Text to image from the command line; every image is written as a PNG with its parameters. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate images from a prompt.",
        defaultValueProvider = ParameterDefaults.class, resourceBundle = "org.sandpaint.cli.ParameterRanges")
final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LoadOptions load = new LoadOptions();

    @Option(names = "--prompt", required = true, description = "What to draw.")
    String prompt;

    @Option(names = "--negative", description = "What to avoid (negative prompt).")
    String negative;

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

    @Option(names = "--out", description = "Output PNG (default: outputs/<seed>.png). Existing files are never overwritten.")
    Path out;

    @Option(names = "--latents-out", description = "Also write the final latents as a NumPy .npy file.")
    Path latentsOut;

    @Option(names = "--preview-dir", description = "Write the checkpoint previews here, one PNG per step.")
    Path previewDir;

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

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ModelInfo model = ModelInfo.check(load.model.folder());
        GenerationRequest request = request(model.nativeSize());
        if (previewDir != null && previewEvery == 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--preview-dir needs --preview-every N (N > 0).");
        }
        try (Engine engine = Engine.open(model, load.engineOptions(UserFolders.forCurrentUser().modelHashCache()))) {
            if (!engine.cudaFallbackReason().isEmpty()) {
                System.err.println("note: running on the CPU, CUDA is not available: " + engine.cudaFallbackReason());
            }
            if (!quiet) {
                System.err.println("Model " + engine.model().name() + " on " + engine.provider());
            }
            GenerationResult result = engine.generate(request, new Listener(), new GenerationControl());
            result.warnings().forEach(w -> System.err.println("warning: " + w));
            int index = 0;
            for (GeneratedImage image : result.images()) {
                Path png = ImageFiles.savePng(image.image(), image.infotext(),
                        out != null ? out : Path.of("outputs", image.seed() + ".png"));
                System.out.println(png);
                if (!quiet) {
                    System.err.println("seed " + image.seed() + (image.interrupted() ? " (interrupted)" : ""));
                }
                if (latentsOut != null) {
                    System.out.println(ImageFiles.saveLatents(image.latents(), request.width(), request.height(), latentsOut));
                }
                index++;
            }
            if (!quiet) {
                System.err.printf(Locale.ROOT, "%d image(s) in %.2f s%n", index, result.timings().total() / 1e9);
            }
        }
        return 0;
    }

    private GenerationRequest request(int nativeSize) {
        PreviewMethod method = switch (previewMethod.toLowerCase(Locale.ROOT)) {
            case "full" -> PreviewMethod.FULL;
            case "cheap", "approx", "approx cheap", "approx_cheap" -> PreviewMethod.APPROX_CHEAP;
            default -> throw new IllegalArgumentException("Unknown preview method '" + previewMethod + "': use full or cheap.");
        };
        if (mask != null && initImage == null) {
            throw new IllegalArgumentException("--mask needs --init-image: the picture to repaint.");
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
        return GenerationRequest.builder(prompt).negativePrompt(negative).steps(steps).cfgScale(cfg).seed(seed)
                .scheduleType(ScheduleType.parse(scheduleType)).variation(variation)
                .sampler(Sampler.parse(sampler)).clipSkip(clipSkip).size(width != null ? width : nativeSize, height != null ? height : nativeSize).batchSize(batchSize)
                .batchCount(batchCount).preview(previewEvery, method).initImage(init).build();
    }

    /** Progress on stderr and previews into --preview-dir. */
    private final class Listener implements ProgressListener {
        /** Progress redraws one line, so only on a terminal; logs and pipes get the summary alone. */
        private final boolean terminal = System.console() != null;

        @Override
        public void onStep(StepProgress p) {
            if (!quiet && terminal) {
                System.err.printf(Locale.ROOT, "\rbatch %d/%d  step %d/%d  %.2f it/s  ETA %ds   ", p.batchIndex() + 1,
                        p.batchCount(), p.step(), p.totalSteps(), p.stepsPerSecond(), p.eta().toSeconds());
                if (p.fraction() >= 1.0) {
                    System.err.println();
                }
            }
        }

        @Override
        public void onPreview(Preview preview) {
            if (previewDir == null || !preview.full()) {
                return;
            }
            try {
                for (int i = 0; i < preview.images().size(); i++) {
                    int image = preview.batchIndex() * preview.images().size() + i;
                    String name = batchSize * batchCount == 1
                            ? String.format(Locale.ROOT, "step-%03d.png", preview.step())
                            : String.format(Locale.ROOT, "step-%03d-image-%d.png", preview.step(), image);
                    BufferedImage picture = preview.images().get(i);
                    ImageFiles.savePng(picture, null, previewDir.resolve(name));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write previews to " + previewDir + ": " + e.getMessage(), e);
            }
        }
    }
}
