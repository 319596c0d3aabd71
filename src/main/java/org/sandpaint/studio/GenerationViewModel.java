package org.sandpaint.studio;

import org.sandpaint.engine.Parameters;
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
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Sampler;

import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.ImageFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
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
    private final History history;
    private final ObjectProperty<Path> outputFolder = new SimpleObjectProperty<>();
    private final ObservableList<History.Entry> historyEntries = FXCollections.observableArrayList();
    private Path modelFolder;

    private final StringProperty prompt = new SimpleStringProperty("");
    private final StringProperty negativePrompt = new SimpleStringProperty("");
    private final StringProperty promptTokens = new SimpleStringProperty("0/75");
    private final StringProperty negativeTokens = new SimpleStringProperty("0/75");
    private final ObjectProperty<Sampler> sampler = new SimpleObjectProperty<>(Parameters.SAMPLER.defaultValue());
    private final IntegerProperty steps = new SimpleIntegerProperty(Parameters.STEPS.defaultValue());
    private final DoubleProperty cfgScale = new SimpleDoubleProperty(Parameters.CFG_SCALE.defaultValue());
    private final IntegerProperty clipSkip = new SimpleIntegerProperty(Parameters.CLIP_SKIP.defaultValue());
    private final IntegerProperty width = new SimpleIntegerProperty(Parameters.WIDTH.defaultValue());
    private final IntegerProperty height = new SimpleIntegerProperty(Parameters.HEIGHT.defaultValue());
    private final IntegerProperty batchCount = new SimpleIntegerProperty(Parameters.BATCH_COUNT.defaultValue());
    private final IntegerProperty batchSize = new SimpleIntegerProperty(Parameters.BATCH_SIZE.defaultValue());
    private final StringProperty seedText = new SimpleStringProperty(Parameters.SEED.defaultText());
    /** The studio previews by default (the specification's 0 suits the command line, which writes files). */
    private final IntegerProperty previewEvery = new SimpleIntegerProperty(5);
    private final ObjectProperty<PreviewMethod> previewMethod = new SimpleObjectProperty<>(Parameters.PREVIEW_METHOD.defaultValue());

    private final ObjectProperty<Device> device = new SimpleObjectProperty<>(Device.AUTO);
    private final StringProperty modelName = new SimpleStringProperty("No model loaded");
    private final BooleanProperty modelReady = new SimpleBooleanProperty(false);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("Choose a model folder to start.");
    private final StringProperty title = new SimpleStringProperty("Sandpaint Studio");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<BufferedImage> previewImage = new SimpleObjectProperty<>();
    private final ObservableList<GeneratedImage> results = FXCollections.observableArrayList();
    private final ObservableList<GenerationRequest> queue = FXCollections.observableArrayList();
    private final ObservableList<Checkpoint> checkpoints = FXCollections.observableArrayList();

    /** A full preview of the job's first image, kept for the filmstrip. */
    public record Checkpoint(int step, BufferedImage image) {
    }

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.TEXT_TO_IMAGE);
    private final SourceViewModel source;

    private final StringProperty validation = new SimpleStringProperty("");
    private final BooleanBinding canGenerate;
    private Engine engine;
    private GenerationControl control;
    private long lastSeed = -1;
    /** The model the width and height were last chosen for; a different model resets them to its size. */
    private Path sizedFor;

    public GenerationViewModel(EngineService engineService, Executor ui, History history, Path outputFolder) {
        this.engineService = engineService;
        this.ui = ui;
        this.history = history;
        this.outputFolder.set(outputFolder);
        this.source = new SourceViewModel(error::set);
        historyEntries.setAll(history.entries());
        validation.bind(Bindings.createStringBinding(this::validate, width, height, steps, cfgScale, seedText,
                batchSize, batchCount, clipSkip, mode, source.sourceImageProperty(), source.maskImageProperty()));
        // Generate stays available while a job runs: the new job waits in the queue.
        canGenerate = modelReady.and(validation.isEmpty());
        prompt.addListener((obs, old, text) -> promptTokens.set(count(text)));
        device.addListener((obs, old, d) -> {
            if (modelFolder != null && !d.equals(old)) {
                loadModel(modelFolder);
            }
        });
        negativePrompt.addListener((obs, old, text) -> negativeTokens.set(count(text)));
    }

    /** Why the current settings cannot run, or "" when they can: refused at the field, not at generation. */
    private String validate() {
        try { // the limits and messages of the engine's parameter specification
            Parameters.WIDTH.check(width.get());
            Parameters.HEIGHT.check(height.get());
            Parameters.STEPS.check(steps.get());
            Parameters.CFG_SCALE.check(cfgScale.get());
            Parameters.CLIP_SKIP.check(clipSkip.get());
            Parameters.BATCH_SIZE.check(batchSize.get());
            Parameters.BATCH_COUNT.check(batchCount.get());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String missing = source.missingFor(mode.get());
        if (!missing.isEmpty()) {
            return missing;
        }
        try {
            long seed = Long.parseLong(seedText.get().trim());
            if (!Parameters.SEED.accepts(seed)) {
                return Parameters.SEED.label() + " must be " + Parameters.SEED.rangeText() + " (" + Parameters.SEED.hint() + ").";
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
        engineService.load(folder, device.get()).whenComplete((loaded, failure) -> ui.execute(() -> {
            if (failure != null) {
                error.set(messageOf(failure));
                status.set("The model could not be loaded.");
                return;
            }
            engine = loaded;
            modelFolder = folder;
            error.set("");
            modelName.set(loaded.model().name() + (loaded.unetChannels() == 9 ? " (inpainting)" : "")
                    + " on " + loaded.provider());
            promptTokens.set(count(prompt.get()));
            negativeTokens.set(count(negativePrompt.get()));
            status.set("Ready.");
            if (!folder.equals(sizedFor)) {
                int size = loaded.model().nativeSize();
                width.set(size);
                height.set(size);
                status.set("Ready. Size set to " + size + "x" + size + ", the size this model was trained at.");
            }
            sizedFor = folder;
            if (!loaded.cudaFallbackReason().isEmpty()) {
                status.set(status.get() + " Running on the CPU, CUDA is not available: " + loaded.cudaFallbackReason());
            }
            title.set(baseTitle());
            modelReady.set(true);
        }));
    }

    /** "Sandpaint Studio - model": the window title when idle, and the tail of it during a run. */
    private String baseTitle() {
        return engine == null ? "Sandpaint Studio" : "Sandpaint Studio - " + engine.model().name();
    }

    /** Starts a job with the current settings (Ctrl+Enter), or queues it behind the running one. */
    public void generate() {
        if (!canGenerate.get()) {
            return;
        }
        GenerationRequest request = GenerationRequest.builder(prompt.get()).negativePrompt(negativePrompt.get())
                .steps(steps.get()).cfgScale(cfgScale.get()).seed(Long.parseLong(seedText.get().trim()))
                .sampler(sampler.get()).clipSkip(clipSkip.get()).size(width.get(), height.get())
                .batchSize(batchSize.get()).batchCount(batchCount.get())
                .preview(previewEvery.get(), previewMethod.get()).initImage(source.initImage(mode.get())).build();
        if (running.get()) {
            queue.add(request);
            status.set("Queued: " + queue.size() + " job(s) waiting.");
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
        running.set(true);
        progress.set(0);
        error.set("");
        status.set("Starting...");
        engineService.generate(request, new Events(), control).whenComplete((result, failure) -> ui.execute(() -> {
            running.set(false);
            title.set(baseTitle());
            if (failure != null) {
                error.set(messageOf(failure));
                status.set("Generation failed.");
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

    /** "Send to img2img / inpaint": a history picture becomes the source, its parameters the fields. */
    public void sendTo(History.Entry entry, Mode target) {
        source.openSource(Path.of(entry.file()));
        applyInfotext(Infotext.parse(entry.parameters()));
        mode.set(target);
    }

    /**
     * Fills the fields from a picture's parameters (a history entry, or a PNG from the WebUI dropped on the
     * window). Parameters the picture does not name keep their current values.
     */
    public void applyInfotext(Infotext info) {
        prompt.set(info.prompt());
        negativePrompt.set(info.negativePrompt());
        info.steps().ifPresent(steps::set);
        info.cfgScale().ifPresent(cfgScale::set);
        info.seed().ifPresent(v -> seedText.set(Long.toString(v)));
        info.width().ifPresent(width::set);
        info.height().ifPresent(height::set);
        info.clipSkip().ifPresent(clipSkip::set);
        info.samplerName().ifPresent(name -> {
            try {
                sampler.set(Sampler.parse(name));
            } catch (IllegalArgumentException e) {
                status.set("Sampler \"" + name + "\" is not available here; keeping " + sampler.get() + ".");
            }
        });
    }

    /** Restores parameters from a PNG file; the status line says when the file has none. */
    public void restoreFrom(Path png) {
        try {
            String text = ImageFiles.readParameters(png).orElse(null);
            if (text == null) {
                status.set(png.getFileName() + " has no generation parameters.");
                return;
            }
            applyInfotext(Infotext.parse(text));
            status.set("Parameters restored from " + png.getFileName() + ".");
        } catch (IOException e) {
            error.set(e.getMessage());
        }
    }

    /** What to remember for the next start. */
    public StudioSettings settings() {
        return new StudioSettings(modelFolder == null ? null : modelFolder.toString(), outputFolder.get().toString(),
                prompt.get(), negativePrompt.get(), sampler.get().displayName(), steps.get(), cfgScale.get(),
                clipSkip.get(), width.get(), height.get(), batchCount.get(), batchSize.get(), seedText.get(),
                previewEvery.get(), previewMethod.get().name(), device.get().toString());
    }

    /** Puts remembered settings back; values that no longer make sense keep the defaults. */
    public void applySettings(StudioSettings s) {
        prompt.set(s.prompt() == null ? "" : s.prompt());
        negativePrompt.set(s.negativePrompt() == null ? "" : s.negativePrompt());
        try {
            sampler.set(Sampler.parse(s.sampler()));
        } catch (RuntimeException e) {
            sampler.set(Parameters.SAMPLER.defaultValue());
        }
        steps.set(s.steps());
        cfgScale.set(s.cfgScale());
        clipSkip.set(s.clipSkip());
        width.set(s.width());
        height.set(s.height());
        sizedFor = s.modelFolder() == null ? null : Path.of(s.modelFolder());
        batchCount.set(s.batchCount());
        batchSize.set(s.batchSize());
        seedText.set(s.seed() == null ? Parameters.SEED.defaultText() : s.seed());
        previewEvery.set(s.previewEvery());
        try {
            previewMethod.set(PreviewMethod.valueOf(s.previewMethod()));
        } catch (RuntimeException e) {
            previewMethod.set(Parameters.PREVIEW_METHOD.defaultValue());
        }
        if (s.outputFolder() != null) {
            outputFolder.set(Path.of(s.outputFolder()));
        }
        try {
            device.set(s.device() == null ? Device.AUTO : Device.parse(s.device()));
        } catch (IllegalArgumentException e) {
            device.set(Device.AUTO);
        }
    }

    /** Shows checkpoint {@code index} of the last job in the preview (the filmstrip's scrubber). */
    public void showCheckpoint(int index) {
        if (index >= 0 && index < checkpoints.size()) {
            previewImage.set(checkpoints.get(index).image());
        }
    }

    /** Shows a history picture in the preview. */
    public void show(History.Entry entry) {
        try {
            previewImage.set(javax.imageio.ImageIO.read(Path.of(entry.file()).toFile()));
        } catch (IOException e) {
            error.set("Cannot open " + entry.file() + ": " + e.getMessage());
        }
    }

    /** Deletes a history picture from the disk and the list. */
    public void delete(History.Entry entry) {
        try {
            history.delete(entry);
            historyEntries.remove(entry);
        } catch (IOException e) {
            error.set("Cannot delete " + entry.file() + ": " + e.getMessage());
        }
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
                title.set(String.format(Locale.ROOT, "%d%% step %d/%d ETA %ds - %s", Math.round(p.fraction() * 100),
                        p.step(), p.totalSteps(), p.eta().toSeconds(), baseTitle()));
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
            History.Entry entry = null;
            String problem = null;
            try {
                Path file = ImageFiles.savePng(image.image(), image.infotext(), outputFolder.get().resolve(image.seed() + ".png"));
                entry = new History.Entry(file.toString(), image.infotext().format(), System.currentTimeMillis());
                history.add(entry);
            } catch (IOException e) {
                problem = "The picture could not be saved in " + outputFolder.get() + ": " + e.getMessage()
                        + ". Choose another output folder; the picture stays in the preview.";
            }
            History.Entry saved = entry;
            String message = problem;
            ui.execute(() -> {
                results.add(image);
                if (saved != null) {
                    historyEntries.add(saved);
                }
                if (message != null) {
                    error.set(message);
                }
            });
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
    public ObservableList<History.Entry> historyEntries() { return historyEntries; }
    public ObservableList<GenerationRequest> queue() { return queue; }
    public ObservableList<Checkpoint> checkpoints() { return checkpoints; }
    public ObjectProperty<Path> outputFolderProperty() { return outputFolder; }
    /** Where the next loaded model runs; changing it reloads the current model. */
    public ObjectProperty<Device> deviceProperty() { return device; }
    public ObjectProperty<Mode> modeProperty() { return mode; }
    /** The source picture, mask and brush of image to image and inpainting. */
    public SourceViewModel source() { return source; }
}
