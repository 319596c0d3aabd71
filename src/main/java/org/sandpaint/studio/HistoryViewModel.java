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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * The saved pictures: where they go, the history strip's entries, and what can be done with one (show it,
 * reuse it as a source, delete it).
 */
public final class HistoryViewModel {

    /** Where a history picture goes to be seen: the preview, with its parameters below. */
    interface Shown {
        void show(BufferedImage picture, String parameters);
    }

    /** The folder inside the output folder that deleted pictures move to. */
    static final String TRASH = ".trash";

    private final History history;
    private final Executor ui;
    private final StatusLine statusLine;
    private final ParametersViewModel parameters;
    private final Shown preview;
    private final ObjectProperty<Path> outputFolder = new SimpleObjectProperty<>();
    private final ObservableList<History.Entry> entries = FXCollections.observableArrayList();
    private final javafx.beans.property.ReadOnlyBooleanWrapper canUndo = new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    /** The last deleted entry and where its file went, for Undo. */
    private History.Entry deleted;
    private Path trashed;

    HistoryViewModel(History history, Path outputFolder, Executor ui, StatusLine statusLine,
                     ParametersViewModel parameters, Shown preview) {
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
        save(image, image.seed() + ".png");
    }

    /** Saves an X/Y/Z plot's grid as xyz-grid.png (or the next free name) and adds it to the history. */
    void saveGrid(GeneratedImage grid) {
        save(grid, "xyz-grid.png");
    }

    private void save(GeneratedImage image, String name) {
        Path folder = outputFolder.get();
        try {
            Path file = ImageFiles.savePng(image.image(), image.infotext(), folder.resolve(name));
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
            preview.show(picture, entry.parameters());
        } catch (IOException e) {
            statusLine.error("Cannot open " + entry.file() + ": " + e.getMessage());
        }
    }

    /**
     * Deletes a history picture: the entry leaves the history and the file moves into {@code .trash} in its
     * folder (the output folder), from where {@link #undoDelete} brings both back. Nothing is erased.
     */
    public void delete(History.Entry entry) {
        Path file = Path.of(entry.file());
        try {
            Path moved = null;
            if (Files.exists(file)) {
                Path trash = file.toAbsolutePath().getParent().resolve(TRASH);
                Files.createDirectories(trash);
                moved = Files.move(file, unused(trash.resolve(file.getFileName())));
            }
            history.remove(entry);
            entries.setAll(history.entries());
            deleted = entry;
            trashed = moved;
            canUndo.set(true);
            statusLine.status("Deleted " + file.getFileName() + " from the history"
                    + (moved == null ? " (its file was already gone)." : "; the file is in " + moved.getParent() + ".")
                    + " Undo brings it back.");
        } catch (IOException e) {
            statusLine.error("Cannot delete " + entry.file() + ": " + e.getMessage());
        }
    }

    /** Brings the last deleted picture back: its file to where it was (or beside it) and its history entry. */
    public void undoDelete() {
        if (deleted == null) {
            return;
        }
        try {
            Path target = Path.of(deleted.file());
            History.Entry entry = deleted;
            if (trashed != null) {
                Path back = Files.move(trashed, unused(target));
                entry = new History.Entry(back.toString(), deleted.parameters(), deleted.createdMillis());
            }
            history.add(entry);
            entries.setAll(history.entries());
            statusLine.status("Restored " + Path.of(entry.file()).getFileName() + " to the history.");
            deleted = null;
            trashed = null;
            canUndo.set(false);
        } catch (IOException e) {
            statusLine.error("Cannot restore " + deleted.file() + ": " + e.getMessage());
        }
    }

    /** {@code file}, or "name-2.png", "name-3.png"... when it is taken. */
    private static Path unused(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        String ext = dot < 0 ? "" : name.substring(dot);
        Path candidate = file;
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = file.resolveSibling(stem + "-" + i + ext);
        }
        return candidate;
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
    /** Whether the last delete can be undone. */
    public javafx.beans.property.ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }
    public ObservableList<History.Entry> entries() { return entries; }
}
