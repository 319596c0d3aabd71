package org.sandpaint.studio;

import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.Preview;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.StepProgress;
import org.sandpaint.engine.Timings;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.Device;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An engine for view-model tests: no model, no threads, no waiting. Loads complete at once (a folder named
 * "broken..." fails); jobs wait until the test runs them with {@link #runNext}, which sends the events a
 * real engine would (half way and at the end of each image a step and a full preview, then the picture), every picture a flat colour.
 */
final class FakeEngineService implements EngineService {

    /** A submitted job. */
    record Job(GenerationRequest request, ProgressListener listener, GenerationControl control,
               CompletableFuture<GenerationResult> result) {
    }

    private final Deque<Job> waiting = new ArrayDeque<>();
    private final List<GenerationRequest> submitted = new ArrayList<>();
    private final Map<String, Integer> nativeSizes = new HashMap<>();
    private LoadedModel current;
    private boolean closed;

    /** Folders with this name load as models trained at {@code size}. */
    void nativeSize(String folderName, int size) {
        nativeSizes.put(folderName, size);
    }

    @Override
    public CompletableFuture<LoadedModel> load(Path folder, Device device) {
        String name = folder.getFileName().toString();
        if (closed || name.startsWith("broken")) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(folder + " is not a model folder."));
        }
        current = new LoadedModel(name, name.contains("inpainting"), "CPU",
                nativeSizes.getOrDefault(name, 512), "");
        return CompletableFuture.completedFuture(current);
    }

    @Override
    public CompletableFuture<GenerationResult> generate(GenerationRequest request, ProgressListener listener,
                                                        GenerationControl control) {
        Job job = new Job(request, listener, control, new CompletableFuture<>());
        submitted.add(request);
        waiting.add(job);
        return job.result();
    }

    /** Words of the prompt over 75, in the engine's counter format: enough to see which model counted. */
    @Override
    public String tokenCounter(String prompt) {
        if (current == null) {
            return "0/75";
        }
        return (prompt.isBlank() ? 0 : prompt.trim().split("\\s+").length) + "/75";
    }

    @Override
    public void close() {
        closed = true;
        current = null;
    }

    /** Every job the view models handed over, in order. */
    List<GenerationRequest> submitted() {
        return submitted;
    }

    int waitingJobs() {
        return waiting.size();
    }

    /** Runs the oldest waiting job to its end (or to an interrupt seen between images). */
    void runNext() {
        run(waiting.remove(), Integer.MAX_VALUE, null);
    }

    /** Runs the oldest waiting job, which fails with {@code message} after {@code images} pictures. */
    void failNextAfter(int images, String message) {
        run(waiting.remove(), images, message);
    }

    private void run(Job job, int failAfter, String failure) {
        GenerationRequest r = job.request();
        List<GeneratedImage> images = new ArrayList<>();
        int total = r.batchCount() * r.batchSize();
        for (int i = 0; i < total && !job.control().isInterrupted(); i++) {
            if (images.size() == failAfter) {
                job.result().completeExceptionally(new IllegalStateException(failure));
                return;
            }
            int batch = i / r.batchSize();
            BufferedImage picture = picture(i);
            for (int step : new int[] {r.steps() / 2, r.steps()}) { // a checkpoint half way, and the end
                job.listener().onStep(new StepProgress(batch, r.batchCount(), step, r.steps(), 1,
                        (i + step / (double) r.steps()) / total, Duration.ofSeconds(1), Duration.ZERO));
                job.listener().onPreview(new Preview(batch, step, r.steps(), true, List.of(picture)));
            }
            long seed = (r.seed() < 0 ? 1000 : r.seed()) + i;
            GeneratedImage image = new GeneratedImage(picture, new float[0], seed, infotext(r, seed), false);
            images.add(image);
            job.listener().onImage(image);
        }
        job.result().complete(new GenerationResult(images, job.control().isInterrupted(),
                new Timings(2_000_000_000L, 0, 0, 0, 0, 0, 0, 0), List.of()));
    }

    private static BufferedImage picture(int i) {
        BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(0, 0, 0x102030 * (i + 1));
        return picture;
    }

    private static Infotext infotext(GenerationRequest r, long seed) {
        return new Infotext(r.prompt(), r.negativePrompt()).with("Steps", r.steps())
                .with("Sampler", r.sampler().displayName()).with("CFG scale", r.cfgScale()).with("Seed", seed)
                .with("Size", r.width() + "x" + r.height());
    }
}
