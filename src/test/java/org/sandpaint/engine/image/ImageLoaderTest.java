package org.sandpaint.engine.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageLoaderTest {

    @TempDir
    Path dir;

    @Test
    void transparencyIsCompositedOnWhite() throws IOException {
        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0xFF00FF00);  // opaque green
        argb.setRGB(1, 0, 0x00000000);  // fully transparent
        Path file = dir.resolve("a.png");
        ImageIO.write(argb, "png", file.toFile());
        BufferedImage rgb = ImageLoader.loadRgb(file);
        assertEquals(BufferedImage.TYPE_INT_RGB, rgb.getType());
        assertEquals(0x00FF00, rgb.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, rgb.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void truncatedAndForeignFilesAreExplained() throws IOException {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        Path truncated = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes.toByteArray(), 60));
        IOException e = assertThrows(IOException.class, () -> ImageLoader.loadRgb(truncated));
        assertTrue(e.getMessage().contains("cut.png"), e.getMessage());

        Path text = Files.writeString(dir.resolve("notes.png"), "not a picture");
        e = assertThrows(IOException.class, () -> ImageLoader.loadRgb(text));
        assertTrue(e.getMessage().contains("not a picture Sandpaint can read"), e.getMessage());

        e = assertThrows(IOException.class, () -> ImageLoader.loadRgb(dir.resolve("missing.png")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void hugePicturesAreRefusedBeforeDecoding() throws IOException {
        // A PNG whose header claims 20000 x 20000 pixels; decoding it would need 1.6 GB.
        Path huge = Files.write(dir.resolve("huge.png"), pngHeaderOnly(20000, 20000));
        IOException e = assertThrows(IOException.class, () -> ImageLoader.loadRgb(huge));
        assertTrue(e.getMessage().contains("20000x20000"), e.getMessage());
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
