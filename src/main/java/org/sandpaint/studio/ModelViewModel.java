package org.sandpaint.studio;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.sandpaint.engine.Device;

import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Which model is loaded and on which device. A folder that fails to open leaves the current model loaded
 * and usable; the engine's lifetime itself belongs to the {@link EngineService}.
 */
public final class ModelViewModel {

    private final EngineService engine;
    private final Executor ui;
    private final StatusLine statusLine;
    private final ParametersViewModel parameters;
    private final ObjectProperty<Device> device = new SimpleObjectProperty<>(Device.AUTO);
    private final ReadOnlyObjectWrapper<LoadedModel> loaded = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final StringBinding modelName = Bindings.createStringBinding(
            () -> loaded.get() == null ? "No model loaded" : loaded.get().describe(), loaded);
    private final StringBinding title = Bindings.createStringBinding(
            () -> loaded.get() == null ? "Sandpaint Studio" : "Sandpaint Studio - " + loaded.get().name(), loaded);
    private Path folder;
    /** The model the width and height were last chosen for; a different model resets them to its size. */
    private Path sizedFor;
    private String lastLoadError = "";

    ModelViewModel(EngineService engine, Executor ui, StatusLine statusLine, ParametersViewModel parameters) {
        this.engine = engine;
        this.ui = ui;
        this.statusLine = statusLine;
        this.parameters = parameters;
        device.addListener((obs, old, d) -> {
            if (folder != null && !d.equals(old)) {
                load(folder);
            }
        });
    }

    /** Loads a model folder in the background; the status line says what happened. */
    public void load(Path newFolder) {
        loading.set(true);
        statusLine.status("Loading " + newFolder.getFileName() + "...");
        engine.load(newFolder, device.get()).whenComplete((model, failure) -> ui.execute(() -> {
            loading.set(false);
            if (failure != null) {
                failed(failure);
            } else {
                loaded(newFolder, model);
            }
        }));
    }

    private void failed(Throwable failure) {
        lastLoadError = messageOf(failure);
        statusLine.error(lastLoadError);
        statusLine.status(loaded.get() == null ? "The model could not be loaded."
                : "The model could not be loaded; still using " + loaded.get().describe() + ".");
    }

    private void loaded(Path newFolder, LoadedModel model) {
        folder = newFolder;
        loaded.set(model);
        statusLine.clearError(lastLoadError);
        parameters.refreshTokenCounts();
        statusLine.status(model.cudaFallback().isEmpty() ? "Ready."
                : "Ready. Running on the CPU, CUDA is not available: " + model.cudaFallback());
        if (!newFolder.equals(sizedFor)) {
            parameters.setSize(model.nativeSize());
            statusLine.status("Ready. Size set to " + model.nativeSize() + "x" + model.nativeSize()
                    + ", the size this model was trained at.");
        }
        sizedFor = newFolder;
    }

    /** The folder whose remembered width and height should be kept when it is loaded next. */
    void sizedFor(Path rememberedFolder) {
        sizedFor = rememberedFolder;
    }

    /** The loaded model's folder, or null. */
    Path folder() {
        return folder;
    }

    static String messageOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** Where the next loaded model runs; changing it reloads the current model. */
    public ObjectProperty<Device> deviceProperty() { return device; }
    public ReadOnlyObjectProperty<LoadedModel> loadedProperty() { return loaded.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading; }
    public StringBinding modelNameProperty() { return modelName; }
    /** "Sandpaint Studio - model": the window title when idle, and the tail of it during a run. */
    public StringBinding titleProperty() { return title; }
}
