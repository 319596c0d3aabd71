package org.sandpaint.cli;

import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.image.ImageLoader;
import org.sandpaint.engine.image.ResizeMode;
import org.sandpaint.engine.Preview;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.StepProgress;
import org.sandpaint.engine.UserFolders;
import org.sandpaint.engine.image.Npy;
import org.sandpaint.engine.image.OutputFiles;
import org.sandpaint.engine.image.PngText;
import org.sandpaint.engine.model.Device;
import org.sandpaint.engine.model.SessionFactory;
import org.sandpaint.engine.scheduler.Sampler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Text to image from the command line; every image is written as a PNG with its parameters. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate images from a prompt.")
final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ModelOption model = new ModelOption();

    @CommandLine.Mixin
    ExtraNetworkOptions networks = new ExtraNetworkOptions();

    @Option(names = "--prompt", required = true, description = "What to draw.")
    String prompt;

    @Option(names = "--negative", defaultValue = "", description = "What to avoid (negative prompt).")
    String negative;

    @Option(names = "--steps", defaultValue = "20", description = "Sampling steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--cfg", defaultValue = "7", description = "CFG scale (default: ${DEFAULT-VALUE}).")
    double cfg;

    @Option(names = "--seed", defaultValue = "-1", description = "Seed; -1 = random (default).")
    long seed;

    @Option(names = "--sampler", defaultValue = "Euler a",
            description = "Sampler: WebUI name or slug (euler_a, euler, heun, lms, ddim, plms, dpmpp_2m, "
                    + "dpmpp_2m_karras, unipc, lcm). Default: ${DEFAULT-VALUE}.")
    String sampler;

    @Option(names = "--clip-skip", defaultValue = "1", description = "CLIP skip, 1 = last layer (default).")
    int clipSkip;

    @Option(names = "--width", description = "Width in pixels, a multiple of 8 (default: the model's size, 512 for SD 1.x).")
    Integer width;

    @Option(names = "--height", description = "Height in pixels, a multiple of 8 (default: the model's size).")
    Integer height;

    @Option(names = "--batch-size", defaultValue = "1", description = "Images denoised together.")
    int batchSize;

    @Option(names = "--batch-count", defaultValue = "1", description = "Batches run one after another.")
    int batchCount;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, cuda or cuda:N (default: auto).")
    String device;

    @Option(names = "--optimization", defaultValue = "EXTENDED",
            description = "ONNX Runtime graph optimisation: BASIC, EXTENDED (default) or ALL.")
    SessionFactory.Optimization optimization;

    @Option(names = "--out", description = "Output PNG (default: outputs/<seed>.png). Existing files are never overwritten.")
    Path out;

    @Option(names = "--latents-out", description = "Also write the final latents as a NumPy .npy file.")
    Path latentsOut;

    @Option(names = "--preview-dir", description = "Write the checkpoint previews here, one PNG per step.")
    Path previewDir;

    @Option(names = "--preview-every", defaultValue = "0", description = "Full preview every N steps (0 = none).")
    int previewEvery;

    @Option(names = "--preview-method", defaultValue = "full", description = "full or cheap.")
    String previewMethod;

    @Option(names = "--init-image", description = "Source picture for image to image (PNG, JPEG, ...).")
    Path initImage;

    @Option(names = "--strength", defaultValue = "0.75",
            description = "Denoising strength for --init-image: 0 keeps the source, 1 ignores it (default 0.75).")
    double strength;

    @Option(names = "--resize-mode", defaultValue = "just",
            description = "How the source is fitted to the size: just, crop or fill (default just).")
    String resizeMode;

    @Option(names = "--mask", description = "Inpainting mask for --init-image: white = repaint, black = keep.")
    Path mask;

    @Option(names = "--mask-blur", defaultValue = "4", description = "Mask edge blur in pixels (default 4).")
    int maskBlur;

    @Option(names = "--invert-mask", description = "Inpaint not masked: repaint everything except the white part.")
    boolean invertMask;

    @Option(names = "--inpaint-area", defaultValue = "whole",
            description = "whole (the whole picture) or masked (only the masked part, at full resolution).")
    String inpaintArea;

    @Option(names = "--masked-content", defaultValue = "original",
            description = "What the masked part starts from: original, fill, noise or nothing.")
    String maskedContent;

    @Option(names = "--inpaint-padding", defaultValue = "32", description = "Context pixels around the mask for --inpaint-area masked.")
    int inpaintPadding;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (previewDir != null && previewEvery == 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--preview-dir needs --preview-every N (N > 0).");
        }
        EngineOptions options = new EngineOptions(Device.parse(device), optimization, 0,
                UserFolders.forCurrentUser().modelHashCache());
        // Options and pictures are checked before the model loads; the default size is the model's.
        GenerationRequest.Builder requestWithoutSize = request();
        List<String> loadWarnings = new ArrayList<>();
        try (Engine engine = networks.open(model.folder(), model.overrides(), options, prompt, loadWarnings)) {
            loadWarnings.forEach(w -> System.err.println("warning: " + w));
            int nativeSize = engine.folder().nativeSize();
            GenerationRequest request = requestWithoutSize.size(width != null ? width : nativeSize,
                    height != null ? height : nativeSize).build();
            if (!quiet) {
                System.err.println("Model " + engine.folder().name() + " (" + engine.modelKind() + ") on "
                        + engine.provider());
            }
            GenerationResult result = engine.generate(request, new Listener(), new GenerationControl());
            result.warnings().forEach(w -> System.err.println("warning: " + w));
            int index = 0;
            for (GeneratedImage image : result.images()) {
                Path png = OutputFiles.unique(out != null ? out : Path.of("outputs", image.seed() + ".png"));
                PngText.write(image.image(), Map.of("parameters", image.infotext().format()), png);
                System.out.println(png);
                if (!quiet) {
                    System.err.println("seed " + image.seed() + (image.interrupted() ? " (interrupted)" : ""));
                }
                if (latentsOut != null) {
                    Path npy = OutputFiles.unique(latentsOut);
                    Npy.writeFloat32(npy, image.latents(), 1, 4, request.height() / 8, request.width() / 8);
                    System.out.println(npy);
                }
                index++;
            }
            if (!quiet) {
                System.err.printf(Locale.ROOT, "%d image(s) in %.2f s%n", index, result.timings().total() / 1e9);
            }
        }
        return 0;
    }

    private GenerationRequest.Builder request() {
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
                Inpaint inpaint = mask == null ? null : new Inpaint(ImageLoader.loadRgb(mask), maskBlur, invertMask,
                        Inpaint.MaskedContent.parse(maskedContent), Inpaint.Area.parse(inpaintArea), inpaintPadding);
                init = new InitImage(ImageLoader.loadRgb(initImage), strength, ResizeMode.parse(resizeMode), inpaint);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return GenerationRequest.builder(prompt).negativePrompt(negative).steps(steps).cfgScale(cfg).seed(seed)
                .sampler(Sampler.parse(sampler)).clipSkip(clipSkip).batchSize(batchSize)
                .batchCount(batchCount).preview(previewEvery, method).initImage(init);
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
                Files.createDirectories(previewDir);
                for (int i = 0; i < preview.images().size(); i++) {
                    int image = preview.batchIndex() * preview.images().size() + i;
                    String name = batchSize * batchCount == 1
                            ? String.format(Locale.ROOT, "step-%03d.png", preview.step())
                            : String.format(Locale.ROOT, "step-%03d-image-%d.png", preview.step(), image);
                    BufferedImage picture = preview.images().get(i);
                    PngText.write(picture, Map.of(), OutputFiles.unique(previewDir.resolve(name)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write previews to " + previewDir + ": " + e.getMessage(), e);
            }
        }
    }
}
