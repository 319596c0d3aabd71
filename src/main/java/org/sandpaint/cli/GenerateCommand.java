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
import org.sandpaint.server.RemoteBackend;
import org.sandpaint.server.RemoteQueue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    ExtraNetworkOptions networks = new ExtraNetworkOptions();

    @CommandLine.Mixin
    GenerationOptions generation = new GenerationOptions();

    @Option(names = "--out", description = "Output PNG, or a folder (existing, or ending in /) for <seed>.png files "
            + "(default: outputs/<seed>.png). Existing files are never overwritten.")
    String out;

    @Option(names = "--latents-out", description = "Also write the final latents as a NumPy .npy file.")
    Path latentsOut;

    @Option(names = "--preview-dir", description = "Write the checkpoint previews here, one PNG per step.")
    Path previewDir;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--backend", paramLabel = "URL",
            description = "Run on a server speaking the WebUI API (sandpaint serve, WebUI, Forge) instead of here; "
                    + "repeat for several: each batch goes to a free one. --model is then not read.")
    List<URI> backends = new ArrayList<>();

    @Option(names = "--backend-auth", paramLabel = "USER:PASS", description = "Credentials for the --backend servers.")
    String backendAuth;

    @Override
    public Integer call() throws Exception {
        if (!backends.isEmpty()) {
            return generateRemotely();
        }
        ModelInfo model = load.model.check();
        GenerationRequest request = generation.request(model.nativeSize());
        if (previewDir != null && generation.previewEvery == 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--preview-dir needs --preview-every N (N > 0).");
        }
        List<String> loadWarnings = new ArrayList<>();
        try (Engine engine = Engine.open(model, load.engineOptions(UserFolders.forCurrentUser().modelHashCache()),
                networks.files(), request.prompt(), loadWarnings)) {
            loadWarnings.forEach(w -> System.err.println("warning: " + w));
            if (!engine.cudaFallbackReason().isEmpty()) {
                System.err.println("note: running on the CPU, CUDA is not available: " + engine.cudaFallbackReason());
            }
            if (!quiet) {
                System.err.println("Model " + engine.model().name() + " (" + engine.model().kind() + ") on "
                        + engine.provider());
            }
            Listener listener = new Listener(OutputTarget.of(out), request);
            GenerationResult result = engine.generate(request, listener, new GenerationControl());
            result.warnings().forEach(w -> System.err.println("warning: " + w));
            if (!quiet) {
                System.err.printf(Locale.ROOT, "%d image(s) in %.2f s%n", listener.savedCount, result.timings().total() / 1e9);
            }
        }
        return 0;
    }

    /** The same job on remote back ends; sizes default to 512 (the back end's model is not known here). */
    private Integer generateRemotely() throws Exception {
        if (latentsOut != null || previewDir != null) {
            throw new IllegalArgumentException("--latents-out and --preview-dir need the local engine: leave out --backend.");
        }
        GenerationRequest request = generation.request(512);
        List<RemoteBackend> servers = backends.stream().map(url -> new RemoteBackend(url, backendAuth)).toList();
        RemoteQueue queue = new RemoteQueue(servers, message -> {
            if (!quiet) {
                System.err.println(message);
            }
        });
        OutputTarget target = OutputTarget.of(out);
        for (GeneratedImage image : queue.generate(request)) {
            System.out.println(ImageFiles.savePng(image.image(), image.infotext(), target.forSeed(image.seed())));
        }
        return 0;
    }

    /**
     * Saves each picture as soon as it is decoded (an interrupted batch keeps what it finished, and a long
     * one holds no more than a batch in memory); progress on stderr and previews into --preview-dir.
     */
    private final class Listener implements ProgressListener {
        /** Progress redraws one line, so only on a terminal; logs and pipes get the summary alone. */
        private final boolean terminal = System.console() != null;
        private final OutputTarget target;
        private final GenerationRequest request;
        private int nextNumber;
        int savedCount;

        Listener(OutputTarget target, GenerationRequest request) {
            this.target = target;
            this.request = request;
        }

        @Override
        public boolean keepImagesInResult() {
            return false;
        }

        @Override
        public void onImage(GeneratedImage image) {
            try {
                ImageFiles.Saved saved = ImageFiles.savePng(image.image(), image.infotext(), target.forSeed(image.seed()),
                        nextNumber);
                Path png = saved.path();
                if (target.file() != null) {
                    nextNumber = saved.number() + 1; // one --out name for all: x.png, x-1.png, ...
                }
                System.out.println(png);
                if (!quiet) {
                    System.err.println("seed " + image.seed() + (image.interrupted() ? " (interrupted)" : ""));
                }
                if (latentsOut != null) {
                    Path npy = ImageFiles.saveLatents(image.latents(), request.width(), request.height(), latentsOut);
                    System.out.println(npy);
                }
                savedCount++;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot save the picture of seed " + image.seed() + ": "
                        + IoReasons.describe(e) + ".", e);
            }
        }

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
