package org.sandpaint.engine;

/** An on/off parameter; the infotext names it only when it is on. */
public record FlagParameter(String name, String label, String infotextKey, boolean defaultValue) implements Parameter {

    @Override
    public String defaultText() {
        return Boolean.toString(defaultValue);
    }
}
