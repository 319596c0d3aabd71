package org.sandpaint.studio;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The line under the preview that says what is going on, and the red line under it that says what went
 * wrong. Every view model reports through this one object.
 */
public final class StatusLine {

    private final StringProperty status = new SimpleStringProperty("Choose a model folder to start.");
    private final StringProperty error = new SimpleStringProperty("");

    public void status(String text) {
        status.set(text);
    }

    public void error(String text) {
        error.set(text == null ? "" : text);
    }

    /** Clears the error line if it still shows {@code text} (a newer problem stays visible). */
    public void clearError(String text) {
        if (error.get().equals(text)) {
            error.set("");
        }
    }

    public ReadOnlyStringProperty statusProperty() { return status; }
    public ReadOnlyStringProperty errorProperty() { return error; }
}
