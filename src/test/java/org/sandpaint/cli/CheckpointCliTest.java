package org.sandpaint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.checkpoint.TinySd1Cases;
import org.sandpaint.engine.image.ImageLoader;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.image.Npy;
import org.sandpaint.engine.image.PngText;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `sandpaint generate --model FILE.safetensors` reproduces the tiny checkpoint's cases. */
class CheckpointCliTest {

    @TempDir
    Path dir;


    private List<String> caseArgs(TinySd1Cases fixture, JsonNode c, Path png, Path npy) {
        List<String> args = new ArrayList<>(List.of("generate", "--model", fixture.checkpoint().toString(),
                "--prompt", c.get("prompt").asText(), "--negative", c.get("negative").asText(),
                "--seed", c.get("seed").asText(), "--steps", c.get("steps").asText(), "--cfg", c.get("cfg").asText(),
                "--sampler", c.get("sampler").asText(), "--clip-skip", c.get("clip_skip").asText(),
                "--width", c.get("width").asText(), "--height", c.get("height").asText(), "--device", "cpu",
                "--out", png.toString(), "--latents-out", npy.toString()));
        if (c.has("init")) {
            args.addAll(List.of("--init-image", fixture.dir().resolve("init_" + c.get("name").asText() + ".png").toString(),
                    "--strength", c.get("strength").asText()));
        }
        return args;
    }

    @Test
    void reproducesTheCasesFromTheCommandLine() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        for (String name : List.of("t2i_euler_a", "t2i_clip_skip2", "i2i_euler")) {
            JsonNode c = fixture.find(name);
            Path png = dir.resolve(name + ".png");
            Path npy = dir.resolve(name + ".npy");
            CliRun run = CliRun.of(caseArgs(fixture, c, png, npy));
            assertEquals(0, run.code(), run.err());
            assertTrue(run.err().contains("Model tiny-sd1 (SD 1.x, epsilon prediction (tiny-sd1.yaml))"), run.err());
            TinySd1Cases.assertLatentsMatch(TinySd1Cases.latents(c), Npy.readFloat32(npy), name);
            TinySd1Cases.assertImageMatches(fixture.expectedImage(name), ImageLoader.loadRgb(png), 2, name);
            Infotext info = Infotext.parse(PngText.read(png).get("parameters"));
            assertEquals("tiny-sd1", info.get("Model").orElseThrow());
        }
    }

    @Test
    void predictionOverrideIsReportedAndUsed() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        JsonNode c = fixture.find("t2i_euler_a");
        List<String> args = caseArgs(fixture, c, dir.resolve("v.png"), dir.resolve("v.npy"));
        args.addAll(List.of("--prediction", "v"));
        CliRun run = CliRun.of(args);
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("v-prediction (--prediction)"), run.err());
        float[] ours = Npy.readFloat32(dir.resolve("v.npy"));
        float[] ref = TinySd1Cases.latents(c);
        double diff = 0;
        for (int i = 0; i < ref.length; i++) {
            diff = Math.max(diff, Math.abs(ours[i] - ref[i]));
        }
        assertTrue(diff > 1e-2, "v-prediction must change the result (max diff " + diff + ")");
    }

    @Test
    void tokenizeUsesTheBundledTokenizerForACheckpoint() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        CliRun run = CliRun.of(List.of("tokenize", "--model", fixture.checkpoint().toString(), "a red circle"));
        assertEquals(0, run.code(), run.err());
        // The fixture's README gives BOS 49406 and EOS 49407; the words are single vocabulary entries.
        var vocab = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Path.of("src/main/resources/org/sandpaint/engine/checkpoint/clip-tokenizer/vocab.json").toFile());
        String expected = "[49406, " + vocab.get("a</w>").asInt() + ", " + vocab.get("red</w>").asInt() + ", "
                + vocab.get("circle</w>").asInt() + ", 49407]";
        assertEquals(expected, run.out().strip());
    }

    @Test
    void aPickleCheckpointGetsAClearMessageAndNoStackTrace() throws Exception {
        Path ckpt = java.nio.file.Files.write(dir.resolve("old.ckpt"), new byte[]{(byte) 0x80, 2});
        CliRun run = CliRun.of(List.of("generate", "--model", ckpt.toString(), "--prompt", "x", "--device", "cpu"));
        assertTrue(run.code() != 0);
        assertTrue(run.err().contains("use the .safetensors version"), run.err());
        assertTrue(!run.err().contains("\tat org."), run.err());
    }
}
