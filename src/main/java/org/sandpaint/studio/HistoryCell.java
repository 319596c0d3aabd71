package org.sandpaint.studio;

import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;

import java.nio.file.Path;

/** A thumbnail in the history strip, with "reuse parameters", "open folder" and "delete". */
final class HistoryCell extends ListCell<History.Entry> {

    private final HistoryViewModel vm;
    private final ImageView thumbnail = new ImageView();

    HistoryCell(HistoryViewModel vm) {
        this.vm = vm;
        thumbnail.setFitWidth(72);
        thumbnail.setFitHeight(72);
        thumbnail.setPreserveRatio(true);
    }

    @Override
    protected void updateItem(History.Entry entry, boolean empty) {
        super.updateItem(entry, empty);
        if (empty || entry == null) {
            setGraphic(null);
            setTooltip(null);
            setContextMenu(null);
            return;
        }
        // Loaded in the background and scaled on load, so long histories stay light.
        thumbnail.setImage(new Image(Path.of(entry.file()).toUri().toString(), 72, 72, true, true, true));
        setGraphic(thumbnail);
        setTooltip(new Tooltip(entry.parameters()));
        MenuItem reuse = new MenuItem("Reuse parameters");
        reuse.setOnAction(e -> vm.reuse(entry));
        MenuItem toImg2img = new MenuItem("Send to image to image");
        toImg2img.setOnAction(e -> vm.sendTo(entry, Mode.IMAGE_TO_IMAGE));
        MenuItem toInpaint = new MenuItem("Send to inpaint");
        toInpaint.setOnAction(e -> vm.sendTo(entry, Mode.INPAINT));
        MenuItem open = new MenuItem("Open folder");
        open.setOnAction(e -> openFolder(Path.of(entry.file()).getParent()));
        MenuItem delete = new MenuItem("Delete");
        delete.setOnAction(e -> vm.delete(entry));
        setContextMenu(new ContextMenu(reuse, toImg2img, toInpaint, open, delete));
    }

    private static void openFolder(Path folder) {
        // Desktop.open blocks on some systems; it runs off the UI thread.
        new Thread(() -> {
            try {
                java.awt.Desktop.getDesktop().open(folder.toFile());
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(HistoryCell.class).warn("Cannot open {}: {}", folder, e.getMessage());
            }
        }, "open-folder").start();
    }
}
