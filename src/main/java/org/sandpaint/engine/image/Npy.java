package org.sandpaint.engine.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * NumPy {@code .npy} files of little-endian float32, so latents and images can be inspected or compared in
 * Python ({@code numpy.load}). Format: magic {@code \x93NUMPY}, version bytes, header length, then a Python
 * dict literal padded with spaces and ended by {@code \n} so the data starts on a 64-byte boundary.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    /** Magic, two version bytes and the uint16 header length of format version 1.0. */
    private static final int PREAMBLE_V1 = MAGIC.length + 2 + 2;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * Writes {@code data} (C order) with the given shape as a version 1.0 {@code .npy} file.
     *
     * @throws IllegalArgumentException when a dimension is negative or the shape does not hold exactly
     *                                  {@code data.length} values
     */
    public static void writeFloat32(Path file, float[] data, int... shape) throws IOException {
        byte[] bytes = float32(data, shape);
        OutputFiles.writeAtomically(file, stream -> stream.write(bytes));
    }

    /** The same .npy content onto a stream. */
    public static void writeFloat32(OutputStream stream, float[] data, int... shape) throws IOException {
        stream.write(float32(data, shape));
    }

    private static byte[] float32(float[] data, int... shape) {
        long count = 1;
        for (int dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape));
            }
            count *= dim;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " holds " + count
                    + " values but the array has " + data.length + "; pass the tensor's real shape");
        }
        byte[] header = header(shape);
        ByteBuffer out = ByteBuffer.allocate(header.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(header);
        out.asFloatBuffer().put(data);
        return out.array();
    }

    /** Everything before the data: magic, version 1.0, header length and the padded dict. */
    static byte[] header(int... shape) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + pythonTuple(shape) + ", }";
        int unpadded = PREAMBLE_V1 + dict.length() + 1; // + 1 for the closing '\n'
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer out = ByteBuffer.allocate(PREAMBLE_V1 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        out.put(text.getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }

    /** Python's repr of a tuple of ints: {@code ()}, {@code (3,)}, {@code (1, 4, 8, 8)}. */
    private static String pythonTuple(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * Reads a {@code <f4}, C-order {@code .npy} file (format version 1.x or 2.x), for tests and debugging.
     *
     * @throws IOException when the file is not .npy, holds another dtype or Fortran order, or is truncated
     */
    public static float[] readFloat32(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        if (in.remaining() < PREAMBLE_V1 + 2) { // + 2: version 2 has a 4-byte header length
            throw new IOException(file + " is too short to be a .npy file");
        }
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(file + " is not a .npy file (it does not start with \\x93NUMPY)");
        }
        int major = in.get();
        in.get(); // minor version
        long headerLength = switch (major) {
            case 1 -> Short.toUnsignedInt(in.getShort());
            case 2, 3 -> Integer.toUnsignedLong(in.getInt());
            default -> throw new IOException(file + " uses .npy format version " + major + ", which is not supported");
        };
        if (headerLength > in.remaining()) {
            throw new IOException(file + " is truncated: its header is cut off");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        in.get(headerBytes);
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        String descr = find(DESCR, header, file);
        if (!descr.equals("<f4")) {
            throw new IOException(file + " holds dtype " + descr + "; only little-endian float32 ('<f4') is read");
        }
        if (find(FORTRAN, header, file).equals("True")) {
            throw new IOException(file + " is in Fortran order; save it with C order (np.ascontiguousarray)");
        }
        long count = 1;
        for (String dim : find(SHAPE, header, file).split(",")) {
            if (!dim.isBlank()) {
                count *= Long.parseLong(dim.strip());
            }
        }
        if (count * 4 != in.remaining()) {
            throw new IOException(file + " should hold " + count + " float32 values but has "
                    + in.remaining() + " data bytes; it is truncated or corrupt");
        }
        float[] data = new float[(int) count];
        in.asFloatBuffer().get(data);
        return data;
    }

    private static String find(Pattern pattern, String header, Path file) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IOException(file + " has an unreadable .npy header: " + header.strip());
        }
        return m.group(1);
    }
}
