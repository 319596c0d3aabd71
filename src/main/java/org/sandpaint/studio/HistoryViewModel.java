package org.sandpaint.studio;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.ImageFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The saved pictures: where they go, the history strip's entries, and what can be done with one (show it,
 * reuse it as a source, delete it).
 */
public final class HistoryViewModel {

    private final History history;
    private final Executor ui;
    private final StatusLine statusLine;
    private final ParametersViewModel parameters;
    private final Consumer<BufferedImage> preview;
    private final ObjectProperty<Path> outputFolder = new SimpleObjectProperty<>();
    private final ObservableList<History.Entry> entries = FXCollections.observableArrayList();

    HistoryViewModel(History history, Path outputFolder, Executor ui, StatusLine statusLine,
                     ParametersViewModel parameters, Consumer<BufferedImage> preview) {
        this.history = history;
        this.ui = ui;
        this.statusLine = statusLine;
        this.parameters = parameters;
        this.preview = preview;
        this.outputFolder.set(outputFolder);
        entries.setAll(history.entries());
    }

    /**
     * Saves a finished picture (PNG with its parameters, never over another file) and adds it to the
     * history. Called on the engine's thread as soon as the picture is decoded: no disk work on the UI
     * thread, and nothing finished is lost when the batch stops later.
     */
    void save(GeneratedImage image) {
        Path folder = outputFolder.get();
        try {
            Path file = ImageFiles.savePng(image.image(), image.infotext(), folder.resolve(image.seed() + ".png"));
            History.Entry entry = new History.Entry(file.toString(), image.infotext().format(), System.currentTimeMillis());
            try {
                history.add(entry);
            } catch (IOException e) {
                ui.execute(() -> {
                    entries.add(entry);
                    statusLine.error("The picture is saved as " + file + ", but the history could not be updated: "
                            + e.getMessage());
                });
                return;
            }
            // The stored list may hold pictures another studio on this data folder added meanwhile.
            var merged = history.entries();
            ui.execute(() -> entries.setAll(merged));
        } catch (IOException e) {
            ui.execute(() -> statusLine.error("The picture could not be saved in " + folder + ": " + e.getMessage()
                    + ". Choose another output folder; the picture stays in the preview."));
        }
    }

    /** Shows a history picture in the preview. */
    public void show(History.Entry entry) {
        try {
            BufferedImage picture = javax.imageio.ImageIO.read(Path.of(entry.file()).toFile());
            if (picture == null) {
                throw new IOException("not a picture");
            }
            preview.accept(picture);
        } catch (IOException e) {
            statusLine.error("Cannot open " + entry.file() + ": " + e.getMessage());
        }
    }

    /** Deletes a history picture from the disk and the list. */
    public void delete(History.Entry entry) {
        try {
            history.delete(entry);
            entries.setAll(history.entries());
        } catch (IOException e) {
            statusLine.error("Cannot delete " + entry.file() + ": " + e.getMessage());
        }
    }

    /** "Reuse parameters": the picture's parameters become the fields. */
    public void reuse(History.Entry entry) {
        parameters.applyInfotext(Infotext.parse(entry.parameters()));
    }

    /** "Send to img2img / inpaint": a history picture becomes the source, its parameters the fields. */
    public void sendTo(History.Entry entry, Mode target) {
        parameters.source().openSource(Path.of(entry.file()));
        reuse(entry);
        parameters.modeProperty().set(target);
    }

    public ObjectProperty<Path> outputFolderProperty() { return outputFolder; }
    public ObservableList<History.Entry> entries() { return entries; }
}
