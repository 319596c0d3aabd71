package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One network of the pipeline (text encoder, UNet, VAE half) as an open session, with the declared
 * inputs and outputs at hand so the wrappers can adapt to each export's names, types and shapes.
 */
final class OnnxPart implements AutoCloseable {

    private final OrtRuntime runtime = OrtRuntime.get();
    private final OrtSession session;
    private final Path file;
    private final String role;
    private final Map<String, NodeInfo> inputs;
    private final Map<String, NodeInfo> outputs;
    private final AutoCloseable weights; // a built graph's weights, closed after its session; null otherwise

    private OnnxPart(OrtSession session, Path file, String role, AutoCloseable weights) throws OrtException {
        this.session = session;
        this.file = file;
        this.role = role;
        this.weights = weights;
        this.inputs = session.getInputInfo();
        this.outputs = session.getOutputInfo();
    }

    static OnnxPart open(SessionFactory factory, Path file, String role) throws ModelException {
        OrtSession session = factory.open(file, role);
        try {
            return new OnnxPart(session, file, role, null);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new ModelException("Cannot read the inputs and outputs of the " + role + " (" + file + "): "
                    + e.getMessage(), e);
        }
    }

    /** Wraps a session made from a derived graph; {@code file} is the original it was derived from. */
    static OnnxPart wrap(OrtSession session, Path file, String role) throws ModelException {
        return wrap(session, file, role, null);
    }

    /** Wraps a session of a built graph together with the weights it was given, closed after it. */
    static OnnxPart wrap(OrtSession session, Path file, String role, AutoCloseable weights) throws ModelException {
        try {
            return new OnnxPart(session, file, role, weights);
        } catch (OrtException e) {
            closeQuietly(session);
            closeQuietly(weights);
            throw new ModelException("Cannot read the inputs and outputs of the " + role + " (" + file + "): "
                    + e.getMessage(), e);
        }
    }

    /** Runs the session for {@code outputs}, through the exit gate ({@link OrtRuntime}). */
    OrtSession.Result run(Map<String, ? extends OnnxTensorLike> inputs, Set<String> outputs)
            throws OrtException, ModelException {
        return runtime.call(options -> session.run(inputs, outputs, options));
    }

    /** Runs the session into pre-allocated outputs, through the exit gate. */
    OrtSession.Result runInto(Map<String, ? extends OnnxTensorLike> inputs, Map<String, ? extends OnnxValue> outputs)
            throws OrtException, ModelException {
        return runtime.call(options -> session.run(inputs, Set.of(), outputs, options));
    }

    Path file() {
        return file;
    }

    String role() {
        return role;
    }

    boolean hasInput(String name) {
        return inputs.containsKey(name);
    }

    boolean hasOutput(String name) {
        return outputs.containsKey(name);
    }

    java.util.Set<String> outputNames() {
        return outputs.keySet();
    }

    TensorInfo input(String name) throws ModelException {
        return tensorInfo(inputs, name, "input");
    }

    TensorInfo output(String name) throws ModelException {
        return tensorInfo(outputs, name, "output");
    }

    /** The declared type of a float input or output, which must be float32 or float16. */
    OnnxJavaType floatType(TensorInfo info, String name) throws ModelException {
        if (info.type != OnnxJavaType.FLOAT && info.type != OnnxJavaType.FLOAT16) {
            throw new ModelException("The " + role + " (" + file + ") declares '" + name + "' as " + info.type
                    + "; expected float32 or float16.");
        }
        return info.type;
    }

    /** Fails with a message naming the file when a declared dimension contradicts what we need. */
    void requireRank(TensorInfo info, String name, int rank) throws ModelException {
        if (info.getShape().length != rank) {
            throw new ModelException("The " + role + " (" + file + ") declares '" + name + "' with shape "
                    + Arrays.toString(info.getShape()) + "; expected " + rank + " dimensions.");
        }
    }

    private TensorInfo tensorInfo(Map<String, NodeInfo> infos, String name, String kind) throws ModelException {
        NodeInfo node = infos.get(name);
        if (node == null) {
            throw new ModelException("The " + role + " (" + file + ") has no " + kind + " named '" + name
                    + "' (it has " + infos.keySet() + "). This does not look like a Stable Diffusion "
                    + role + " export; re-export it with diffusers or Optimum.");
        }
        if (!(node.getInfo() instanceof TensorInfo info)) {
            throw new ModelException("The " + role + " (" + file + ") " + kind + " '" + name + "' is not a tensor.");
        }
        return info;
    }

    /** The values of a float32 or float16 output as float32. */
    static float[] floats(ai.onnxruntime.OnnxValue value) throws ModelException {
        if (!(value instanceof ai.onnxruntime.OnnxTensor tensor)) {
            throw new ModelException("Expected a tensor output, got " + value.getType());
        }
        OnnxJavaType type = tensor.getInfo().type;
        if (type == OnnxJavaType.FLOAT) {
            java.nio.FloatBuffer buffer = tensor.getFloatBuffer();
            float[] out = new float[buffer.remaining()];
            buffer.get(out);
            return out;
        }
        if (type == OnnxJavaType.FLOAT16) {
            java.nio.ShortBuffer buffer = tensor.getShortBuffer();
            float[] out = new float[buffer.remaining()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ai.onnxruntime.platform.Fp16Conversions.fp16ToFloat(buffer.get(i));
            }
            return out;
        }
        throw new ModelException("Expected a float32 or float16 output, got " + type);
    }

    private static final Pattern ALLOCATION =
            Pattern.compile("Failed to allocate memory for requested buffer of size (\\d+)");

    /**
     * The user's message for a failed run. Running out of memory (ONNX Runtime's allocator refusing a
     * buffer, typically attention at a large picture size) says how much one buffer needed and what to do.
     */
    ModelException runFailure(String role, OrtException e) {
        return runFailure(role, file, e);
    }

    static ModelException runFailure(String role, Path file, OrtException e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = ALLOCATION.matcher(message);
        if (m.find()) {
            double gib = Double.parseDouble(m.group(1)) / (1L << 30);
            return new ModelException(String.format(java.util.Locale.ROOT, "Not enough memory for the %s at this "
                    + "picture size: one of its buffers alone needs %.1f GB. Attention memory grows with the square "
                    + "of the pixel count, so choose a smaller width and height (the model's own size, e.g. 512x512 "
                    + "for SD 1.5, then upscale) or a smaller batch size.", role, gib), e);
        }
        String first = message.lines().findFirst().orElse(message);
        return new ModelException("The " + role + " (" + file + ") failed: " + first, e);
    }

    @Override
    public void close() {
        closeQuietly(session);
        closeQuietly(weights);
    }

    private static void closeQuietly(AutoCloseable weights) {
        if (weights == null) {
            return;
        }
        try {
            weights.close();
        } catch (Exception e) {
            // Only frees native memory.
        }
    }

    private static void closeQuietly(OrtSession session) {
        OrtRuntime.get().closeQuietly(session);
    }
}
