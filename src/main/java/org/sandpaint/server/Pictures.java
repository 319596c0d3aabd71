package org.sandpaint.server;

import org.sandpaint.engine.ImageFiles;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Pictures as the WebUI's API carries them: base64 text, optionally behind a {@code data:image/...;base64,}
 * prefix. Decoding reads the size from the header first and refuses pictures beyond {@link #MAX_PIXELS}
 * before they are decoded. Unlike the WebUI, a URL is never fetched: the server reads nothing a client names.
 */
final class Pictures {

    /** 16 megapixels (4096 x 4096): any sensible source or mask, and safe to decode. */
    static final long MAX_PIXELS = 4096L * 4096;

    private Pictures() {
    }

    /** The raw bytes of a base64 picture; {@code what} names the field in messages ("init_images[0]"). */
    static byte[] bytes(String base64, String what) {
        String s = base64.strip();
        if (s.startsWith("http://") || s.startsWith("https://")) {
            throw ApiError.invalid(what + " is a URL: this server does not fetch pictures, send the picture itself as base64.");
        }
        if (s.startsWith("data:")) {
            int comma = s.indexOf(',');
            s = comma < 0 ? "" : s.substring(comma + 1);
        }
        try {
            // The MIME decoder skips line breaks and other characters outside the alphabet, as Python's does.
            byte[] data = Base64.getMimeDecoder().decode(s);
            if (data.length == 0) {
                throw ApiError.invalid(what + " is empty: send a PNG or JPEG picture encoded as base64.");
            }
            return data;
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(what + " is not valid base64 (" + e.getMessage() + "): send a PNG or JPEG picture encoded as base64.");
        }
    }

    /** A picture as opaque RGB (transparency composited on white, as the engine expects). */
    static BufferedImage rgb(String base64, String what) {
        return opaqueRgb(decode(bytes(base64, what), what));
    }

    /**
     * An inpainting mask, read as the WebUI does: a picture with real transparency is a mask by its alpha
     * channel alone (opaque above half), any other picture by its brightness.
     */
    static BufferedImage mask(String base64, String what) {
        BufferedImage image = decode(bytes(base64, what), what);
        if (!image.getColorModel().hasAlpha() || fullyOpaque(image)) {
            return opaqueRgb(image);
        }
        BufferedImage mask = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                mask.setRGB(x, y, (image.getRGB(x, y) >>> 24) > 128 ? 0xFFFFFF : 0);
            }
        }
        return mask;
    }

    /** A PNG carrying {@code text} as text chunks, base64-encoded. */
    static String png(BufferedImage image, Map<String, String> text) {
        try {
            return Base64.getEncoder().encodeToString(ImageFiles.pngBytes(image, text));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode a picture as PNG: " + e.getMessage(), e);
        }
    }

    static BufferedImage decode(byte[] data, String what) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw ApiError.invalid(what + " is not a picture this server can read: send a PNG, JPEG, BMP or GIF.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw ApiError.invalid(what + " is " + width + "x" + height + " pixels; the limit is "
                            + MAX_PIXELS / (1024 * 1024) + " megapixels. Scale it down first.");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiError error) {
                throw error;
            }
            throw ApiError.invalid(what + " could not be read: it is damaged or incomplete (" + e.getMessage() + ").");
        }
    }

    /** A TYPE_INT_RGB copy with any transparency composited on white, as the engine's own loader does. */
    private static BufferedImage opaqueRgb(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    private static boolean fullyOpaque(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) != 255) {
                    return false;
                }
            }
        }
        return true;
    }
}
