package org.sandpaint.studio;

import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import org.sandpaint.engine.GenerationRequest;

import java.util.function.Consumer;

/** A waiting job: its prompt, steps and size, and a button that removes it. */
final class QueueCell extends ListCell<GenerationRequest> {

    private final Button remove = new Button("\u2715");

    QueueCell(Consumer<GenerationRequest> onRemove) {
        remove.setOnAction(e -> {
            if (getItem() != null) {
                onRemove.accept(getItem());
            }
        });
    }

    @Override
    protected void updateItem(GenerationRequest r, boolean empty) {
        super.updateItem(r, empty);
        if (empty || r == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        setText("Queued: " + r.prompt() + "  (" + r.steps() + " steps, " + r.width() + "x" + r.height() + ")");
        setGraphic(remove);
    }
}
