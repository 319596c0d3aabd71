package org.sandpaint.engine.checkpoint.graph;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtSession;
import org.sandpaint.engine.model.ExternalWeights;
import org.sandpaint.engine.ModelException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A built graph's weights written once as float32 to a temporary ONNX external-data file, which ONNX Runtime
 * maps like an exported model's {@code model.onnx_data}. Unlike handing ONNX Runtime in-memory initializers (whose buffers this ONNX
 * Runtime copies when the session is created, so a model briefly lives twice in memory), the process never
 * holds more than one tensor of its own: peak memory stays that of an ONNX folder. Offsets are aligned to
 * 64 KiB so that ONNX Runtime can map rather than read them on every platform. The file is deleted as soon
 * as the session exists (Windows keeps a mapped file until the session closes).
 */
public final class WeightFile implements ExternalWeights {

    private static final long ALIGNMENT = 64 * 1024;

    private final Path file;
    private final byte[] model;

    private WeightFile(Path file, byte[] model) {
        this.file = file;
        this.model = model;
    }

    /** Writes every weight {@code graph} declared, read from {@code source}, into a new file in {@code dir}. */
    public static WeightFile write(GraphBuilder graph, WeightSource source, Path dir) throws ModelException {
        Path file = null;
        try {
            file = Files.createTempFile(dir, "sandpaint-weights-", ".onnx_data");
            Map<String, long[]> placed = new HashMap<>();
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                long offset = 0;
                for (WeightSlot slot : graph.weights().values()) {
                    float[] values = source.values(slot.key());
                    if (values.length != slot.elementCount()) {
                        throw new ModelException("Weight " + slot.key() + " has " + values.length + " values; the "
                                + "network built for it needs " + slot.elementCount() + ". The file does not match "
                                + "the architecture it was detected as (use a .yaml config beside it to say what it is).");
                    }
                    ByteBuffer bytes = graphLayout(values, slot);
                    long length = bytes.remaining();
                    for (long position = offset; bytes.hasRemaining(); ) {
                        position += out.write(bytes, position);
                    }
                    placed.put(slot.key(), new long[]{offset, length});
                    offset = (offset + length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
                }
            }
            return new WeightFile(file, relocate(graph.build(), file.getFileName().toString(), placed));
        } catch (IOException e) {
            deleteQuietly(file);
            throw new ModelException("Cannot unpack the model's weights into " + dir + " (" + e.getMessage()
                    + "). Free some disk space there: a model needs about twice its file size while it loads.", e);
        } catch (ModelException | RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /** The graph, its initializers now pointing into the file. */
    public byte[] model() {
        return model;
    }

    @Override
    public void addTo(OrtSession.SessionOptions options) throws ai.onnxruntime.OrtException {
        options.addConfigEntry("session.model_external_initializers_file_folder_path",
                file.toAbsolutePath().getParent().toString());
    }

    /**
     * ONNX Runtime has mapped or read the file by now; where the system allows it (not Windows, while mapped)
     * the name goes at once, so no multi-gigabyte file is left behind if Sandpaint is killed.
     */
    @Override
    public void sessionCreated() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Still mapped: close() tries again.
        }
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    private static ByteBuffer graphLayout(float[] values, WeightSlot slot) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        if (!slot.transposed()) {
            bytes.asFloatBuffer().put(values);
        } else {
            // Stored [out, in]; the graph reads [in, out].
            long[] shape = slot.graphShape();
            int in = (int) shape[0];
            int out = (int) shape[1];
            var floats = bytes.asFloatBuffer();
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    floats.put(values[o * in + i]);
                }
            }
        }
        return bytes;
    }

    private static byte[] relocate(ModelProto model, String location, Map<String, long[]> placed) {
        ModelProto.Builder builder = model.toBuilder();
        var graph = builder.getGraphBuilder();
        for (TensorProto.Builder t : graph.getInitializerBuilderList()) {
            long[] at = placed.get(t.getName());
            if (at == null || t.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
                continue;
            }
            t.clearExternalData()
                    .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                    .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(Long.toString(at[0])))
                    .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(Long.toString(at[1])));
        }
        return builder.build().toByteArray();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit(); // still mapped (Windows): remove it when Sandpaint exits
        }
    }
}
