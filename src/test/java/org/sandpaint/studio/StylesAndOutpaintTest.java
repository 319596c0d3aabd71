package org.sandpaint.studio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.styles.PromptStyle;
import org.sandpaint.styles.StyleLibrary;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The styles picker's and the outpaint options' view models on the fake engine. */
class StylesAndOutpaintTest {

    @TempDir
    Path data;

    private final FakeEngineService engine = new FakeEngineService();
    private StudioViewModel vm;
    private ParametersViewModel p;

    @BeforeEach
    void create() {
        vm = new StudioViewModel(engine, Runnable::run, new History(data.resolve("history.json")), data.resolve("outputs"),
                data.resolve("styles.csv"));
        p = vm.parameters();
        vm.model().load(data.resolve("tiny"));
    }

    @Test
    void importedAndSavedStylesApplyInTheOrderChosenAndTheTypedPromptStays() throws Exception {
        Path webui = data.resolve("webui-styles.csv");
        Files.writeString(webui, "name,prompt,negative_prompt\r\nCinematic,\"film still of {prompt}, dramatic light\","
                + "cartoon\r\n", StandardCharsets.UTF_8);
        vm.styles().importFrom(webui);
        assertEquals(List.of("Cinematic"), vm.styles().names());
        assertEquals("Imported 1 style(s) from webui-styles.csv.", vm.statusProperty().get());

        p.promptProperty().set("sharp focus");
        p.negativePromptProperty().set("");
        vm.styles().saveCurrent(" Sharp ");
        assertEquals(List.of("Cinematic", "Sharp"), vm.styles().names());
        assertEquals(new PromptStyle("Sharp", "sharp focus", ""), StyleLibrary.load(data.resolve("styles.csv")).get("Sharp").get());

        p.promptProperty().set("a lighthouse");
        p.negativePromptProperty().set("blurry");
        vm.styles().choose("Cinematic", true);
        vm.styles().choose("Sharp", true);
        vm.generate();
        GenerationRequest sent = engine.submitted().get(0);
        // Each style wraps the result of the one before (PromptStyle.merge): {prompt} first, then ", " joins.
        assertEquals("film still of a lighthouse, dramatic light, sharp focus", sent.prompt());
        assertEquals("blurry, cartoon", sent.negativePrompt());
        assertEquals("a lighthouse", p.promptProperty().get(), "the prompt box keeps what was typed");

        vm.styles().choose("Cinematic", false);
        engine.runNext();
        vm.generate();
        assertEquals("a lighthouse, sharp focus", engine.submitted().get(1).prompt());

        Path out = data.resolve("export.csv");
        vm.styles().exportTo(out);
        assertEquals(List.of("Cinematic", "Sharp"), StyleLibrary.readFile(out).stream().map(PromptStyle::name).toList());
    }

    @Test
    void aDamagedStylesFileIsSaidAndLeftAlone() throws Exception {
        Path bad = data.resolve("bad-styles.csv");
        Files.write(bad, new byte[] {(byte) 0xC3, (byte) 0x28, 'x'});
        StudioViewModel other = new StudioViewModel(engine, Runnable::run, new History(data.resolve("h2.json")),
                data.resolve("outputs"), bad);
        assertTrue(other.errorProperty().get().startsWith("Saved styles could not be read"), other.errorProperty().get());
        other.parameters().promptProperty().set("x");
        other.styles().saveCurrent("Mine");
        assertEquals(3, Files.size(bad), "the damaged file is untouched");
        assertTrue(Files.exists(data.resolve("bad-styles.csv.new")));
        other.styles().saveCurrent("  ");
        assertEquals("The style was not saved: A style needs a name.", other.errorProperty().get());
    }

    @Test
    void outpaintingExtendsTheCanvasWithTheEnginesChecksAtTheFields() throws Exception {
        Path source = data.resolve("source.png");
        javax.imageio.ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", source.toFile());
        p.source().openSource(source);
        p.modeProperty().set(Mode.IMAGE_TO_IMAGE);
        SourceViewModel s = p.source();
        s.outpaintProperty().set(true);
        s.outpaintLeftProperty().set(64);
        s.outpaintRightProperty().set(0);
        s.outpaintUpProperty().set(12);
        assertEquals("Outpainting up must be 0 or more pixels in steps of 8, got 12.", p.outpaintCheck().messageProperty().get());
        assertFalse(vm.canGenerateProperty().get());
        s.outpaintUpProperty().set(0);
        assertTrue(vm.canGenerateProperty().get(), vm.generateHintProperty().get());
        vm.generate();
        GenerationRequest sent = engine.submitted().get(0);
        assertEquals(List.of(128, 64), List.of(sent.width(), sent.height()));
        assertNotNull(sent.initImage().inpaint(), "outpainting is an inpainting of the enlarged canvas");
        assertEquals(128, sent.initImage().image().getWidth());

        s.outpaintLeftProperty().set(0);
        assertEquals("Outpainting needs at least one side to extend, e.g. 64,64,0,0 (left, right, up, down in pixels).",
                vm.generateHintProperty().get());
        p.modeProperty().set(Mode.INPAINT);
        assertEquals("", p.outpaintCheck().messageProperty().get(), "only image to image outpaints");
    }
}
