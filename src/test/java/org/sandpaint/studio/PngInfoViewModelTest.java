package org.sandpaint.studio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.ImageFiles;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.Sampler;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PNG Info on the fake engine: what a PNG holds, what would not be restored, and sending it to a mode. */
class PngInfoViewModelTest {

    /** As the WebUI writes it: a hires fix key we do not use, a sampler we lack, another model. */
    private static final String WEBUI = "a lighthouse at dusk\nNegative prompt: blurry\nSteps: 28, Sampler: "
            + "DPM++ 3M SDE, Schedule type: Exponential, CFG scale: 6.5, Seed: 1234, Size: 64x96, Model hash: "
            + "6ce0161689, Model: v1-5-pruned-emaonly, Denoising strength: 0.45, Hires upscale: 2, Version: v1.9.4";

    @TempDir
    Path data;

    private final FakeEngineService engine = new FakeEngineService();
    private StudioViewModel vm;

    @BeforeEach
    void create() {
        vm = new StudioViewModel(engine, Runnable::run, new History(data.resolve("history.json")), data.resolve("outputs"));
    }

    private Path png(String parameters) throws Exception {
        BufferedImage picture = new BufferedImage(64, 96, BufferedImage.TYPE_INT_RGB);
        return ImageFiles.savePng(picture, Infotext.parse(parameters), data.resolve("webui.png"));
    }

    @Test
    void saysWhatWouldNotBeRestoredAndRestoresTheRestToTheChosenMode() throws Exception {
        vm.model().load(data.resolve("tiny"));
        PngInfoViewModel info = vm.pngInfo();
        info.open(png(WEBUI));
        assertNotNull(info.pictureProperty().get());
        assertEquals("webui.png (64x96)", info.fileNameProperty().get());
        assertTrue(info.textProperty().get().startsWith("a lighthouse at dusk\nNegative prompt: blurry\n"));
        assertEquals(List.of(
                "Made with model v1-5-pruned-emaonly (hash 6ce0161689), but the loaded model is tiny: the same "
                        + "parameters will give a different picture.",
                "Sampler \"DPM++ 3M SDE Exponential\" is not available here; kept Euler a.",
                "Not used here, kept only in the text: Hires upscale."), info.notes());
        assertEquals("", vm.parameters().promptProperty().get(), "opening alone changes no field");

        info.sendTo(Mode.IMAGE_TO_IMAGE);
        ParametersViewModel p = vm.parameters();
        assertEquals(Mode.IMAGE_TO_IMAGE, p.modeProperty().get());
        assertEquals(List.of("a lighthouse at dusk", "blurry", 28, 6.5, "1234", 64, 96, 0.45),
                List.of(p.promptProperty().get(), p.negativePromptProperty().get(), p.stepsProperty().get(),
                        p.cfgScaleProperty().get(), p.seedTextProperty().get(), p.widthProperty().get(),
                        p.heightProperty().get(), p.source().strengthProperty().get()));
        assertEquals(Sampler.EULER_A, p.samplerProperty().get());
        assertNotNull(p.source().sourceImageProperty().get(), "the picture is the source");
        assertTrue(vm.statusProperty().get().contains("Not restored: Made with model v1-5-pruned-emaonly"),
                vm.statusProperty().get());
    }

    @Test
    void ourOwnPictureComesBackWithoutNotesOnTheModelThatMadeIt() throws Exception {
        vm.model().load(data.resolve("tiny"));
        PngInfoViewModel info = vm.pngInfo();
        info.open(png("a red circle\nSteps: 4, Sampler: Euler a, CFG scale: 7, Seed: 3, Size: 64x64, Model: tiny, "
                + "RNG: CPU, Version: Sandpaint dev"));
        assertEquals(List.of(), info.notes());
        info.sendTo(Mode.TEXT_TO_IMAGE);
        assertEquals("a red circle", vm.parameters().promptProperty().get());
        assertEquals("Parameters of webui.png sent to text to image.", vm.statusProperty().get());
    }

    @Test
    void aPictureMadeWithTheGpuGeneratorIsSaidToComeOutDifferently() throws Exception {
        PngInfoViewModel info = vm.pngInfo();
        info.open(png("a red circle\nSteps: 4, Seed: 3, RNG: NV"));
        assertEquals(List.of("Made with the NV random generator; this studio draws noise as the CPU one, so the same "
                + "seed gives another picture."), info.notes());
    }

    @Test
    void aPictureWithoutParametersOrNoPictureAtAllIsSaidSo() throws Exception {
        PngInfoViewModel info = vm.pngInfo();
        Path plain = data.resolve("plain.png");
        javax.imageio.ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", plain.toFile());
        info.open(plain);
        assertEquals(List.of("This picture has no generation parameters (no \"parameters\" text in the PNG)."), info.notes());
        info.sendTo(Mode.TEXT_TO_IMAGE);
        assertEquals("Open a PNG with generation parameters first.", vm.statusProperty().get());

        Path text = data.resolve("notes.png");
        java.nio.file.Files.writeString(text, "not a picture");
        info.open(text);
        assertTrue(!vm.errorProperty().get().isEmpty(), "the error line says why");
        assertEquals("plain.png (8x8)", info.fileNameProperty().get(), "the panel keeps the last picture");
    }
}
