package org.sandpaint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.checkpoint.TinySd1Cases;
import org.sandpaint.engine.image.ImageLoader;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.image.Npy;
import org.sandpaint.engine.image.PngText;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --lora-dir, --embeddings-dir and --vae reproduce the tiny checkpoint's LoRA, embedding and VAE cases. */
class ExtraNetworksCliTest {

    @TempDir
    Path dir;

    private static String[] run(List<String> args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SandpaintCli.execute(args.toArray(new String[0]));
            return new String[]{Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static List<String> args(TinySd1Cases fixture, JsonNode c, Path png, Path npy) {
        return new ArrayList<>(List.of("generate", "--model", fixture.checkpoint().toString(),
                "--prompt", c.get("prompt").asText(), "--negative", c.get("negative").asText(),
                "--seed", c.get("seed").asText(), "--steps", c.get("steps").asText(), "--cfg", c.get("cfg").asText(),
                "--sampler", c.get("sampler").asText(), "--clip-skip", c.get("clip_skip").asText(),
                "--width", c.get("width").asText(), "--height", c.get("height").asText(), "--device", "cpu",
                "--out", png.toString(), "--latents-out", npy.toString(), "--quiet"));
    }

    @Test
    void reproducesTheLoraEmbeddingAndVaeCases() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        for (String name : List.of("t2i_lora", "t2i_embedding", "t2i_alt_vae")) {
            JsonNode c = fixture.find(name);
            Path png = dir.resolve(name + ".png");
            Path npy = dir.resolve(name + ".npy");
            List<String> args = args(fixture, c, png, npy);
            args.addAll(List.of("--lora-dir", fixture.dir().resolve("loras").toString(),
                    "--embeddings-dir", fixture.dir().resolve("embeddings").toString()));
            if (c.has("vae")) {
                args.addAll(List.of("--vae", fixture.dir().resolve(c.get("vae").asText()).toString()));
            }
            String[] run = run(args);
            assertEquals("0", run[0], run[1]);
            assertFalse(run[1].contains("warning"), run[1]);
            TinySd1Cases.assertLatentsMatch(TinySd1Cases.latents(c), Npy.readFloat32(npy), name);
            TinySd1Cases.assertImageMatches(fixture.expectedImage(name), ImageLoader.loadRgb(png), 2, name);
            Infotext info = Infotext.parse(PngText.read(png).get("parameters"));
            assertEquals(name.equals("t2i_lora"), info.get("Lora hashes").isPresent(), name);
            assertEquals(name.equals("t2i_embedding"), info.get("TI hashes").isPresent(), name);
        }
    }

    @Test
    void anUnknownLoraIsAWarningAndAVaeThatIsNotOneAClearError() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        JsonNode c = fixture.find("t2i_euler_a");
        List<String> args = args(fixture, c, dir.resolve("a.png"), dir.resolve("a.npy"));
        args.set(args.indexOf("--prompt") + 1, "a cabin <lora:nowhere:0.7>");
        args.set(args.indexOf("--steps") + 1, "1");
        args.addAll(List.of("--lora-dir", fixture.dir().resolve("loras").toString()));
        String[] run = run(args);
        assertEquals("0", run[0], run[1]);
        assertTrue(run[1].contains("warning: <lora:nowhere:0.7> in the prompt was ignored: no LoRA of that name"), run[1]);
        assertEquals(1, run[1].split("warning:", -1).length - 1, run[1]);

        List<String> badVae = args(fixture, c, dir.resolve("b.png"), dir.resolve("b.npy"));
        badVae.addAll(List.of("--vae", fixture.dir().resolve("loras/tiny-style.safetensors").toString()));
        run = run(badVae);
        assertTrue(!run[0].equals("0"));
        assertTrue(run[1].contains("not a VAE file") && !run[1].contains("\tat org."), run[1]);
        assertTrue(Files.notExists(dir.resolve("b.png")));
    }
}
