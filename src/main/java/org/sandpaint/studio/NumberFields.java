package org.sandpaint.studio;

import org.sandpaint.engine.Parameters;
import javafx.beans.property.IntegerProperty;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/**
 * The number fields (spinners, and sliders beside them) bound to the view models' integer properties. A
 * number typed into a field counts as soon as the field loses focus or Ctrl+Enter generates (see
 * {@link #commitEditing}), and text that is no number puts the field back to its value instead of throwing.
 */
final class NumberFields {

    private NumberFields() {
    }

    static Spinner<Integer> spinner(String id, int min, int max, IntegerProperty value) {
        IntegerSpinnerValueFactory factory = new IntegerSpinnerValueFactory(min, max, value.get());
        factory.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer number) {
                return number == null ? "" : number.toString();
            }

            @Override
            public Integer fromString(String text) {
                try {
                    return Integer.valueOf(text.trim());
                } catch (NumberFormatException e) {
                    return factory.getValue(); // not a number: keep the value, commit() shows it again
                }
            }
        });
        Spinner<Integer> spinner = new Spinner<>(factory);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(80);
        factory.valueProperty().addListener((obs, old, v) -> value.set(v));
        value.addListener((obs, old, v) -> factory.setValue(v.intValue()));
        spinner.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                commit(spinner);
            }
        });
        return spinner;
    }

    static Spinner<Integer> sizeSpinner(String id, IntegerProperty value) {
        Spinner<Integer> spinner = spinner(id, Parameters.WIDTH.min(), Parameters.WIDTH.max(), value);
        spinner.setPrefWidth(100);
        ((IntegerSpinnerValueFactory) spinner.getValueFactory()).setAmountToStepBy(Parameters.WIDTH.step());
        return spinner;
    }

    /** A slider for quick changes beside a spinner for exact ones; {@code check} is drawn on the spinner. */
    static HBox sliderWithSpinner(String id, int min, int max, IntegerProperty value, FieldCheck check) {
        Slider slider = new Slider(min, max, value.get());
        slider.setId(id + "Slider");
        slider.setMajorTickUnit(1);
        slider.setSnapToTicks(true);
        slider.setBlockIncrement(1);
        slider.valueProperty().addListener((obs, old, v) -> value.set((int) Math.round(v.doubleValue())));
        value.addListener((obs, old, v) -> slider.setValue(v.intValue()));
        Spinner<Integer> spinner = spinner(id, min, max, value);
        FieldDecorations.show(spinner, check);
        HBox.setHgrow(slider, Priority.ALWAYS);
        return new HBox(6, slider, spinner);
    }

    /** Takes the text typed into the number field that has the focus (if one has), as Enter would. */
    static void commitEditing(Node focusOwner) {
        for (Node n = focusOwner; n != null; n = n.getParent()) {
            if (n instanceof Spinner<?> spinner) {
                commit(spinner);
                return;
            }
        }
    }

    private static void commit(Spinner<?> spinner) {
        if (!spinner.isEditable() || spinner.getValueFactory() == null) {
            return;
        }
        spinner.commitValue();
        // Shows the value the field holds now: the same text, or the old value when the text was no number.
        spinner.cancelEdit();
    }
}
