package org.sandpaint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.image.Npy;
import org.sandpaint.engine.image.PngText;
import org.sandpaint.testing.TestModels;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as the acceptance checks use it, on the tiny committed model. */
class GenerateCommandTest {

    @TempDir
    Path dir;


    @Test
    void writesPngLatentsAndPreviewsWithoutOverwriting() throws Exception {
        String model = TestModels.folder("tiny-optimum").toString();
        Path png = dir.resolve("cat.png");
        Path npy = dir.resolve("cat.npy");
        Path previews = dir.resolve("previews");
        String[] args = {"generate", "--model", model, "--prompt", "a red circle", "--negative", "blurry",
                "--steps", "4", "--cfg", "7.5", "--seed", "42", "--sampler", "dpmpp_2m_karras", "--clip-skip", "2",
                "--width", "64", "--height", "72", "--out", png.toString(), "--latents-out", npy.toString(),
                "--preview-dir", previews.toString(), "--preview-every", "2"};
        CliRun first = CliRun.of(args);
        assertEquals(0, first.code(), first.err());
        assertTrue(Files.size(png) > 0);

        Infotext info = Infotext.parse(PngText.read(png).get("parameters"));
        assertEquals("a red circle", info.prompt());
        assertEquals("blurry", info.negativePrompt());
        assertEquals("DPM++ 2M Karras", info.samplerName().orElseThrow());
        assertEquals(42, info.seed().orElseThrow());
        assertEquals(2, info.clipSkip().orElseThrow());
        assertEquals("64x72", info.get("Size").orElseThrow());

        float[] latents = Npy.readFloat32(npy);
        assertEquals(4 * 9 * 8, latents.length);
        assertTrue(Files.exists(previews.resolve("step-002.png")));
        assertTrue(Files.exists(previews.resolve("step-004.png")), "the final image is the last preview");

        CliRun second = CliRun.of(args);
        assertEquals(0, second.code(), second.err());
        assertTrue(Files.exists(dir.resolve("cat-1.png")), "an existing file is never overwritten");
        assertTrue(second.out().contains("cat-1.png"), second.out());
    }

    @Test
    void variationSeedsAndScheduleTypeReachThePicturesParameters() throws Exception {
        String model = TestModels.folder("tiny-optimum").toString();
        Path png = dir.resolve("v.png");
        CliRun r = CliRun.of("generate", "--model", model, "--prompt", "a red circle", "--steps", "3", "--seed", "42",
                "--sampler", "euler", "--schedule-type", "karras", "--subseed", "7", "--subseed-strength", "0.5",
                "--seed-resize-from", "48x80", "--width", "64", "--height", "64", "--batch-size", "2",
                "--out", png.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        for (int i = 0; i < 2; i++) {
            Infotext info = Infotext.parse(PngText.read(dir.resolve(i == 0 ? "v.png" : "v-1.png")).get("parameters"));
            assertEquals(42, info.seed().orElseThrow(), "a variation keeps the seed for every image");
            assertEquals(String.valueOf(7 + i), info.get("Variation seed").orElseThrow(), "and counts the variation seed");
            assertEquals("0.5", info.get("Variation seed strength").orElseThrow());
            assertEquals("48x80", info.get("Seed resize from").orElseThrow());
            assertEquals("Karras", info.get("Schedule type").orElseThrow());
        }
        CliRun bad = CliRun.of("generate", "--model", model, "--prompt", "x", "--seed-resize-from", "48");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("Seed resize from must be WIDTHxHEIGHT"), bad.err());
        CliRun ddim = CliRun.of("generate", "--model", model, "--prompt", "x", "--sampler", "ddim", "--schedule-type", "karras");
        assertEquals(2, ddim.code());
        assertTrue(ddim.err().contains("does not apply to DDIM"), ddim.err());
    }

    @Test
    void tokenizePrintsRawIdsWithoutPromptSyntax() throws Exception {
        // Each word here is a single vocabulary entry, so the expected ids come straight from vocab.json.
        var vocab = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("src/test/models/clip-tokenizer/vocab.json").toFile());
        String expected = "[49406";
        for (String word : new String[] {"a", "(", "red", ")", "circle"}) {
            expected += ", " + vocab.get(word + "</w>").asInt();
        }
        expected += ", 49407]";
        CliRun r = CliRun.of("tokenize", "--model", TestModels.folder("tiny-optimum").toString(), "a (red) circle");
        assertEquals(0, r.code(), r.err());
        assertEquals(expected, r.out().strip());
    }

    @Test
    void infoReadsParametersAndRefusesOtherFiles() throws Exception {
        Path notPng = Files.writeString(dir.resolve("notes.png"), "hello");
        CliRun r = CliRun.of("info", notPng.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("PNG"), r.err());
        assertEquals(1, CliRun.of("info", dir.resolve("missing.png").toString()).code());
    }

    @Test
    void badArgumentsExitWithTwoAndFailuresWithOne() {
        String model = TestModels.folder("tiny-optimum").toString();
        CliRun size = CliRun.of("generate", "--model", model, "--prompt", "x", "--width", "100");
        assertEquals(2, size.code());
        assertTrue(size.err().contains("multiple of 8"), size.err());
        assertEquals(2, CliRun.of("generate", "--model", model, "--prompt", "x", "--sampler", "nope").code());
        assertEquals(2, CliRun.of("generate", "--model", model, "--prompt", "x", "--steps", "many").code());
        CliRun missing = CliRun.of("generate", "--model", dir.resolve("nowhere").toString(), "--prompt", "x");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }

    @Test
    void helpShowsEachParametersRangeAndDefaultFromTheSpecification() {
        CliRun help = CliRun.of("generate", "--help");
        assertEquals(0, help.code(), help.err());
        String text = help.out().replaceAll("\\s+", " ");
        for (String expected : new String[] {"Sampling steps, 1-150 (default: 20)", "CFG scale, 1-30; 1 = no guidance (default: 7)",
                "CLIP skip, 1-12; 1 = last layer (default: 1)", "Width in pixels, 64-2048, a multiple of 8",
                "Images denoised together, 1-8 (default: 1)", "0-1; 0 keeps the source, 1 ignores it (default: 0.75)",
                "Default: Euler a", "--device", "--optimization",
                "Automatic, Uniform, Karras, Exponential, SGM Uniform (default: Automatic",
                "Variation seed, -1 or more; -1 = random (default: -1)", "0-1; 0 = off (default: 0)"}) {
            assertTrue(text.contains(expected), expected + " in:\n" + help.out());
        }
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheSpecificationsMessage() {
        String model = TestModels.folder("tiny-optimum").toString();
        CliRun clipSkip = CliRun.of("generate", "--model", model, "--prompt", "x", "--clip-skip", "24");
        assertEquals(2, clipSkip.code());
        assertTrue(clipSkip.err().contains("CLIP skip must be between 1 and 12"), clipSkip.err());
        assertEquals(2, CliRun.of("generate", "--model", model, "--prompt", "x", "--device", "tpu").code());
    }

    @Test
    void aCudaFallbackIsNotedOnceAndCpuAsAskedIsNot() {
        String model = TestModels.folder("tiny-optimum").toString();
        Path out = dir.resolve("x.png");
        CliRun cpu = CliRun.of("generate", "--model", model, "--prompt", "x", "--steps", "1", "--device", "cpu", "--out", out.toString());
        assertEquals(0, cpu.code(), cpu.err());
        assertFalse(cpu.err().contains("note:"), cpu.err());
        boolean linuxWithoutDriver = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && !Files.exists(Path.of("/proc/driver/nvidia/version"));
        org.junit.jupiter.api.Assumptions.assumeTrue(linuxWithoutDriver, "Skipped: this machine may run CUDA");
        CliRun auto = CliRun.of("generate", "--model", model, "--prompt", "x", "--steps", "1", "--out", out.toString());
        assertEquals(0, auto.code(), auto.err());
        assertEquals(1, auto.err().split("note: running on the CPU, CUDA is not available: no NVIDIA driver", -1).length - 1,
                auto.err());
    }
}
