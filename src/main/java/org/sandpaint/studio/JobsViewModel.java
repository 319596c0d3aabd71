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
import org.sandpaint.plot.PlotCell;
import org.sandpaint.plot.PlotListener;
import org.sandpaint.plot.PlotResult;
import org.sandpaint.plot.XyzPlot;
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

    /**
     * A full preview of the job's first image, kept for the filmstrip.
     *
     * @param interrupted the job was stopped at {@code step}: the engine announces the partial picture as the
     *                    last step, so the step reached is remembered here
     */
    public record Checkpoint(int step, BufferedImage image, boolean interrupted) {

        /** "step 12", or "step 7 (interrupted)". */
        public String label() {
            return "step " + step + (interrupted ? " (interrupted)" : "");
        }
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
    /** Which of the job's pictures is shown large; -1 shows them all as a grid. */
    private final javafx.beans.property.IntegerProperty shownResult = new javafx.beans.property.SimpleIntegerProperty(-1);
    private final javafx.beans.property.StringProperty shownParameters = new javafx.beans.property.SimpleStringProperty("");
    /** The plots among the waiting jobs, by the request the queue shows for them. */
    private final java.util.Map<GenerationRequest, XyzPlot> plots = new java.util.IdentityHashMap<>();
    private GenerationControl control;
    private long lastSeed = -1;
    /** The last step reported for the running job's image, to label a stopped job's last checkpoint. */
    private int stepReached;
    /** Whether a full decode of the current image was shown: cheap previews then wait for the next one. */
    private boolean fullShown;

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

    /** Starts an X/Y/Z plot as one job, or queues it (the queue shows its base request). */
    void submit(XyzPlot plot) {
        plots.put(plot.baseRequest(), plot);
        submit(plot.baseRequest());
    }

    /** How a waiting job reads in the queue. */
    public String describe(GenerationRequest r) {
        XyzPlot plot = plots.get(r);
        return (plot == null ? "Queued: " : "Queued X/Y/Z plot (" + plot.cells().size() + " pictures): ") + r.prompt()
                + "  (" + r.steps() + " steps, " + r.width() + "x" + r.height() + ")";
    }

    /** Removes a waiting job. */
    public void removeQueued(GenerationRequest request) {
        queue.remove(request);
        plots.remove(request);
    }

    /** Removes every waiting job; the running one goes on. The status line says so. */
    public void clearQueue() {
        int waiting = queue.size();
        queue.clear();
        plots.clear();
        statusLine.status(waiting == 0 ? "The queue is empty; nothing to clear."
                : "Cleared the queue: " + waiting + " waiting job(s) removed"
                + (running.get() ? "; the running job goes on (Esc stops it)." : "."));
    }

    private void start(GenerationRequest request) {
        control = new GenerationControl();
        checkpoints.clear();
        results.clear();
        stepReached = 0;
        fullShown = false;
        shownResult.set(-1);
        shownParameters.set("");
        running.set(true);
        progress.set(0);
        statusLine.error("");
        statusLine.status("Starting...");
        XyzPlot plot = plots.remove(request);
        if (plot != null) {
            engine.plot(plot, new Events(), control).whenComplete((result, failure) -> {
                // On the engine's thread, as each picture is: no disk work on the UI thread.
                GeneratedImage grid = failure != null || result.grid() == null ? null : new GeneratedImage(result.grid(),
                        new float[0], plot.baseRequest().seed(), result.infotext(), result.interrupted());
                if (grid != null) {
                    history.saveGrid(grid);
                }
                ui.execute(() -> {
                    if (failure == null) {
                        plotFinished(plot, result, grid);
                    }
                    ended(failure);
                });
            });
            return;
        }
        engine.generate(request, new Events(), control).whenComplete((result, failure) -> ui.execute(() -> {
            if (failure == null) {
                finished(result);
            }
            ended(failure);
        }));
    }

    private void ended(Throwable failure) {
        running.set(false);
        progressTitle.set("");
        if (failure != null) {
            statusLine.error(ModelViewModel.messageOf(failure));
            statusLine.status("Generation failed" + (results.isEmpty() ? "." : "; the " + results.size()
                    + " picture(s) finished before are saved."));
        }
        if (!queue.isEmpty()) {
            start(queue.remove(0));
        }
    }

    /** The grid joins the history (with the axes in its parameters) and is shown large. */
    private void plotFinished(XyzPlot plot, PlotResult result, GeneratedImage grid) {
        progress.set(1);
        long cells = result.cells().stream().filter(c -> !c.result().images().isEmpty()).count();
        if (grid == null) {
            statusLine.status("X/Y/Z plot stopped before its first picture.");
            return;
        }
        previewImage.set(grid.image());
        shownResult.set(-1);
        results.clear();
        shownParameters.set(grid.infotext().format());
        statusLine.status(String.format(Locale.ROOT, "%s X/Y/Z plot of %d of %d pictures; the grid is in the history.",
                result.interrupted() ? "Interrupted:" : "Done:", cells, plot.cells().size()));
    }

    private void finished(GenerationResult result) {
        if (!result.images().isEmpty()) {
            lastSeed = result.images().get(0).seed();
            // One picture is shown large; several as a grid (the view shows the grid while none is chosen).
            showResult(result.images().size() == 1 ? 0 : -1);
        }
        progress.set(1);
        String warnings = result.warnings().isEmpty() ? "" : "  " + String.join(" ", result.warnings());
        statusLine.status(String.format(Locale.ROOT, "%s %d image(s) in %.1f s.%s",
                result.interrupted() ? "Interrupted:" : "Done:", result.images().size(),
                result.timings().total() / 1e9, warnings));
    }

    /** Stops the running job after the current step and keeps the partial image (Esc); the queue stays. */
    public void interrupt() {
        if (control != null && running.get()) {
            control.interrupt();
            statusLine.status("Stopping the running job after this step (Esc)"
                    + (queue.isEmpty() ? "." : "; the " + queue.size() + " waiting job(s) still run (Clear queue removes them)."));
        }
    }

    /** Drops what the last job left in the filmstrip (a history picture is shown instead). */
    void forgetCheckpoints() {
        if (!running.get()) {
            checkpoints.clear();
        }
    }

    /** Abandons the current batch and goes on with the next one. */
    public void skip() {
        if (control != null) {
            control.skip();
        }
    }

    /** Shows the job's picture {@code index} large with its parameters; -1 goes back to the grid. */
    public void showResult(int index) {
        if (index >= 0 && index < results.size()) {
            shownResult.set(index);
            previewImage.set(results.get(index).image());
            shownParameters.set(results.get(index).infotext().format());
        } else {
            shownResult.set(-1);
            shownParameters.set("");
        }
    }

    /** The parameters text under the preview (a history picture's). */
    void showParameters(String text) {
        if (!running.get()) {
            shownResult.set(-1);
            results.clear();
        }
        shownParameters.set(text);
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
    private final class Events implements PlotListener {
        @Override
        public void onCellStart(PlotCell cell, int number, int total) {
            ui.execute(() -> progressTitle.set("plot " + number + "/" + total));
        }

        @Override
        public void onStep(StepProgress p) {
            ui.execute(() -> {
                stepReached = p.step();
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
            BufferedImage last = preview.images().get(preview.images().size() - 1);
            // The cheap preview is 1/8 of the picture; enlarged here, so the window never stretches it itself.
            BufferedImage image = preview.full() ? last : PreviewUpscale.toSize(last, last.getWidth() * 8, last.getHeight() * 8);
            ui.execute(() -> {
                if (preview.full()) {
                    fullShown = preview.step() < preview.totalSteps();
                    previewImage.set(image);
                } else if (!fullShown) {
                    // Between full decodes the cheap preview would swap a sharp picture for a coarse one and
                    // back each step: it is shown only until the first full decode of this image.
                    previewImage.set(image);
                }
                if (preview.full() && preview.batchIndex() == 0) {
                    // A stopped job's last picture arrives announced as the last step: label the step reached.
                    boolean stopped = preview.step() == preview.totalSteps() && stepReached < preview.totalSteps();
                    checkpoints.add(new Checkpoint(stopped ? stepReached : preview.step(), preview.images().get(0), stopped));
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
    /** The job's picture shown large, or -1 while the grid of all of them is shown. */
    public javafx.beans.property.ReadOnlyIntegerProperty shownResultProperty() { return shownResult; }
    /** The parameters of the picture shown large ("" for none). */
    public ReadOnlyStringProperty shownParametersProperty() { return shownParameters; }
}
