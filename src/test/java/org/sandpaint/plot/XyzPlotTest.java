package org.sandpaint.plot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.Sampler;
import org.sandpaint.testing.TestModels;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plots on the tiny test model: every cell is the picture a direct generation with its values makes. */
class XyzPlotTest {

    private static final EngineOptions CPU = EngineOptions.defaults().withDevice(Device.CPU);
    private static Engine engine;

    @BeforeAll
    static void open() throws ModelException {
        engine = Engine.open(TestModels.folder("tiny-optimum"), CPU);
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static GenerationRequest.Builder base() {
        return GenerationRequest.builder("a red circle").negativePrompt("blurry").size(64, 64).seed(-1);
    }

    @Test
    void everyCellEqualsADirectGenerationAndTheGridHoldsThemUnderTheirLabels() throws Exception {
        XyzPlot plot = new XyzPlot(base().build(), Axis.parse("X", "steps: 1,2"), Axis.parse("Y", "sampler: euler, ddim"),
                Axis.parse("Z", "Prompt S/R: red, blue"));
        long seed = plot.baseRequest().seed();
        assertTrue(seed >= 0, "a random seed is drawn once for the whole plot");
        List<CellResult> seen = new ArrayList<>();
        PlotResult result = plot.run(new FolderEngines(engine, CPU), new PlotListener() {
            @Override
            public void onCell(CellResult cell) {
                seen.add(cell);
            }
        }, new GenerationControl());
        assertEquals(8, result.cells().size());
        assertEquals(result.cells(), seen);
        assertFalse(result.interrupted());

        BufferedImage grid = result.grid();
        int padLeft = grid.getWidth() / 2 - 2 * 64;
        int padTop = grid.getHeight() - 2 * 64;
        assertTrue(padLeft >= 48, "a band for the row labels: " + padLeft);
        assertTrue(padTop >= 2 * GridImage.MIN_FONT, "bands for the Z titles and the column labels: " + padTop);
        for (CellResult cell : result.cells()) {
            GenerationRequest direct = GenerationRequest.builder(cell.z() == 0 ? "a red circle" : "a blue circle")
                    .negativePrompt("blurry").size(64, 64).seed(seed).steps(cell.x() + 1)
                    .sampler(cell.y() == 0 ? Sampler.EULER : Sampler.DDIM).build();
            BufferedImage expected = engine.generate(direct, null, null).images().get(0).image();
            BufferedImage got = cell.result().images().get(0).image();
            assertArrayEquals(pixels(expected, 0, 0), pixels(got, 0, 0), "cell " + cell);
            int left = cell.z() * (grid.getWidth() / 2) + padLeft + cell.x() * 64;
            assertArrayEquals(pixels(expected, 0, 0), pixels(grid, left, padTop + cell.y() * 64), "grid at " + cell);
            assertEquals(seed, cell.result().images().get(0).seed());
        }
        assertTrue(hasText(grid, padLeft, 0, grid.getWidth() / 2 - padLeft, padTop), "column labels on top");
        assertTrue(hasText(grid, 0, padTop, padLeft, 128), "row labels at the left");

        Infotext info = result.infotext();
        assertEquals("a red circle", info.prompt());
        assertEquals("X/Y/Z plot", info.get("Script").orElseThrow());
        assertEquals("Steps", info.get("X Type").orElseThrow());
        assertEquals("1,2", info.get("X Values").orElseThrow());
        assertEquals("Sampler", info.get("Y Type").orElseThrow());
        assertEquals("euler, ddim", info.get("Y Values").orElseThrow());
        assertEquals("Prompt S/R", info.get("Z Type").orElseThrow());
        assertEquals("red, blue", info.get("Z Values").orElseThrow());
        assertEquals(info, Infotext.parse(info.format()), "the grid's infotext reads back");
    }

    @Test
    void oneAxisMakesOneRowWithoutALeftBandAndSeedAxesFixTheirRandomValues() throws Exception {
        XyzPlot plot = new XyzPlot(base().steps(1).build(), Axis.parse("X", "seed: 5, -1"), null, null);
        long drawn = Long.parseLong(plot.x().values().get(1).text());
        assertTrue(drawn >= 0);
        assertEquals(List.of(5L, drawn), plot.cells().stream().map(c -> c.request().seed()).toList());
        PlotResult result = plot.run(new FolderEngines(engine, CPU), null, null);
        assertEquals(2 * 64, result.grid().getWidth(), "no row labels, no left band");
        assertTrue(result.grid().getHeight() > 64);
        assertEquals("5, " + drawn, result.infotext().get("Fixed X Values").orElseThrow());
        assertEquals("5, -1", result.infotext().get("X Values").orElseThrow());
    }

    @Test
    void anInterruptStopsAfterTheCurrentCellAndLeavesTheRestBlank() throws Exception {
        XyzPlot plot = new XyzPlot(base().steps(1).build(), Axis.parse("X", "cfg: 1, 2, 3"), null, null);
        GenerationControl control = new GenerationControl();
        PlotResult result = plot.run(new FolderEngines(engine, CPU), new PlotListener() {
            @Override
            public void onCell(CellResult cell) {
                control.interrupt();
            }
        }, control);
        assertTrue(result.interrupted());
        assertEquals(1, result.cells().size());
        assertNotNull(result.grid());
        assertEquals(3 * 64, result.grid().getWidth());
    }

    @Test
    void aCheckpointAxisRendersEachModelAndRunsOutermost() throws Exception {
        Path legacy = TestModels.folder("tiny-legacy");
        Path optimum = engine.model().root();
        XyzPlot plot = new XyzPlot(base().steps(1).seed(7).build(), Axis.parse("X", "steps: 1, 2"),
                Axis.parse("Y", "checkpoint: \"" + optimum + "\", \"" + legacy + "\""), null);
        assertEquals(List.of(0, 1, 2, 3), plot.runOrder(), "checkpoint rows outermost: Y, then X");
        assertEquals(List.of(0, 2, 1, 3), new XyzPlot(base().build(), Axis.parse("X", "checkpoint: a, b"),
                Axis.parse("Y", "steps: 1, 2"), null).runOrder(), "checkpoint columns outermost: X, then Y");
        try (FolderEngines engines = new FolderEngines(engine, CPU); Engine other = Engine.open(legacy, CPU)) {
            PlotResult result = plot.run(engines, null, null);
            for (CellResult cell : result.cells()) {
                Engine direct = cell.y() == 0 ? engine : other;
                BufferedImage expected = direct.generate(base().steps(cell.x() + 1).seed(7).build(), null, null)
                        .images().get(0).image();
                assertArrayEquals(pixels(expected, 0, 0), pixels(cell.result().images().get(0).image(), 0, 0), "cell " + cell);
            }
            assertEquals(List.of(optimum.getFileName().toString(), legacy.getFileName().toString()),
                    plot.y().values().stream().map(AxisValue::label).toList());
        }
        assertEquals(optimum.toAbsolutePath().getParent().resolve("tiny-legacy"), new FolderEngines(engine, CPU).folder("tiny-legacy"),
                "a bare name is a folder next to the plot's model");
        XyzPlot missing = new XyzPlot(base().build(), Axis.parse("X", "checkpoint: no-such-model"), null, null);
        ModelException e = assertThrows(ModelException.class, () -> missing.run(new FolderEngines(engine, CPU), null, null));
        assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
    }

    @Test
    void valuesThatCannotApplyAreRefusedBeforeAnythingRenders() {
        IllegalArgumentException sr = assertThrows(IllegalArgumentException.class,
                () -> new XyzPlot(base().build(), Axis.parse("X", "steps: 1"), Axis.parse("Y", "prompt s/r: green, blue"), null));
        assertTrue(sr.getMessage().startsWith("Y axis (Prompt S/R), value 'green': 'green' is in neither the prompt"),
                sr.getMessage());
        IllegalArgumentException denoise = assertThrows(IllegalArgumentException.class,
                () -> new XyzPlot(base().build(), Axis.parse("X", "denoising: 0.5"), null, null));
        assertTrue(denoise.getMessage().contains("needs a source picture"), denoise.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> new XyzPlot(base().build(), Axis.parse("X", "size: 2048"), Axis.parse("Y", "seed: 1-60"), null));
        assertTrue(big.getMessage().contains("megapixels"), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new XyzPlot(base().build(), null, null, null));
    }

    private static int[] pixels(BufferedImage image, int x, int y) {
        return image.getRGB(x, y, 64, 64, null, 0, 64);
    }

    private static boolean hasText(BufferedImage image, int x, int y, int w, int h) {
        for (int py = y; py < y + h; py++) {
            for (int px = x; px < x + w; px++) {
                if ((image.getRGB(px, py) & 0xff) < 96) {
                    return true;
                }
            }
        }
        return false;
    }
}
