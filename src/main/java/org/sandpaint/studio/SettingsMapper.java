package org.sandpaint.studio;

import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Sampler;

import java.nio.file.Path;

/** Between the remembered {@link StudioSettings} and the view models' fields, both ways. */
final class SettingsMapper {

    private final ParametersViewModel parameters;
    private final ModelViewModel model;
    private final HistoryViewModel history;

    SettingsMapper(ParametersViewModel parameters, ModelViewModel model, HistoryViewModel history) {
        this.parameters = parameters;
        this.model = model;
        this.history = history;
    }

    /** What to remember for the next start. */
    StudioSettings capture() {
        ParametersViewModel p = parameters;
        return new StudioSettings(model.folder() == null ? null : model.folder().toString(),
                history.outputFolderProperty().get().toString(), p.promptProperty().get(),
                p.negativePromptProperty().get(), p.samplerProperty().get().displayName(), p.stepsProperty().get(),
                p.cfgScaleProperty().get(), p.clipSkipProperty().get(), p.widthProperty().get(),
                p.heightProperty().get(), p.batchCountProperty().get(), p.batchSizeProperty().get(),
                p.seedTextProperty().get(), p.previewEveryProperty().get(), p.previewMethodProperty().get().name(),
                model.deviceProperty().get().toString());
    }

    /** Puts remembered settings back; values that no longer make sense keep the defaults. */
    void apply(StudioSettings s) {
        ParametersViewModel p = parameters;
        p.promptProperty().set(s.prompt() == null ? "" : s.prompt());
        p.negativePromptProperty().set(s.negativePrompt() == null ? "" : s.negativePrompt());
        try {
            p.samplerProperty().set(Sampler.parse(s.sampler()));
        } catch (RuntimeException e) {
            p.samplerProperty().set(Sampler.EULER_A);
        }
        p.stepsProperty().set(s.steps());
        p.cfgScaleProperty().set(s.cfgScale());
        p.clipSkipProperty().set(s.clipSkip());
        p.widthProperty().set(s.width());
        p.heightProperty().set(s.height());
        model.sizedFor(JsonFiles.path(s.modelFolder()).orElse(null));
        p.batchCountProperty().set(s.batchCount());
        p.batchSizeProperty().set(s.batchSize());
        p.seedTextProperty().set(s.seed() == null ? "-1" : s.seed());
        p.previewEveryProperty().set(s.previewEvery());
        try {
            p.previewMethodProperty().set(PreviewMethod.valueOf(s.previewMethod()));
        } catch (RuntimeException e) {
            p.previewMethodProperty().set(PreviewMethod.FULL);
        }
        JsonFiles.path(s.outputFolder()).ifPresent(history.outputFolderProperty()::set);
        try {
            model.deviceProperty().set(s.device() == null ? Device.AUTO : Device.parse(s.device()));
        } catch (IllegalArgumentException e) {
            model.deviceProperty().set(Device.AUTO);
        }
    }

    /** The remembered model folder, when it is still a folder. */
    static java.util.Optional<Path> rememberedModel(StudioSettings s) {
        return JsonFiles.path(s.modelFolder()).filter(java.nio.file.Files::isDirectory);
    }
}
