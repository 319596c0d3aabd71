package org.sandpaint.studio;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.Preview;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.StepProgress;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The running job, the jobs waiting behind it, and what the window shows of them: progress, previews,
 * the filmstrip's checkpoints. Each finished picture goes to the {@link HistoryViewModel} as soon as the
 * engine has decoded it, so an interrupted or failed batch keeps every picture finished before.
 * Engine events arrive on the engine's thread and are handed to {@code ui}.
 */
public final class JobsViewModel {

    /** A full preview of the job's first image, kept for the filmstrip. */
    public record Checkpoint(int step, BufferedImage image) {
    }

    private final EngineService engine;
    private final Executor ui;
    private final StatusLine statusLine;
    private final HistoryViewModel history;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ReadOnlyStringWrapper progressTitle = new ReadOnlyStringWrapper("");
    private final ObjectProperty<BufferedImage> previewImage;
    private final ObservableList<GeneratedImage> results = FXCollections.observableArrayList();
    private final ObservableList<GenerationRequest> queue = FXCollections.observableArrayList();
    private final ObservableList<Checkpoint> checkpoints = FXCollections.observableArrayList();
    private GenerationControl control;
    private long lastSeed = -1;

    /** @param preview the picture the window shows, which the jobs' previews and results go to */
    JobsViewModel(EngineService engine, Executor ui, StatusLine statusLine, HistoryViewModel history,
                  ObjectProperty<BufferedImage> preview) {
        this.previewImage = preview;
        this.engine = engine;
        this.ui = ui;
        this.statusLine = statusLine;
        this.history = history;
    }

    /** Starts the job, or queues it behind the running one. */
    void submit(GenerationRequest request) {
        if (running.get()) {
            queue.add(request);
            statusLine.status("Queued: " + queue.size() + " job(s) waiting.");
            return;
        }
        start(request);
    }

    /** Removes a waiting job. */
    public void removeQueued(GenerationRequest request) {
        queue.remove(request);
    }

    private void start(GenerationRequest request) {
        control = new GenerationControl();
        checkpoints.clear();
        results.clear();
        running.set(true);
        progress.set(0);
        statusLine.error("");
        statusLine.status("Starting...");
        engine.generate(request, new Events(), control).whenComplete((result, failure) -> ui.execute(() -> {
            running.set(false);
            progressTitle.set("");
            if (failure != null) {
                statusLine.error(ModelViewModel.messageOf(failure));
                statusLine.status("Generation failed" + (results.isEmpty() ? "." : "; the " + results.size()
                        + " picture(s) finished before are saved."));
            } else {
                finished(result);
            }
            if (!queue.isEmpty()) {
                start(queue.remove(0));
            }
        }));
    }

    private void finished(GenerationResult result) {
        if (!result.images().isEmpty()) {
            previewImage.set(result.images().get(result.images().size() - 1).image());
            lastSeed = result.images().get(0).seed();
        }
        progress.set(1);
        String warnings = result.warnings().isEmpty() ? "" : "  " + String.join(" ", result.warnings());
        statusLine.status(String.format(Locale.ROOT, "%s %d image(s) in %.1f s.%s",
                result.interrupted() ? "Interrupted:" : "Done:", result.images().size(),
                result.timings().total() / 1e9, warnings));
    }

    /** Stops after the current step and keeps the partial image (Esc). */
    public void interrupt() {
        if (control != null) {
            control.interrupt();
        }
    }

    /** Abandons the current batch and goes on with the next one. */
    public void skip() {
        if (control != null) {
            control.skip();
        }
    }

    /** Shows checkpoint {@code index} of the last job in the preview (the filmstrip's scrubber). */
    public void showCheckpoint(int index) {
        if (index >= 0 && index < checkpoints.size()) {
            previewImage.set(checkpoints.get(index).image());
        }
    }

    /** The seed of the first picture of the last job, or -1 before any. */
    long lastSeed() {
        return lastSeed;
    }

    /** Engine events, handed to the UI thread. */
    private final class Events implements ProgressListener {
        @Override
        public void onStep(StepProgress p) {
            ui.execute(() -> {
                progress.set(p.fraction());
                statusLine.status(String.format(Locale.ROOT, "Step %d/%d%s  %.2f it/s  ETA %ds", p.step(),
                        p.totalSteps(), p.batchCount() > 1 ? "  batch " + (p.batchIndex() + 1) + "/" + p.batchCount() : "",
                        p.stepsPerSecond(), p.eta().toSeconds()));
                progressTitle.set(String.format(Locale.ROOT, "%d%% step %d/%d ETA %ds", Math.round(p.fraction() * 100),
                        p.step(), p.totalSteps(), p.eta().toSeconds()));
            });
        }

        @Override
        public void onPreview(Preview preview) {
            BufferedImage image = preview.images().get(preview.images().size() - 1);
            ui.execute(() -> {
                previewImage.set(image);
                if (preview.full() && preview.batchIndex() == 0) {
                    checkpoints.add(new Checkpoint(preview.step(), preview.images().get(0)));
                }
            });
        }

        /** Saves each picture as soon as it exists (on the engine's thread: no disk work on the UI thread). */
        @Override
        public void onImage(GeneratedImage image) {
            history.save(image);
            ui.execute(() -> results.add(image));
        }
    }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public DoubleProperty progressProperty() { return progress; }
    /** "50% step 2/4 ETA 3s" while a job runs, else "". */
    public ReadOnlyStringProperty progressTitleProperty() { return progressTitle.getReadOnlyProperty(); }
    public ObjectProperty<BufferedImage> previewImageProperty() { return previewImage; }
    /** The pictures of the running (or last) job. */
    public ObservableList<GeneratedImage> results() { return results; }
    public ObservableList<GenerationRequest> queue() { return queue; }
    public ObservableList<Checkpoint> checkpoints() { return checkpoints; }
}
