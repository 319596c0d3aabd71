package org.sandpaint.studio;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.awt.image.BufferedImage;

import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * The window's view model: it builds the small view models, each with one job, wires them together and
 * offers the few actions that span them (Generate). Engine events are handed to {@code ui}
 * (Platform::runLater in the app, direct in tests).
 */
public final class StudioViewModel {

    private final StatusLine statusLine = new StatusLine();
    private final ParametersViewModel parameters;
    private final ModelViewModel model;
    private final HistoryViewModel history;
    private final JobsViewModel jobs;
    private final SettingsMapper settings;
    private final PngRestore pngRestore;
    private final BooleanBinding canGenerate;
    private final StringBinding title;

    public StudioViewModel(EngineService engine, Executor ui, History store, Path outputFolder) {
        parameters = new ParametersViewModel(engine, statusLine);
        model = new ModelViewModel(engine, ui, statusLine, parameters);
        // One preview: the jobs show their steps in it, the history its pictures.
        ObjectProperty<BufferedImage> preview = new SimpleObjectProperty<>();
        history = new HistoryViewModel(store, outputFolder, ui, statusLine, parameters, preview::set);
        jobs = new JobsViewModel(engine, ui, statusLine, history, preview);
        settings = new SettingsMapper(parameters, model, history);
        pngRestore = new PngRestore(parameters, statusLine);
        // Generate stays available while a job runs (the new job waits in the queue), not while a model loads.
        canGenerate = model.loadedProperty().isNotNull().and(model.loadingProperty().not())
                .and(parameters.validationProperty().isEmpty());
        title = Bindings.createStringBinding(() -> jobs.progressTitleProperty().get().isEmpty()
                        ? model.titleProperty().get()
                        : jobs.progressTitleProperty().get() + " - " + model.titleProperty().get(),
                jobs.progressTitleProperty(), model.titleProperty());
    }

    /** Starts a job with the current settings (Ctrl+Enter), or queues it behind the running one. */
    public void generate() {
        if (canGenerate.get()) {
            jobs.submit(parameters.request());
        }
    }

    /** The recycle button: the seed of the last image made. */
    public void reuseLastSeed() {
        if (jobs.lastSeed() >= 0) {
            parameters.useSeed(jobs.lastSeed());
        }
    }

    /** Restores parameters from a PNG file dropped on the window. */
    public void restoreFrom(Path png) {
        pngRestore.restoreFrom(png);
    }

    /** What to remember for the next start. */
    public StudioSettings settings() {
        return settings.capture();
    }

    /** Puts remembered settings back; values that no longer make sense keep the defaults. */
    public void applySettings(StudioSettings s) {
        settings.apply(s);
    }

    /** Says that a download finished and was verified, and where it is. */
    public void downloaded(Path file) {
        statusLine.status("Downloaded and verified " + file.getFileName() + " (in " + file.getParent()
                + "); open it with Open model...");
    }

    /** Shows a problem found at start (a damaged history or settings file) in the error line. */
    public void warn(String text) {
        statusLine.error(statusLine.errorProperty().get().isEmpty() ? text : statusLine.errorProperty().get() + " " + text);
    }

    public ParametersViewModel parameters() { return parameters; }
    public ModelViewModel model() { return model; }
    public HistoryViewModel history() { return history; }
    public JobsViewModel jobs() { return jobs; }
    public BooleanBinding canGenerateProperty() { return canGenerate; }
    public StringBinding titleProperty() { return title; }
    public ReadOnlyStringProperty statusProperty() { return statusLine.statusProperty(); }
    public ReadOnlyStringProperty errorProperty() { return statusLine.errorProperty(); }
}
