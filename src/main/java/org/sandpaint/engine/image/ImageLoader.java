package org.sandpaint.engine.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads a source picture (PNG, JPEG, BMP, GIF; WebP when the Java runtime has a reader for it) as opaque RGB,
 * compositing transparency on white. The size is read from the header first, so a huge picture is
 * refused before it is decoded rather than exhausting memory.
 */
public final class ImageLoader {

    /** 64 megapixels: well beyond any SD source (2048 x 2048 is 4 MP) and safe to decode. */
    public static final long MAX_PIXELS = 64L * 1024 * 1024;

    private ImageLoader() {
    }

    public static BufferedImage loadRgb(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("The image " + file + " does not exist.");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                String hint = name.endsWith(".webp")
                        ? " This Java runtime has no WebP reader: save the picture as PNG or JPEG."
                        : " Use a PNG, JPEG, BMP or GIF picture.";
                throw new IOException(file + " is not a picture Sandpaint can read." + hint);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw new IOException(file + " is " + width + "x" + height + " pixels, too large to use as a "
                            + "source (the limit is " + MAX_PIXELS / (1024 * 1024) + " megapixels). Scale it down first.");
                }
                Boolean ycck = adobeFourChannelJpeg(reader);
                if (ycck != null) {
                    return ViewerColors.cmykToRgb(reader.readRaster(0, null), ycck);
                }
                BufferedImage image = reader.read(0);
                return toOpaqueRgb(image);
            } catch (IOException | RuntimeException e) {
                if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(file.toString())) {
                    throw io;
                }
                throw new IOException(file + " could not be read: it is damaged or incomplete ("
                        + e.getMessage() + "). Save it again from an image editor.", e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * For a CMYK JPEG: whether its first three channels are YCbCr-encoded (Adobe transform 2); null for
     * any other picture.
     */
    private static Boolean adobeFourChannelJpeg(ImageReader reader) throws IOException {
        if (!"jpeg".equalsIgnoreCase(reader.getFormatName()) || reader.getRawImageType(0) != null
                && reader.getRawImageType(0).getNumBands() != 4) {
            return null;
        }
        IIOMetadata metadata = reader.getImageMetadata(0);
        if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
            return null;
        }
        Element tree = (Element) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
        NodeList frames = tree.getElementsByTagName("sof");
        if (frames.getLength() == 0 || frames.item(0).getAttributes().getNamedItem("numFrameComponents") == null
                || !"4".equals(frames.item(0).getAttributes().getNamedItem("numFrameComponents").getNodeValue())) {
            return null;
        }
        NodeList adobe = tree.getElementsByTagName("app14Adobe");
        return adobe.getLength() > 0 && "2".equals(((Element) adobe.item(0)).getAttribute("transform"));
    }

    /** A TYPE_INT_RGB copy, with any transparency composited on white (grey taken as viewers take it). */
    public static BufferedImage toOpaqueRgb(BufferedImage image) {
        if (ViewerColors.isGrey(image)) {
            return ViewerColors.greyToRgb(image);
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }
}
