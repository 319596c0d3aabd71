package org.sandpaint.engine.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NpyTest {

    @TempDir
    Path dir;

    /**
     * From the .npy v1.0 spec: magic "\x93NUMPY", version 1 0, little-endian uint16 HEADER_LEN, then the
     * dict, space padding and '\n' such that 10 + HEADER_LEN is a multiple of 64. The dict below is 65
     * characters, so 10 + 65 + 1 = 76 is padded to 128 with 52 spaces: HEADER_LEN = 118 = 0x76.
     */
    @Test
    void headerForShape1x4x8x8MatchesTheSpec() {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 4, 8, 8), }";
        byte[] preamble = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0x76, 0x00};
        assertEquals(65, dict.length());
        String text = dict + " ".repeat(52) + "\n";
        byte[] expected = new byte[128];
        System.arraycopy(preamble, 0, expected, 0, 10);
        System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, expected, 10, 118);

        assertArrayEquals(expected, Npy.header(1, 4, 8, 8));
    }

    @Test
    void oneDimensionalShapeUsesPythonTupleSyntax() {
        byte[] header = Npy.header(3);
        String text = new String(header, 10, header.length - 10, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }"), text);
        assertEquals(0, header.length % 64);
        assertEquals('\n', text.charAt(text.length() - 1));
        assertEquals(header.length - 10, (header[8] & 0xff) | (header[9] & 0xff) << 8);
    }

    @Test
    void fileHoldsLittleEndianFloatsAfterTheHeader() throws IOException {
        Path file = dir.resolve("a.npy");
        Npy.writeFloat32(file, new float[] {1f, -2.5f}, 2);
        byte[] bytes = Files.readAllBytes(file);
        // the 57-character dict "{... 'shape': (2,), }" needs 10 + 57 + 1 = 68 bytes: the data starts at 128
        assertEquals(128 + 8, bytes.length);
        // IEEE 754: 1.0f = 0x3F800000, -2.5f = 0xC0200000, stored little-endian
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0x20, (byte) 0xc0},
                Arrays.copyOfRange(bytes, 128, 136));
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        Path file = dir.resolve("b.npy");
        float[] data = new float[1 * 4 * 8 * 8];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.25f - 7f;
        }
        Npy.writeFloat32(file, data, 1, 4, 8, 8);
        assertArrayEquals(data, Npy.readFloat32(file));
    }

    @Test
    void rejectsShapeThatDoesNotFitTheData() {
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat32(dir.resolve("c.npy"), new float[5], 2, 3));
    }

    @Test
    void rejectsNonNpyFiles() throws IOException {
        Path file = dir.resolve("x.npy");
        Files.writeString(file, "definitely not numpy");
        assertThrows(IOException.class, () -> Npy.readFloat32(file));
    }

    /** NumPy itself reads our files and writes files we read. Skipped when numpy is not installed. */
    @Test
    void numpyAgrees() throws IOException {
        Optional<PythonRunner> python = PythonRunner.withModule("numpy");
        assumeTrue(python.isPresent(), "numpy is not installed for python3; skipping the cross-check");

        Path ours = dir.resolve("ours.npy");
        float[] data = {0.5f, -1.25f, 3e-8f, 1e30f, -0f, 7f};
        Npy.writeFloat32(ours, data, 1, 2, 3);
        String seen = python.get().run("""
                import sys, numpy as np
                a = np.load(sys.argv[1])
                print(a.dtype, a.shape, a.flags['C_CONTIGUOUS'], *(int(v) for v in a.view(np.int32).ravel()))
                """, ours.toString()).strip();
        StringBuilder expected = new StringBuilder("float32 (1, 2, 3) True");
        for (float v : data) {
            expected.append(' ').append(Float.floatToRawIntBits(v));
        }
        assertEquals(expected.toString(), seen);

        Path scalar = dir.resolve("scalar.npy");
        Npy.writeFloat32(scalar, new float[] {2f});
        assertEquals("() 2.0", python.get().run("""
                import sys, numpy as np
                a = np.load(sys.argv[1]); print(a.shape, float(a))""", scalar.toString()).strip());

        Path theirs = dir.resolve("theirs.npy");
        python.get().run("""
                import sys, numpy as np
                np.save(sys.argv[1], np.arange(24, dtype='<f4').reshape(2, 3, 4) / 4)""", theirs.toString());
        float[] quarters = new float[24];
        for (int i = 0; i < 24; i++) {
            quarters[i] = i / 4f;
        }
        assertArrayEquals(quarters, Npy.readFloat32(theirs));
    }
}
