package org.sandpaint.engine.image;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads and writes the chunk layer of a PNG file: an 8-byte signature, then chunks of
 * {@code length (4 bytes, big-endian) | type (4 ASCII letters) | data | CRC-32 of type and data}, ending with
 * {@code IEND}. Reading checks everything so that damaged files fail with a message that says what is wrong.
 */
final class PngChunks {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The PNG specification caps chunk lengths at 2^31 - 1. */
    private static final long MAX_CHUNK_LENGTH = Integer.MAX_VALUE;

    record Chunk(String type, byte[] data) {
    }

    private PngChunks() {
    }

    /**
     * All chunks up to and including IEND.
     *
     * @param totalBytes the size of the whole stream, so that a length field larger than what is left is
     *                   reported as truncation instead of allocating a huge buffer
     * @param source     the file name for error messages
     */
    static List<Chunk> readAll(InputStream stream, long totalBytes, String source) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] signature = new byte[SIGNATURE.length];
        int got = in.readNBytes(signature, 0, signature.length);
        if (got < signature.length || !Arrays.equals(signature, SIGNATURE)) {
            throw new IOException(source + " is not a PNG file (it does not start with the PNG signature);"
                    + " choose a .png image");
        }
        long remaining = totalBytes - SIGNATURE.length;
        List<Chunk> chunks = new ArrayList<>();
        try {
            while (true) {
                long length = Integer.toUnsignedLong(in.readInt());
                byte[] typeBytes = in.readNBytes(4);
                if (typeBytes.length < 4) {
                    throw new EOFException();
                }
                String type = new String(typeBytes, StandardCharsets.ISO_8859_1);
                remaining -= 8;
                if (length > MAX_CHUNK_LENGTH || length + 4 > remaining) {
                    throw new IOException(source + " is truncated or corrupt: chunk " + type + " declares "
                            + length + " bytes but only " + Math.max(0, remaining - 4) + " remain");
                }
                byte[] data = new byte[(int) length];
                in.readFully(data);
                long storedCrc = Integer.toUnsignedLong(in.readInt());
                remaining -= length + 4;
                if (storedCrc != crc(typeBytes, data)) {
                    throw new IOException(source + " is corrupt: the CRC of chunk " + type + " does not match");
                }
                chunks.add(new Chunk(type, data));
                if (type.equals("IEND")) {
                    return chunks;
                }
            }
        } catch (EOFException e) {
            throw new IOException(source + " is truncated: it ends before the IEND chunk", e);
        }
    }

    static void write(OutputStream stream, Chunk chunk) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        byte[] type = chunk.type().getBytes(StandardCharsets.ISO_8859_1);
        out.writeInt(chunk.data().length);
        out.write(type);
        out.write(chunk.data());
        out.writeInt((int) crc(type, chunk.data()));
        out.flush();
    }

    private static long crc(byte[] type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        return crc.getValue();
    }
}
