package org.sandpaint.engine.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes small {@code .safetensors} files for tests, including deliberately broken ones. */
final class SafetensorsWriter {

    private final ObjectNode header = new ObjectMapper().createObjectNode();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    SafetensorsWriter f32(String name, long[] shape, float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return raw(name, "F32", shape, bytes.array());
    }

    SafetensorsWriter f16(String name, long[] shape, float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putShort(ai.onnxruntime.platform.Fp16Conversions.floatToFp16(v));
        }
        return raw(name, "F16", shape, bytes.array());
    }

    SafetensorsWriter bf16(String name, long[] shape, float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putShort((short) (Float.floatToIntBits(v) >>> 16));
        }
        return raw(name, "BF16", shape, bytes.array());
    }

    /** A tensor entry with the given bytes at the current end of the data, whatever the dtype says. */
    SafetensorsWriter raw(String name, String dtype, long[] shape, byte[] bytes) {
        int begin = data.size();
        data.writeBytes(bytes);
        return entry(name, dtype, shape, begin, data.size());
    }

    /** A header entry with explicit offsets (for overlapping or out-of-range cases). */
    SafetensorsWriter entry(String name, String dtype, long[] shape, long begin, long end) {
        ObjectNode node = header.putObject(name);
        node.put("dtype", dtype);
        var shapeNode = node.putArray("shape");
        for (long d : shape) {
            shapeNode.add(d);
        }
        node.putArray("data_offsets").add(begin).add(end);
        return this;
    }

    SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    byte[] bytes() {
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        return withHeader(header.toString());
    }

    /** A file with this header text (valid or not) and the data written so far. */
    byte[] withHeader(String headerJson) {
        byte[] json = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(data.toByteArray());
        return out.array();
    }

    Path write(Path file) throws IOException {
        return Files.write(file, bytes());
    }
}
