package org.sandpaint.studio;

import javafx.scene.Node;
import javafx.scene.input.TransferMode;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Dropping a PNG (ours or the WebUI's) on the window restores the parameters it was made with. */
final class PngDropTarget {

    private PngDropTarget() {
    }

    static void install(Node target, Consumer<Path> dropped) {
        target.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        target.setOnDragDropped(e -> {
            boolean done = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
            if (done) {
                dropped.accept(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }
}
