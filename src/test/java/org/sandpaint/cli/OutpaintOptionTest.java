package org.sandpaint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.ImageFiles;
import org.sandpaint.engine.Infotext;
import org.sandpaint.testing.TestModels;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code generate --outpaint LEFT,RIGHT,UP,DOWN} with {@code --init-image}. */
class OutpaintOptionTest {

    @TempDir
    Path dir;

    @Test
    void extendsTheSourceAndRefusesBadValues() throws Exception {
        String model = TestModels.folder("tiny-optimum").toString();
        String source = "src/test/models/img2img_source.png";
        Path png = dir.resolve("wider.png");
        CliRun ok = CliRun.of("generate", "--model", model, "--prompt", "x", "--init-image", source,
                "--outpaint", "32,0,0,8", "--steps", "2", "--strength", "0.9", "--out", png.toString(), "--quiet");
        assertEquals(0, ok.code(), ok.err());
        BufferedImage out = ImageIO.read(png.toFile());
        assertEquals(96, out.getWidth());
        assertEquals(72, out.getHeight());
        assertEquals("96x72", Infotext.parse(ImageFiles.readParameters(png).orElseThrow()).get("Size").orElseThrow());

        CliRun odd = CliRun.of("generate", "--model", model, "--prompt", "x", "--init-image", source,
                "--outpaint", "30,0,0,0", "--out", png.toString());
        assertEquals(2, odd.code());
        assertTrue(odd.err().contains("Outpainting left must be 0 or more pixels in steps of 8, got 30."), odd.err());
        CliRun noSource = CliRun.of("generate", "--model", model, "--prompt", "x", "--outpaint", "8,0,0,0");
        assertEquals(2, noSource.code());
        assertTrue(noSource.err().contains("--outpaint needs --init-image"), noSource.err());
        CliRun withMask = CliRun.of("generate", "--model", model, "--prompt", "x", "--init-image", source,
                "--mask", source, "--outpaint", "8,0,0,0");
        assertEquals(2, withMask.code());
        assertTrue(withMask.err().contains("leave out --mask"), withMask.err());
    }
}
