package org.sandpaint.engine;

/**
 * A model folder or model file that cannot be used. The message is written for the user: it names the
 * file and says what was expected and what to do.
 */
public class ModelException extends Exception {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
