package org.sandpaint.engine;

import java.util.Arrays;
import java.util.List;

/** A parameter picked from a list (sampler, resize mode, ...); the choices are the enum's constants. */
public record ChoiceParameter<E extends Enum<E>>(String name, String label, String infotextKey, E defaultValue)
        implements Parameter {

    public List<E> choices() {
        return Arrays.asList(defaultValue.getDeclaringClass().getEnumConstants());
    }

    /** The choices as a person reads them: "Automatic, Uniform, Karras". */
    @Override
    public String rangeText() {
        return String.join(", ", choices().stream().map(Object::toString).toList());
    }

    @Override
    public String defaultText() {
        return defaultValue.toString();
    }
}
