package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;

import ai.onnxruntime.OrtSession;

import java.nio.file.Path;

/**
 * Wraps networks whose graphs were built in memory (from a single-file checkpoint) in the same classes
 * the ONNX folders use, so the pipeline does not care where a network came from. Each network owns its
 * weights and closes them after its session.
 */
public final class BuiltNetworks {

    private final SessionFactory sessions;
    private final Path source;

    /** @param source the file the weights come from, named in messages */
    public BuiltNetworks(SessionFactory sessions, Path source) {
        this.sessions = sessions;
        this.source = source;
    }

    public Unet unet(byte[] graph, ExternalWeights weights) throws ModelException {
        return new Unet(part(graph, weights, "UNet"), sessions.environment());
    }

    public VaeDecoder vaeDecoder(byte[] graph, ExternalWeights weights) throws ModelException {
        return new VaeDecoder(part(graph, weights, "VAE decoder"), sessions.environment());
    }

    public VaeEncoder vaeEncoder(byte[] graph, ExternalWeights weights) throws ModelException {
        return new VaeEncoder(part(graph, weights, "VAE encoder"), sessions.environment());
    }

    /** A bare session for networks with their own wrapper (the checkpoint text encoder). */
    public OrtSession session(byte[] graph, ExternalWeights weights, String role) throws ModelException {
        return sessions.openBuilt(graph, weights, source, role);
    }

    private OnnxPart part(byte[] graph, ExternalWeights weights, String role) throws ModelException {
        OrtSession session;
        try {
            session = sessions.openBuilt(graph, weights, source, role);
        } catch (ModelException | RuntimeException e) {
            weights.close();
            throw e;
        }
        return OnnxPart.wrap(session, source, role, weights);
    }
}
