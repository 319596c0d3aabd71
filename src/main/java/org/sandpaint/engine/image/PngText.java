package org.sandpaint.engine.image;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * PNG text chunks ({@code parameters} and friends) written beside the image and read back from any PNG.
 * Like the WebUI (through Pillow), a value goes in a plain {@code tEXt} chunk when it is Latin-1 encodable and
 * in an uncompressed UTF-8 {@code iTXt} chunk otherwise; reading accepts {@code tEXt}, {@code zTXt} and
 * {@code iTXt}, compressed or not.
 */
public final class PngText {

    /** Guards against a tiny compressed chunk that inflates to gigabytes. */
    private static final int MAX_INFLATED_BYTES = 16 << 20;

    private PngText() {
    }

    /**
     * Encodes {@code image} as PNG with {@code text} as text chunks (in map order, before the image data so
     * readers that stop early still see them) and writes it to {@code file}, replacing what is there;
     * atomically, so a failure (a full disk) leaves no truncated picture.
     *
     * @throws IllegalArgumentException when a key is not 1 to 79 Latin-1 characters, or a key or value holds
     *                                  a NUL character (the PNG format forbids both)
     */
    public static void write(BufferedImage image, Map<String, String> text, Path file) throws IOException {
        OutputFiles.writeAtomically(file, out -> encode(image, text, out));
    }

    /** Encodes {@code image} as PNG with {@code text} chunks (see {@link #write}) onto {@code target}. */
    public static void encode(BufferedImage image, Map<String, String> text, OutputStream target) throws IOException {
        target.write(encode(image, text));
    }

    /** The PNG bytes {@link #write} would store: for front ends that send pictures instead of saving them. */
    public static byte[] encode(BufferedImage image, Map<String, String> text) throws IOException {
        List<PngChunks.Chunk> textChunks = text.entrySet().stream()
                .map(e -> textChunk(e.getKey(), e.getValue()))
                .toList();

        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        // In memory: ImageIO's default stream caches in a temporary file and registers a shutdown hook for it,
        // which fails while the JVM shuts down (a server answering its last request).
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(encoded)) {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IOException("No PNG encoder accepts this image type (" + image.getType()
                        + "); convert it to TYPE_INT_RGB or TYPE_INT_ARGB first");
            }
        }
        byte[] png = encoded.toByteArray();
        List<PngChunks.Chunk> chunks =
                PngChunks.readAll(new ByteArrayInputStream(png), png.length, "the encoded image");

        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 1024);
        out.write(PngChunks.SIGNATURE);
        boolean textWritten = false;
        for (PngChunks.Chunk chunk : chunks) {
            if (!textWritten && chunk.type().equals("IDAT")) {
                for (PngChunks.Chunk textChunk : textChunks) {
                    PngChunks.write(out, textChunk);
                }
                textWritten = true;
            }
            PngChunks.write(out, chunk);
        }
        return out.toByteArray();
    }

    /**
     * The text chunks of a PNG, in file order (a repeated key keeps its last value).
     *
     * @throws IOException when the file is not a PNG, is truncated or corrupt (bad CRC), or a text chunk is
     *                     malformed; the message names the file and the problem
     */
    public static Map<String, String> read(Path file) throws IOException {
        List<PngChunks.Chunk> chunks;
        try (InputStream in = Files.newInputStream(file)) {
            chunks = PngChunks.readAll(new BufferedInputStream(in), Files.size(file), file.toString());
        }
        return textOf(chunks, file);
    }

    /** The text chunks of PNG bytes received from elsewhere; {@code name} stands for them in messages. */
    public static Map<String, String> read(byte[] png, String name) throws IOException {
        return textOf(PngChunks.readAll(new ByteArrayInputStream(png), png.length, name), Path.of(name));
    }

    private static Map<String, String> textOf(List<PngChunks.Chunk> chunks, Path file) throws IOException {
        Map<String, String> text = new LinkedHashMap<>();
        for (PngChunks.Chunk chunk : chunks) {
            switch (chunk.type()) {
                case "tEXt" -> readText(chunk.data(), file, text);
                case "zTXt" -> readCompressedText(chunk.data(), file, text);
                case "iTXt" -> readInternationalText(chunk.data(), file, text);
                default -> { }
            }
        }
        return Collections.unmodifiableMap(text);
    }

    // ---- writing ----------------------------------------------------------------------------------------

    private static PngChunks.Chunk textChunk(String key, String value) {
        if (key.isEmpty() || key.length() > 79 || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(key)) {
            throw new IllegalArgumentException("PNG text key '" + key + "' must be 1 to 79 Latin-1 characters");
        }
        if (key.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("PNG text key '" + key.replace("\0", "\\0")
                    + "' or its value contains a NUL character, which PNG text chunks cannot hold; remove it");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(value);
        data.writeBytes(key.getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        if (latin1) {
            data.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
        } else {
            data.write(0); // not compressed
            data.write(0); // compression method (unused)
            data.write(0); // empty language tag
            data.write(0); // empty translated keyword
            data.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        }
        return new PngChunks.Chunk(latin1 ? "tEXt" : "iTXt", data.toByteArray());
    }

    // ---- reading ----------------------------------------------------------------------------------------

    /** tEXt: keyword, NUL, Latin-1 text. */
    private static void readText(byte[] data, Path file, Map<String, String> out) throws IOException {
        int nul = keywordEnd(data, "tEXt", file);
        out.put(latin1(data, 0, nul), latin1(data, nul + 1, data.length));
    }

    /** zTXt: keyword, NUL, compression method (0 = zlib), zlib-compressed Latin-1 text. */
    private static void readCompressedText(byte[] data, Path file, Map<String, String> out) throws IOException {
        int nul = keywordEnd(data, "zTXt", file);
        if (nul + 1 >= data.length || data[nul + 1] != 0) {
            throw malformed(file, "zTXt", "unknown compression method");
        }
        byte[] text = inflate(data, nul + 2, file, "zTXt");
        out.put(latin1(data, 0, nul), new String(text, StandardCharsets.ISO_8859_1));
    }

    /**
     * iTXt: keyword, NUL, compression flag, compression method, language tag, NUL, translated keyword, NUL,
     * UTF-8 text (zlib-compressed when the flag is 1).
     */
    private static void readInternationalText(byte[] data, Path file, Map<String, String> out) throws IOException {
        int nul = keywordEnd(data, "iTXt", file);
        int pos = nul + 1;
        if (pos + 2 > data.length) {
            throw malformed(file, "iTXt", "it ends after the keyword");
        }
        boolean compressed = data[pos] == 1;
        if (compressed && data[pos + 1] != 0) {
            throw malformed(file, "iTXt", "unknown compression method");
        }
        pos += 2;
        for (int skip = 0; skip < 2; skip++) { // language tag, then translated keyword
            int end = indexOf(data, (byte) 0, pos);
            if (end < 0) {
                throw malformed(file, "iTXt", "missing NUL after the language tag or translated keyword");
            }
            pos = end + 1;
        }
        byte[] text = compressed
                ? inflate(data, pos, file, "iTXt")
                : Arrays.copyOfRange(data, pos, data.length);
        out.put(latin1(data, 0, nul), new String(text, StandardCharsets.UTF_8));
    }

    private static int keywordEnd(byte[] data, String type, Path file) throws IOException {
        int nul = indexOf(data, (byte) 0, 0);
        if (nul < 1) {
            throw malformed(file, type, "no keyword");
        }
        return nul;
    }

    private static byte[] inflate(byte[] data, int offset, Path file, String type) throws IOException {
        try (InputStream in = new InflaterInputStream(
                new ByteArrayInputStream(data, offset, data.length - offset))) {
            byte[] text = in.readNBytes(MAX_INFLATED_BYTES + 1);
            if (text.length > MAX_INFLATED_BYTES) {
                throw malformed(file, type, "it inflates to more than " + (MAX_INFLATED_BYTES >> 20) + " MiB");
            }
            return text;
        } catch (ZipException e) {
            throw malformed(file, type, "bad compressed data (" + e.getMessage() + ")");
        }
    }

    private static IOException malformed(Path file, String type, String why) {
        return new IOException(file + " has a malformed " + type + " text chunk: " + why);
    }

    private static int indexOf(byte[] data, byte value, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static String latin1(byte[] data, int from, int to) {
        return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
