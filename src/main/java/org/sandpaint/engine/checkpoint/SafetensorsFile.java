package org.sandpaint.engine.checkpoint;

import ai.onnxruntime.platform.Fp16Conversions;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sandpaint.engine.ModelException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@code .safetensors} file, opened for reading: the header is parsed and checked once, and tensor bytes
 * are memory-mapped on request, so a multi-gigabyte checkpoint costs nothing until its tensors are used.
 * The format is an 8-byte little-endian header length, a JSON header, then the raw little-endian data.
 * Every inconsistency a damaged or hostile file can have is refused here with a message naming the file.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** The reference implementation refuses headers above 100 MB; so do we. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    /** A real header is two levels deep; anything much deeper is damage or an attack on the parser. */
    private static final int MAX_NESTING = 16;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build());

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorEntry> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path file, FileChannel channel, long dataStart, Map<String, TensorEntry> tensors,
                            Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    public static SafetensorsFile open(Path file) throws ModelException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelException("There is no file " + file + ". Check the path.", e);
        } catch (AccessDeniedException e) {
            throw new ModelException("Sandpaint may not read " + file + ": permission denied. Check the file's "
                    + "permissions.", e);
        } catch (IOException | RuntimeException e) {
            throw new ModelException("Cannot open " + file + ": " + e.getMessage(), e);
        }
        try {
            return read(file, channel);
        } catch (ModelException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ModelException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static SafetensorsFile read(Path file, FileChannel channel) throws IOException, ModelException {
        long size = channel.size();
        if (size < 8) {
            throw damaged(file, "it is only " + size + " bytes long, shorter than the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0);
        long headerLength = lengthBytes.flip().getLong();
        if (headerLength <= 0 || headerLength > size - 8) {
            throw damaged(file, "its header claims " + Long.toUnsignedString(headerLength) + " bytes but the file has only "
                    + (size - 8) + " after the length");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw damaged(file, "its header is " + headerLength + " bytes long, more than the "
                    + MAX_HEADER_BYTES + " bytes a safetensors header may have");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, 8);
        JsonNode header;
        try {
            header = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw damaged(file, "its header is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (header == null || !header.isObject()) {
            throw damaged(file, "its header is not a JSON object");
        }
        long dataLength = size - 8 - headerLength;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorEntry> tensors = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("__metadata__")) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                tensors.put(field.getKey(), readEntry(file, field.getKey(), field.getValue(), dataLength));
            }
        }
        checkNoOverlap(file, tensors.values());
        return new SafetensorsFile(file, channel, 8 + headerLength, Collections.unmodifiableMap(tensors),
                Collections.unmodifiableMap(metadata));
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> into) throws ModelException {
        if (!node.isObject()) {
            throw damaged(file, "its __metadata__ is not a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw damaged(file, "its __metadata__ value '" + entry.getKey() + "' is not a string");
            }
            into.put(entry.getKey(), entry.getValue().textValue());
        }
    }

    private static TensorEntry readEntry(Path file, String name, JsonNode node, long dataLength)
            throws ModelException {
        if (!node.isObject() || !node.path("dtype").isTextual() || !node.path("shape").isArray()
                || !node.path("data_offsets").isArray() || node.path("data_offsets").size() != 2) {
            throw damaged(file, "the header entry of tensor '" + name + "' lacks dtype, shape or data_offsets");
        }
        String typeName = node.get("dtype").textValue();
        DType dtype = DType.parse(typeName).orElseThrow(() -> new ModelException(file + " holds tensor '" + name
                + "' of type " + typeName + ", which Sandpaint cannot read. Use a version of the file saved in "
                + "F32, F16 or BF16."));
        long[] shape = new long[node.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = nonNegative(file, name, "shape", node.get("shape").get(i));
        }
        long begin = nonNegative(file, name, "data_offsets", node.get("data_offsets").get(0));
        long end = nonNegative(file, name, "data_offsets", node.get("data_offsets").get(1));
        if (begin > end || end > dataLength) {
            throw damaged(file, "tensor '" + name + "' lies at bytes " + begin + "-" + end
                    + " but the data section has " + dataLength + " bytes (the file is truncated?)");
        }
        TensorEntry entry = new TensorEntry(name, dtype, shape, begin, end);
        long expected;
        try {
            expected = Math.multiplyExact(entry.elementCount(), dtype.bytes());
        } catch (ArithmeticException e) {
            throw damaged(file, "tensor '" + name + "' has an impossible shape " + entry);
        }
        if (expected != end - begin) {
            throw damaged(file, "tensor " + entry + " needs " + expected + " bytes but its data holds "
                    + (end - begin));
        }
        return entry;
    }

    private static long nonNegative(Path file, String name, String field, JsonNode value) throws ModelException {
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            throw damaged(file, "tensor '" + name + "' has a " + field + " value that is not a whole number of 0 "
                    + "or more: " + value);
        }
        return value.longValue();
    }

    private static void checkNoOverlap(Path file, Iterable<TensorEntry> entries) throws ModelException {
        List<TensorEntry> sorted = new ArrayList<>();
        entries.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        for (int i = 1; i < sorted.size(); i++) {
            TensorEntry previous = sorted.get(i - 1);
            TensorEntry next = sorted.get(i);
            if (next.begin() < previous.end() && next.byteCount() > 0 && previous.byteCount() > 0) {
                throw damaged(file, "tensors '" + previous.name() + "' and '" + next.name() + "' overlap");
            }
        }
    }

    public Path file() {
        return file;
    }

    /** The header's {@code __metadata__} (string to string), empty when it has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Every tensor, by name, sorted. */
    public Map<String, TensorEntry> tensors() {
        return tensors;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    public Optional<TensorEntry> entry(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** The entry of a tensor the caller cannot do without; missing, it is a damaged or foreign file. */
    public TensorEntry require(String name) throws ModelException {
        TensorEntry entry = tensors.get(name);
        if (entry == null) {
            throw new ModelException(file + " has no tensor '" + name + "'. It is not the kind of model it seems "
                    + "to be, or it is incomplete.");
        }
        return entry;
    }

    /** The tensor's raw bytes, little-endian, memory-mapped read-only. */
    public ByteBuffer bytes(TensorEntry entry) throws ModelException {
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + entry.begin(), entry.byteCount())
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ModelException("Cannot read tensor '" + entry.name() + "' of " + file + ": " + e.getMessage(), e);
        }
    }

    /** A floating-point tensor's values widened (or narrowed, for F64) to float32. */
    public float[] floats(TensorEntry entry) throws ModelException {
        if (!entry.dtype().isFloat()) {
            throw new ModelException(file + ": tensor " + entry + " holds " + entry.dtype()
                    + " values where floating-point weights were expected. The file is not a model of this kind.");
        }
        ByteBuffer data = bytes(entry);
        float[] out = new float[Math.toIntExact(entry.elementCount())];
        switch (entry.dtype()) {
            case F32 -> data.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) data.getDouble(i * 8);
                }
            }
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Fp16Conversions.fp16ToFloat(data.getShort(i * 2));
                }
            }
            case BF16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((data.getShort(i * 2) & 0xFFFF) << 16);
                }
            }
            default -> throw new IllegalStateException("not a float type: " + entry.dtype());
        }
        return out;
    }

    public float[] floats(String name) throws ModelException {
        return floats(require(name));
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static ModelException damaged(Path file, String what) {
        return new ModelException(file + " is not a usable .safetensors file: " + what
                + ". Download it again, or check that it is a .safetensors file.");
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position + into.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written; a failed close loses nothing.
        }
    }
}
