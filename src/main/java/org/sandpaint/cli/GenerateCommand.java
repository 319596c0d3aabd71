package org.sandpaint.cli;

import org.sandpaint.app.UserFolders;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.ImageFiles;
import org.sandpaint.engine.ModelInfo;
import org.sandpaint.engine.Preview;
import org.sandpaint.engine.ProgressListener;
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

    @CommandLine.Mixin
    GenerationOptions generation = new GenerationOptions();

    @Option(names = "--out", description = "Output PNG (default: outputs/<seed>.png). Existing files are never overwritten.")
    Path out;

    @Option(names = "--latents-out", description = "Also write the final latents as a NumPy .npy file.")
    Path latentsOut;

    @Option(names = "--preview-dir", description = "Write the checkpoint previews here, one PNG per step.")
    Path previewDir;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ModelInfo model = load.model.check();
        GenerationRequest request = generation.request(model.nativeSize());
        if (previewDir != null && generation.previewEvery == 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--preview-dir needs --preview-every N (N > 0).");
        }
        try (Engine engine = Engine.open(model, load.engineOptions(UserFolders.forCurrentUser().modelHashCache()))) {
            if (!engine.cudaFallbackReason().isEmpty()) {
                System.err.println("note: running on the CPU, CUDA is not available: " + engine.cudaFallbackReason());
            }
            if (!quiet) {
                System.err.println("Model " + engine.model().name() + " (" + engine.model().kind() + ") on "
                        + engine.provider());
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
                    String name = generation.batchSize * generation.batchCount == 1
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
