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
    private final PngInfoViewModel pngInfo;
    private final StylesViewModel styles;
    private final XyzViewModel xyz;
    /** The loaded model's short hash, learned from the first picture made with it (the engine hashes lazily). */
    private String modelHash = "";
    private final BooleanBinding canGenerate;
    private final StringBinding title;
    private final StringBinding generateHint;
    private final StringBinding promptHint;

    /** Styles are kept in styles.csv beside the output folder (tests); the app names the user's file. */
    public StudioViewModel(EngineService engine, Executor ui, History store, Path outputFolder) {
        this(engine, ui, store, outputFolder, outputFolder.toAbsolutePath().resolveSibling("styles.csv"));
    }

    public StudioViewModel(EngineService engine, Executor ui, History store, Path outputFolder, Path stylesFile) {
        parameters = new ParametersViewModel(engine, statusLine);
        styles = new StylesViewModel(stylesFile, parameters, statusLine);
        model = new ModelViewModel(engine, ui, statusLine, parameters);
        // One preview: the jobs show their steps in it, the history its pictures.
        ObjectProperty<BufferedImage> preview = new SimpleObjectProperty<>();
        // A history picture replaces the last job's picture, and its filmstrip with it.
        history = new HistoryViewModel(store, outputFolder, ui, statusLine, parameters, (picture, text) -> {
            preview.set(picture);
            jobs().forgetCheckpoints();
            jobs().showParameters(text);
        });
        jobs = new JobsViewModel(engine, ui, statusLine, history, preview);
        settings = new SettingsMapper(parameters, model, history);
        pngRestore = new PngRestore(parameters, statusLine);
        pngInfo = new PngInfoViewModel(parameters, statusLine, () -> model.loadedProperty().get() == null ? null
                : new PngInfoViewModel.ModelIdentity(model.loadedProperty().get().name(), modelHash));
        model.loadedProperty().addListener((obs, old, now) -> modelHash = "");
        jobs.results().addListener((javafx.collections.ListChangeListener<org.sandpaint.engine.GeneratedImage>) c -> {
            if (!jobs.results().isEmpty()) {
                modelHash = jobs.results().get(0).infotext().get("Model hash").orElse(modelHash);
            }
        });
        // Generate stays available while a job runs (the new job waits in the queue), not while a model loads.
        canGenerate = model.loadedProperty().isNotNull().and(model.loadingProperty().not())
                .and(parameters.validationProperty().isEmpty());
        generateHint = Bindings.createStringBinding(() -> {
            if (model.loadingProperty().get()) {
                return "Loading the model...";
            }
            if (model.loadedProperty().get() == null) {
                return "Open a model to generate (Open model...).";
            }
            return parameters.validationProperty().get();
        }, model.loadingProperty(), model.loadedProperty(), parameters.validationProperty());
        promptHint = Bindings.createStringBinding(() -> "Prompt (Ctrl+Enter to generate). Try: "
                + PromptSuggestion.forModel(model.folder()), model.loadedProperty());
        xyz = new XyzViewModel(() -> styles.apply(parameters.request()), canGenerate, generateHint, jobs, statusLine);
        title = Bindings.createStringBinding(() -> jobs.progressTitleProperty().get().isEmpty()
                        ? model.titleProperty().get()
                        : jobs.progressTitleProperty().get() + " - " + model.titleProperty().get(),
                jobs.progressTitleProperty(), model.titleProperty());
    }

    /** Starts a job with the current settings (Ctrl+Enter), or queues it behind the running one. */
    public void generate() {
        if (canGenerate.get()) {
            jobs.submit(styles.apply(parameters.request()));
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
                + "); open it with Open checkpoint... (a .safetensors file) or Open model... (a folder)");
    }

    /** Shows a problem found at start (a damaged history or settings file) in the error line. */
    public void warn(String text) {
        statusLine.error(statusLine.errorProperty().get().isEmpty() ? text : statusLine.errorProperty().get() + " " + text);
    }

    public ParametersViewModel parameters() { return parameters; }
    public PngInfoViewModel pngInfo() { return pngInfo; }
    public StylesViewModel styles() { return styles; }
    public XyzViewModel xyz() { return xyz; }
    public ModelViewModel model() { return model; }
    public HistoryViewModel history() { return history; }
    public JobsViewModel jobs() { return jobs; }
    public BooleanBinding canGenerateProperty() { return canGenerate; }
    /** Why Generate is disabled ("" when it is not), shown beside the button. */
    public StringBinding generateHintProperty() { return generateHint; }
    /** The prompt box's hint: a prompt that works with the loaded model. */
    public StringBinding promptHintProperty() { return promptHint; }
    public StringBinding titleProperty() { return title; }
    public ReadOnlyStringProperty statusProperty() { return statusLine.statusProperty(); }
    public ReadOnlyStringProperty errorProperty() { return statusLine.errorProperty(); }
}
