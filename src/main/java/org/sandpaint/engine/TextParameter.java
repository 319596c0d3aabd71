package org.sandpaint.engine;

/** A free-text parameter: the prompts. */
public record TextParameter(String name, String label, String infotextKey, String defaultValue) implements Parameter {

    @Override
    public String defaultText() {
        return defaultValue;
    }
}
