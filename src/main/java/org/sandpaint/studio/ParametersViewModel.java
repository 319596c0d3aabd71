package org.sandpaint.studio;

import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.Sampler;

import java.util.List;

import static org.sandpaint.engine.Parameters.BATCH_COUNT;
import static org.sandpaint.engine.Parameters.BATCH_SIZE;
import static org.sandpaint.engine.Parameters.CFG_SCALE;
import static org.sandpaint.engine.Parameters.CLIP_SKIP;
import static org.sandpaint.engine.Parameters.HEIGHT;
import static org.sandpaint.engine.Parameters.STEPS;
import static org.sandpaint.engine.Parameters.WIDTH;

/**
 * What the next job is made of: the prompts and every number field, each with its own check, and the
 * request they build. No controls here; the view binds to the properties and draws the checks.
 */
public final class ParametersViewModel {

    private final EngineService engine;
    private final StatusLine statusLine;
    private final StringProperty prompt = new SimpleStringProperty("");
    private final StringProperty negativePrompt = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper promptTokens = new ReadOnlyStringWrapper("0/75");
    private final ReadOnlyStringWrapper negativeTokens = new ReadOnlyStringWrapper("0/75");
    private final ObjectProperty<Sampler> sampler = new SimpleObjectProperty<>(Sampler.EULER_A);
    private final IntegerProperty steps = new SimpleIntegerProperty(STEPS.defaultValue());
    private final DoubleProperty cfgScale = new SimpleDoubleProperty(CFG_SCALE.defaultValue());
    private final IntegerProperty clipSkip = new SimpleIntegerProperty(CLIP_SKIP.defaultValue());
    private final IntegerProperty width = new SimpleIntegerProperty(WIDTH.defaultValue());
    private final IntegerProperty height = new SimpleIntegerProperty(HEIGHT.defaultValue());
    private final IntegerProperty batchCount = new SimpleIntegerProperty(BATCH_COUNT.defaultValue());
    private final IntegerProperty batchSize = new SimpleIntegerProperty(BATCH_SIZE.defaultValue());
    private final StringProperty seedText = new SimpleStringProperty("-1");
    private final IntegerProperty previewEvery = new SimpleIntegerProperty(StudioSettings.PREVIEW_EVERY);
    private final ObjectProperty<PreviewMethod> previewMethod = new SimpleObjectProperty<>(PreviewMethod.FULL);
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.TEXT_TO_IMAGE);
    private final SourceViewModel source;

    private final FieldCheck widthCheck = new FieldCheck(() -> problem(() -> WIDTH.check(width.get())), width);
    private final FieldCheck heightCheck = new FieldCheck(() -> problem(() -> HEIGHT.check(height.get())), height);
    private final FieldCheck stepsCheck = new FieldCheck(() -> problem(() -> STEPS.check(steps.get())), steps);
    private final FieldCheck cfgCheck = new FieldCheck(() -> problem(() -> CFG_SCALE.check(cfgScale.get())), cfgScale);
    private final FieldCheck clipSkipCheck = new FieldCheck(() -> problem(() -> CLIP_SKIP.check(clipSkip.get())),
            clipSkip);
    private final FieldCheck batchCheck = new FieldCheck(() -> problem(() -> {
        BATCH_SIZE.check(batchSize.get());
        BATCH_COUNT.check(batchCount.get());
    }), batchSize, batchCount);
    private final FieldCheck seedCheck = new FieldCheck(this::checkSeed, seedText);
    private final FieldCheck sourceCheck;
    private final List<FieldCheck> checks;
    private final ReadOnlyStringWrapper validation = new ReadOnlyStringWrapper("");

    ParametersViewModel(EngineService engine, StatusLine statusLine) {
        this.engine = engine;
        this.statusLine = statusLine;
        this.source = new SourceViewModel(statusLine::error);
        sourceCheck = new FieldCheck(() -> source.missingFor(mode.get()), mode, source.sourceImageProperty(),
                source.maskImageProperty());
        checks = List.of(widthCheck, heightCheck, stepsCheck, cfgCheck, clipSkipCheck, batchCheck, sourceCheck,
                seedCheck);
        validation.bind(Bindings.createStringBinding(() -> checks.stream().map(c -> c.messageProperty().get())
                .filter(m -> !m.isEmpty()).findFirst().orElse(""),
                checks.stream().map(FieldCheck::messageProperty).toArray(javafx.beans.Observable[]::new)));
        prompt.addListener((obs, old, text) -> promptTokens.set(engine.tokenCounter(text)));
        negativePrompt.addListener((obs, old, text) -> negativeTokens.set(engine.tokenCounter(text)));
    }

    /** The specification's message when a check refuses the value, "" when it accepts it. */
    private static String problem(Runnable check) {
        try {
            check.run();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private String checkSeed() {
        try {
            long seed = Long.parseLong(seedText.get().trim());
            return seed < -1 ? "Seed must be -1 (random) or a number of 0 or more." : "";
        } catch (NumberFormatException e) {
            return "Seed must be a whole number (-1 for random).";
        }
    }

    /** Counts the prompts' tokens again (after another model's tokenizer came in). */
    void refreshTokenCounts() {
        promptTokens.set(engine.tokenCounter(prompt.get()));
        negativeTokens.set(engine.tokenCounter(negativePrompt.get()));
    }

    boolean isValid() {
        return validation.get().isEmpty();
    }

    /** The job these settings describe; only called when {@link #isValid()}. */
    GenerationRequest request() {
        return GenerationRequest.builder(prompt.get()).negativePrompt(negativePrompt.get())
                .steps(steps.get()).cfgScale(cfgScale.get()).seed(Long.parseLong(seedText.get().trim()))
                .sampler(sampler.get()).clipSkip(clipSkip.get()).size(width.get(), height.get())
                .batchSize(batchSize.get()).batchCount(batchCount.get())
                .preview(previewEvery.get(), previewMethod.get()).initImage(source.initImage(mode.get())).build();
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
                statusLine.status("Sampler \"" + name + "\" is not available here; keeping " + sampler.get() + ".");
            }
        });
    }

    /** The dice button: a random seed each run. */
    public void randomSeed() {
        seedText.set("-1");
    }

    void useSeed(long seed) {
        seedText.set(Long.toString(seed));
    }

    public void swapSize() {
        int w = width.get();
        width.set(height.get());
        height.set(w);
    }

    public void setSize(int side) {
        width.set(side);
        height.set(side);
    }

    public StringProperty promptProperty() { return prompt; }
    public StringProperty negativePromptProperty() { return negativePrompt; }
    public ReadOnlyStringProperty promptTokensProperty() { return promptTokens.getReadOnlyProperty(); }
    public ReadOnlyStringProperty negativeTokensProperty() { return negativeTokens.getReadOnlyProperty(); }
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
    public ObjectProperty<Mode> modeProperty() { return mode; }
    /** The source picture, mask and brush of image to image and inpainting. */
    public SourceViewModel source() { return source; }

    public FieldCheck widthCheck() { return widthCheck; }
    public FieldCheck heightCheck() { return heightCheck; }
    public FieldCheck stepsCheck() { return stepsCheck; }
    public FieldCheck cfgCheck() { return cfgCheck; }
    public FieldCheck clipSkipCheck() { return clipSkipCheck; }
    public FieldCheck batchCheck() { return batchCheck; }
    public FieldCheck seedCheck() { return seedCheck; }
    public FieldCheck sourceCheck() { return sourceCheck; }
    /** The first problem of all fields, or "" when the job can run. */
    public ReadOnlyStringProperty validationProperty() { return validation.getReadOnlyProperty(); }
}
