package org.sandpaint.studio;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.function.Supplier;

/**
 * One field's validation: what is wrong with it, or "" when nothing is. Recomputed whenever a value it
 * depends on changes; the view draws it next to the field (ControlsFX decoration), as JabRef's validators do.
 */
public final class FieldCheck {

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    FieldCheck(Supplier<String> check, Observable... dependencies) {
        message.bind(Bindings.createStringBinding(check::get, dependencies));
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public boolean isValid() {
        return message.get().isEmpty();
    }
}
