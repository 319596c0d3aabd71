package org.sandpaint.studio;

import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;
import org.sandpaint.engine.Inpaint;

import java.util.function.Function;

/** Words a person reads in the drop-downs, never enum names (the WebUI's words where it has them). */
final class Labels {

    private Labels() {
    }

    static <T> void readable(ComboBox<T> box, Function<T, String> label) {
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String text) {
                return box.getItems().stream().filter(v -> label.apply(v).equals(text)).findFirst().orElse(null);
            }
        });
    }

    /** "original", "latent noise": as the WebUI's "Masked content" choices read. */
    static String of(Inpaint.MaskedContent content) {
        return content.displayName();
    }

    /** "Whole picture", "Only masked": as the WebUI's "Inpaint area" choices read. */
    static String of(Inpaint.Area area) {
        return area.displayName();
    }
}
