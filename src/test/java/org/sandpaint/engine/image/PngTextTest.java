package org.sandpaint.engine.image;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PngTextTest {

    @TempDir
    Path dir;

    private static BufferedImage sampleImage() {
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                image.setRGB(x, y, (x * 50) << 16 | (y * 100) << 8 | (x + y) * 20);
            }
        }
        return image;
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void writesThenReadsTextAndKeepsTheImage() throws IOException {
        Path file = dir.resolve("out.png");
        Map<String, String> text = new LinkedHashMap<>();
        text.put("parameters", "a cat, café\nNegative prompt: dog\nSteps: 20, Sampler: Euler a, CFG scale: 7");
        text.put("Software", "Sandpaint");
        PngText.write(sampleImage(), text, file);

        assertEquals(text, PngText.read(file));
        assertArrayEquals(pixels(sampleImage()), pixels(ImageIO.read(file.toFile())));
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(contains(bytes, "tEXtparameters\0"), "Latin-1 text goes in a tEXt chunk");
        assertFalse(contains(bytes, "iTXt"), "no iTXt needed");
    }

    @Test
    void nonLatin1TextGoesInUtf8Itxt() throws IOException {
        Path file = dir.resolve("cjk.png");
        Map<String, String> text = Map.of("parameters", "猫と犬 🐱🐶, 水彩画\nSteps: 20, Sampler: Euler, Seed: 1");
        PngText.write(sampleImage(), text, file);

        assertEquals(text, PngText.read(file));
        byte[] bytes = Files.readAllBytes(file);
        // keyword, NUL, compression flag 0, method 0, empty language, NUL, empty translated keyword, NUL
        assertTrue(contains(bytes, "iTXtparameters\0\0\0\0\0"));
        assertArrayEquals(pixels(sampleImage()), pixels(ImageIO.read(file.toFile())));
    }

    /** A 1x1 grayscale PNG assembled by hand, with zTXt and compressed and uncompressed iTXt chunks. */
    @Test
    void readsHandBuiltCompressedChunks() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0}); // 1x1, 8-bit gray
        chunk(png, "zTXt", concat(latin1("Comment\0"), new byte[] {0}, deflate(latin1("zipped, Latin-1: é"))));
        chunk(png, "iTXt", concat(latin1("parameters\0"), new byte[] {1, 0}, latin1("ja\0"),
                "パラメータ\0".getBytes(StandardCharsets.UTF_8), deflate(utf8("猫, Steps: 20 🐱"))));
        chunk(png, "iTXt", concat(latin1("Plain\0"), new byte[] {0, 0, 0, 0}, utf8("ü")));
        chunk(png, "IDAT", deflate(new byte[] {0, (byte) 0x80})); // filter byte 0, one gray pixel
        chunk(png, "tEXt", latin1("After\0image data"));
        chunk(png, "IEND", new byte[0]);
        Path file = dir.resolve("hand.png");
        Files.write(file, png.toByteArray());

        BufferedImage decoded = ImageIO.read(file.toFile()); // proves the hand-built file is a valid PNG
        assertEquals(1, decoded.getWidth());

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Comment", "zipped, Latin-1: é");
        expected.put("parameters", "猫, Steps: 20 🐱");
        expected.put("Plain", "ü");
        expected.put("After", "image data");
        assertEquals(expected, PngText.read(file));
    }

    @Test
    void truncatedFileSaysSo() throws IOException {
        Path file = dir.resolve("full.png");
        PngText.write(sampleImage(), Map.of("parameters", "x"), file);
        byte[] bytes = Files.readAllBytes(file);
        for (int cut : new int[] {bytes.length - 1, bytes.length - 12, bytes.length / 2, 10, 20}) {
            Path truncated = dir.resolve("cut" + cut + ".png");
            Files.write(truncated, Arrays.copyOf(bytes, cut));
            IOException e = assertThrows(IOException.class, () -> PngText.read(truncated));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());
        }
    }

    @Test
    void jpegIsNotAPng() throws IOException {
        Path file = dir.resolve("photo.jpg");
        assertTrue(ImageIO.write(sampleImage(), "jpg", file.toFile()));
        IOException e = assertThrows(IOException.class, () -> PngText.read(file));
        assertTrue(e.getMessage().contains("not a PNG"), e.getMessage());

        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertTrue(assertThrows(IOException.class, () -> PngText.read(empty)).getMessage().contains("not a PNG"));
    }

    @Test
    void damagedChunkFailsCrcCheck() throws IOException {
        Path file = dir.resolve("crc.png");
        PngText.write(sampleImage(), Map.of("parameters", "hello"), file);
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, "hello");
        bytes[at] = 'j';
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> PngText.read(file));
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());
    }

    @Test
    void rejectsTextPngCannotHold() {
        Path file = dir.resolve("bad.png");
        assertThrows(IllegalArgumentException.class, () -> PngText.write(sampleImage(), Map.of("", "x"), file));
        assertThrows(IllegalArgumentException.class,
                () -> PngText.write(sampleImage(), Map.of("k".repeat(80), "x"), file));
        assertThrows(IllegalArgumentException.class, () -> PngText.write(sampleImage(), Map.of("猫", "x"), file));
        assertThrows(IllegalArgumentException.class, () -> PngText.write(sampleImage(), Map.of("k", "a\0b"), file));
    }

    /** Pillow is what the WebUI uses to write and read these chunks. Skipped when it is not installed. */
    @Test
    void pillowReadsOurTextAndWeReadPillows() throws IOException {
        Optional<PythonRunner> python = PythonRunner.withModule("PIL");
        assumeTrue(python.isPresent(), "Pillow is not installed for python3; skipping the cross-check");
        ObjectMapper json = new ObjectMapper();

        Path ours = dir.resolve("ours.png");
        Map<String, String> text = new LinkedHashMap<>();
        text.put("parameters", "猫 🐱\nNegative prompt: x\nSteps: 20, Sampler: Euler, Seed: 1");
        text.put("Software", "Sandpaint é");
        PngText.write(sampleImage(), text, ours);
        String seenByPillow = python.get().run("""
                import json, sys
                from PIL import Image
                im = Image.open(sys.argv[1]); im.load()
                sys.stdout.buffer.write(json.dumps(im.text).encode('utf-8'))
                """, ours.toString());
        assertEquals(text, json.readValue(seenByPillow, new TypeReference<Map<String, String>>() { }));

        Path theirs = dir.resolve("pillow.png");
        python.get().run("""
                import sys
                from PIL import Image
                from PIL.PngImagePlugin import PngInfo
                info = PngInfo()
                info.add_text('parameters', '猫, Steps: 20')
                info.add_text('Latin', 'plain é')
                info.add_text('Zipped', 'zip é ' * 50, zip=True)
                info.add_text('ZippedUtf8', '圧縮 ' * 50, zip=True)
                Image.new('RGB', (4, 4)).save(sys.argv[1], pnginfo=info)
                """, theirs.toString());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("parameters", "猫, Steps: 20");
        expected.put("Latin", "plain é");
        expected.put("Zipped", "zip é ".repeat(50));
        expected.put("ZippedUtf8", "圧縮 ".repeat(50));
        assertEquals(expected, PngText.read(theirs));
        byte[] bytes = Files.readAllBytes(theirs);
        assertTrue(contains(bytes, "zTXtZipped\0") && contains(bytes, "iTXtZippedUtf8\0\1"),
                "Pillow wrote zTXt and compressed iTXt as expected");
    }

    private static int indexOf(byte[] bytes, String text) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i + t.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + t.length, t, 0, t.length)) {
                return i;
            }
        }
        throw new AssertionError(text + " not found");
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] typeBytes = latin1(type);
        d.write(typeBytes);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    private static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(9))) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
