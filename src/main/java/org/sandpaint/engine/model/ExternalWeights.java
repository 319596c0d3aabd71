package org.sandpaint.engine.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The weights of a graph built in memory, handed to ONNX Runtime when its session is created. ONNX
 * Runtime may keep using their memory, so they are closed only after the session.
 */
public interface ExternalWeights extends AutoCloseable {

    void addTo(OrtSession.SessionOptions options) throws OrtException;

    /** Called once the session exists: what ONNX Runtime no longer needs by then may go. */
    default void sessionCreated() {
    }

    @Override
    void close();
}
