package org.sandpaint.studio;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.Preview;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.StepProgress;
import org.sandpaint.engine.scheduler.Sampler;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The text-to-image panel's state and actions, with no controls in it (MVVM as JabRef does it): the view
 * binds to these properties, and tests drive them without a window. Engine events arrive on the engine's
 * thread and are handed to {@code ui} (Platform::runLater in the app, direct in tests).
 */
public final class GenerationViewModel {

    private final EngineService engineService;
    private final Executor ui;

    private final StringProperty prompt = new SimpleStringProperty("");
    private final StringProperty negativePrompt = new SimpleStringProperty("");
    private final StringProperty promptTokens = new SimpleStringProperty("0/75");
    private final StringProperty negativeTokens = new SimpleStringProperty("0/75");
    private final ObjectProperty<Sampler> sampler = new SimpleObjectProperty<>(Sampler.EULER_A);
    private final IntegerProperty steps = new SimpleIntegerProperty(20);
    private final DoubleProperty cfgScale = new SimpleDoubleProperty(7.0);
    private final IntegerProperty clipSkip = new SimpleIntegerProperty(1);
    private final IntegerProperty width = new SimpleIntegerProperty(512);
    private final IntegerProperty height = new SimpleIntegerProperty(512);
    private final IntegerProperty batchCount = new SimpleIntegerProperty(1);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(1);
    private final StringProperty seedText = new SimpleStringProperty("-1");
    private final IntegerProperty previewEvery = new SimpleIntegerProperty(5);
    private final ObjectProperty<PreviewMethod> previewMethod = new SimpleObjectProperty<>(PreviewMethod.FULL);

    private final StringProperty modelName = new SimpleStringProperty("No model loaded");
    private final BooleanProperty modelReady = new SimpleBooleanProperty(false);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("Choose a model folder to start.");
    private final StringProperty title = new SimpleStringProperty("Sandpaint Studio");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<BufferedImage> previewImage = new SimpleObjectProperty<>();
    private final ObservableList<GeneratedImage> results = FXCollections.observableArrayList();

    private final StringProperty validation = new SimpleStringProperty("");
    private final BooleanBinding canGenerate;
    private Engine engine;
    private GenerationControl control;
    private long lastSeed = -1;

    public GenerationViewModel(EngineService engineService, Executor ui) {
        this.engineService = engineService;
        this.ui = ui;
        validation.bind(Bindings.createStringBinding(this::validate, width, height, steps, cfgScale, seedText,
                batchSize, batchCount, clipSkip));
        canGenerate = modelReady.and(running.not()).and(validation.isEmpty());
        prompt.addListener((obs, old, text) -> promptTokens.set(count(text)));
        negativePrompt.addListener((obs, old, text) -> negativeTokens.set(count(text)));
    }

    /** Why the current settings cannot run, or "" when they can: refused at the field, not at generation. */
    private String validate() {
        if (width.get() % 8 != 0 || width.get() < 64 || width.get() > 2048) {
            return "Width must be a multiple of 8 between 64 and 2048.";
        }
        if (height.get() % 8 != 0 || height.get() < 64 || height.get() > 2048) {
            return "Height must be a multiple of 8 between 64 and 2048.";
        }
        if (steps.get() < 1 || steps.get() > 150) {
            return "Steps must be between 1 and 150.";
        }
        if (cfgScale.get() < 1 || cfgScale.get() > 30) {
            return "CFG scale must be between 1 and 30.";
        }
        if (clipSkip.get() < 1 || clipSkip.get() > 12) {
            return "CLIP skip must be between 1 and 12.";
        }
        if (batchSize.get() < 1 || batchSize.get() > 8 || batchCount.get() < 1 || batchCount.get() > 100) {
            return "Batch size must be 1 to 8 and batch count 1 to 100.";
        }
        try {
            long seed = Long.parseLong(seedText.get().trim());
            if (seed < -1) {
                return "Seed must be -1 (random) or a number of 0 or more.";
            }
        } catch (NumberFormatException e) {
            return "Seed must be a whole number (-1 for random).";
        }
        return "";
    }

    private String count(String text) {
        return engine == null ? "0/75" : engine.tokenCounter(text);
    }

    /** Loads a model folder in the background; the status line says what happened. */
    public void loadModel(Path folder) {
        modelReady.set(false);
        status.set("Loading " + folder.getFileName() + "...");
        engineService.load(folder).whenComplete((loaded, failure) -> ui.execute(() -> {
            if (failure != null) {
                error.set(messageOf(failure));
                status.set("The model could not be loaded.");
                return;
            }
            engine = loaded;
            error.set("");
            modelName.set(loaded.folder().name() + (loaded.unetChannels() == 9 ? " (inpainting)" : "")
                    + " on " + loaded.provider());
            modelReady.set(true);
            promptTokens.set(count(prompt.get()));
            negativeTokens.set(count(negativePrompt.get()));
            status.set("Ready.");
        }));
    }

    /** Starts a job with the current settings (Ctrl+Enter). */
    public void generate() {
        if (!canGenerate.get()) {
            return;
        }
        GenerationRequest request = GenerationRequest.builder(prompt.get()).negativePrompt(negativePrompt.get())
                .steps(steps.get()).cfgScale(cfgScale.get()).seed(Long.parseLong(seedText.get().trim()))
                .sampler(sampler.get()).clipSkip(clipSkip.get()).size(width.get(), height.get())
                .batchSize(batchSize.get()).batchCount(batchCount.get())
                .preview(previewEvery.get(), previewMethod.get()).build();
        control = new GenerationControl();
        running.set(true);
        progress.set(0);
        error.set("");
        status.set("Starting...");
        engineService.generate(request, new Events(), control).whenComplete((result, failure) -> ui.execute(() -> {
            running.set(false);
            title.set("Sandpaint Studio");
            if (failure != null) {
                error.set(messageOf(failure));
                status.set("Generation failed.");
            } else {
                finished(result);
            }
        }));
    }

    private void finished(GenerationResult result) {
        if (!result.images().isEmpty()) {
            GeneratedImage last = result.images().get(result.images().size() - 1);
            previewImage.set(last.image());
            lastSeed = result.images().get(0).seed();
        }
        progress.set(1);
        String warnings = result.warnings().isEmpty() ? "" : "  " + String.join(" ", result.warnings());
        status.set(String.format(Locale.ROOT, "%s %d image(s) in %.1f s.%s",
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

    /** The dice button: a random seed each run. */
    public void randomSeed() {
        seedText.set("-1");
    }

    /** The recycle button: the seed of the last image made. */
    public void reuseLastSeed() {
        if (lastSeed >= 0) {
            seedText.set(Long.toString(lastSeed));
        }
    }

    public void swapSize() {
        int w = width.get();
        width.set(height.get());
        height.set(w);
    }

    private static String messageOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** Engine events, handed to the UI thread. */
    private final class Events implements ProgressListener {
        @Override
        public void onStep(StepProgress p) {
            ui.execute(() -> {
                progress.set(p.fraction());
                String text = String.format(Locale.ROOT, "Step %d/%d%s  %.2f it/s  ETA %ds", p.step(), p.totalSteps(),
                        p.batchCount() > 1 ? "  batch " + (p.batchIndex() + 1) + "/" + p.batchCount() : "",
                        p.stepsPerSecond(), p.eta().toSeconds());
                status.set(text);
                title.set(String.format(Locale.ROOT, "%d%% - Sandpaint Studio", Math.round(p.fraction() * 100)));
            });
        }

        @Override
        public void onPreview(Preview preview) {
            BufferedImage image = preview.images().get(preview.images().size() - 1);
            ui.execute(() -> previewImage.set(image));
        }

        @Override
        public void onImage(GeneratedImage image) {
            ui.execute(() -> results.add(image));
        }
    }

    public StringProperty promptProperty() { return prompt; }
    public StringProperty negativePromptProperty() { return negativePrompt; }
    public ReadOnlyStringProperty promptTokensProperty() { return promptTokens; }
    public ReadOnlyStringProperty negativeTokensProperty() { return negativeTokens; }
    public ObjectProperty<Sampler> samplerProperty() { return sampler; }
    public IntegerProperty stepsProperty() { return steps; }
    public DoubleProperty cfgScaleProperty() { return cfgScale; }
    public IntegerProperty clipSkipProperty() { return clipSkip; }
    public IntegerProperty widthProperty() { return width; }
    public IntegerProperty heightProperty() { return height; }
    public IntegerProperty batchCountProperty() { return batchCount; }
    public IntegerProperty batchSizeProperty() { return batchSize; }
    public StringProperty seedTextProperty() { return seedText; }
    public IntegerProperty previewEveryProperty() { return previewEvery; }
    public ObjectProperty<PreviewMethod> previewMethodProperty() { return previewMethod; }
    public ReadOnlyStringProperty modelNameProperty() { return modelName; }
    public BooleanProperty modelReadyProperty() { return modelReady; }
    public BooleanProperty runningProperty() { return running; }
    public DoubleProperty progressProperty() { return progress; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    public ReadOnlyStringProperty titleProperty() { return title; }
    public ReadOnlyStringProperty errorProperty() { return error; }
    public ReadOnlyStringProperty validationProperty() { return validation; }
    public BooleanBinding canGenerateProperty() { return canGenerate; }
    public ObjectProperty<BufferedImage> previewImageProperty() { return previewImage; }
    public ObservableList<GeneratedImage> results() { return results; }
}
