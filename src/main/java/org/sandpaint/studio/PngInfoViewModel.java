package org.sandpaint.studio;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sandpaint.engine.ImageFiles;
import org.sandpaint.engine.Infotext;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The PNG Info panel: any PNG (ours or the WebUI's) with its parameters text, sent to a mode on request. It
 * says beforehand what would not come back (another model, an unknown sampler or key) instead of dropping
 * it silently.
 */
public final class PngInfoViewModel {

    private final ParametersViewModel parameters;
    private final StatusLine statusLine;
    private final Supplier<ModelIdentity> loadedModel;
    private final ReadOnlyObjectWrapper<BufferedImage> picture = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper fileName = new ReadOnlyStringWrapper("Open a PNG to see how it was made.");
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private Path file;

    /** The loaded model as a picture's parameters name it: folder name and short hash ("" until known). */
    record ModelIdentity(String name, String hash) {
    }

    PngInfoViewModel(ParametersViewModel parameters, StatusLine statusLine, Supplier<ModelIdentity> loadedModel) {
        this.parameters = parameters;
        this.statusLine = statusLine;
        this.loadedModel = loadedModel;
    }

    /** Shows a PNG and its parameters; a file that is no picture says so and leaves the panel as it was. */
    public void open(Path png) {
        try {
            BufferedImage image = ImageFiles.loadPicture(png);
            Optional<String> parameters = ImageFiles.readParameters(png);
            file = png;
            picture.set(image);
            fileName.set(png.getFileName() + " (" + image.getWidth() + "x" + image.getHeight() + ")");
            text.set(parameters.orElse(""));
            notes.setAll(parameters.map(t -> check(Infotext.parse(t)))
                    .orElse(List.of("This picture has no generation parameters (no \"parameters\" text in the PNG).")));
        } catch (IOException e) {
            statusLine.error(e.getMessage());
        }
    }

    /** What would not be restored: the model, then what the parameter fields cannot take. */
    private List<String> check(Infotext info) {
        List<String> found = new ArrayList<>();
        ModelIdentity loaded = loadedModel.get();
        String name = info.get("Model").orElse("");
        String hash = info.get("Model hash").orElse("");
        if (!hash.isEmpty() || !name.isEmpty()) {
            String made = (name.isEmpty() ? "a model" : "model " + name) + (hash.isEmpty() ? "" : " (hash " + hash + ")");
            if (loaded == null) {
                found.add("Made with " + made + "; no model is loaded.");
            } else if (!hash.isEmpty() && !loaded.hash().isEmpty() ? !hash.equalsIgnoreCase(loaded.hash())
                    : !name.isEmpty() && !name.equals(loaded.name())) {
                found.add("Made with " + made + ", but the loaded model is " + loaded.name()
                        + (loaded.hash().isEmpty() ? "" : " (hash " + loaded.hash() + ")")
                        + ": the same parameters will give a different picture.");
            }
        }
        found.addAll(dryRun(info));
        return found;
    }

    /** The fields' own notes, found without changing them: applied to a scratch copy of the parameters. */
    private List<String> dryRun(Infotext info) {
        ParametersViewModel scratch = new ParametersViewModel(prompt -> "", new StatusLine());
        return scratch.applyInfotext(info);
    }

    /**
     * The parameters become the fields and the mode {@code target}; for image to image and inpainting the
     * picture becomes the source. The status line says what did not come back.
     */
    public void sendTo(Mode target) {
        if (file == null || text.get().isEmpty()) {
            statusLine.status("Open a PNG with generation parameters first.");
            return;
        }
        parameters.applyInfotext(Infotext.parse(text.get()));
        if (target != Mode.TEXT_TO_IMAGE) {
            parameters.source().openSource(file);
        }
        parameters.modeProperty().set(target);
        statusLine.status("Parameters of " + file.getFileName() + " sent to " + target.toString().toLowerCase(java.util.Locale.ROOT)
                + (notes.isEmpty() ? "." : ". Not restored: " + String.join(" ", notes)));
    }

    public ReadOnlyObjectProperty<BufferedImage> pictureProperty() { return picture.getReadOnlyProperty(); }
    /** The parameters text as stored in the file ("" when it has none). */
    public ReadOnlyStringProperty textProperty() { return text.getReadOnlyProperty(); }
    public ReadOnlyStringProperty fileNameProperty() { return fileName.getReadOnlyProperty(); }
    /** What would not be restored, one sentence each. */
    public ObservableList<String> notes() { return notes; }
}
