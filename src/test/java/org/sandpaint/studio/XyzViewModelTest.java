package org.sandpaint.studio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.ImageFiles;
import org.sandpaint.engine.Infotext;
import org.sandpaint.plot.AxisTypes;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The X/Y/Z plot panel's view model on the fake engine. */
class XyzViewModelTest {

    @TempDir
    Path data;

    private final FakeEngineService engine = new FakeEngineService();
    private StudioViewModel vm;
    private XyzViewModel xyz;

    @BeforeEach
    void create() {
        vm = new StudioViewModel(engine, Runnable::run, new History(data.resolve("history.json")), data.resolve("outputs"));
        xyz = vm.xyz();
    }

    @Test
    void eachAxisShowsTheServicesMessageAndThePanelSaysWhyItCannotRun() {
        assertEquals("Open a model to generate (Open model...).", xyz.problemProperty().get());
        vm.model().load(data.resolve("tiny"));
        assertEquals("", xyz.problemProperty().get());
        assertEquals("3 pictures, one job", xyz.summaryProperty().get(), "the default: steps 10, 20, 30");

        XyzViewModel.AxisInput y = xyz.axes().get(1);
        y.typeProperty().set(AxisTypes.CFG_SCALE);
        y.valuesProperty().set("5-9 [3]");
        assertEquals("", y.messageProperty().get());
        assertEquals("9 pictures, one job", xyz.summaryProperty().get());
        y.valuesProperty().set("5, lots");
        assertTrue(y.messageProperty().get().startsWith("Y axis (CFG Scale): "), y.messageProperty().get());
        assertEquals(y.messageProperty().get(), xyz.problemProperty().get());
        y.valuesProperty().set("45");
        assertTrue(y.messageProperty().get().startsWith("Y axis (CFG Scale): "), "out of the specification's range: "
                + y.messageProperty().get());
        assertEquals(y.messageProperty().get(), xyz.problemProperty().get());

        xyz.axes().get(0).typeProperty().set(null);
        assertEquals("Choose what the X axis varies.", xyz.problemProperty().get());
        xyz.run();
        assertEquals(0, engine.waitingPlots());
        assertTrue(vm.statusProperty().get().startsWith("The X/Y/Z plot cannot run: Choose what"));
    }

    @Test
    void thePlotRunsAsOneQueuedJobAndItsGridLandsInTheHistory() throws Exception {
        vm.model().load(data.resolve("tiny"));
        vm.parameters().promptProperty().set("a red circle");
        vm.parameters().seedTextProperty().set("3");
        vm.generate();
        xyz.axes().get(0).valuesProperty().set("4, 8");
        xyz.run();
        assertEquals(1, vm.jobs().queue().size(), "behind the running job");
        assertTrue(vm.jobs().describe(vm.jobs().queue().get(0)).startsWith("Queued X/Y/Z plot (2 pictures): a red circle"));
        engine.runNext();
        assertEquals(1, engine.waitingPlots(), "the plot started when the job ended");
        engine.runNextPlot(Integer.MAX_VALUE);

        assertEquals("Done: X/Y/Z plot of 2 of 2 pictures; the grid is in the history.", vm.statusProperty().get());
        // The job's picture, the two cells, then the grid.
        assertEquals(4, vm.history().entries().size());
        History.Entry grid = vm.history().entries().get(3);
        assertTrue(grid.file().endsWith("xyz-grid.png"), grid.file());
        Infotext saved = Infotext.parse(ImageFiles.readParameters(Path.of(grid.file())).orElseThrow());
        assertEquals("X/Y/Z plot", saved.get("Script").orElse(""));
        assertEquals("4, 8", saved.get("X Values").orElse(""));
        assertEquals(16, vm.jobs().previewImageProperty().get().getWidth(), "the grid is shown");
        assertFalse(vm.jobs().runningProperty().get());
    }

    @Test
    void anInterruptedPlotKeepsItsGridOfWhatWasRendered() {
        vm.model().load(data.resolve("tiny"));
        xyz.run();
        engine.runNextPlot(1);
        assertEquals("Interrupted: X/Y/Z plot of 1 of 3 pictures; the grid is in the history.", vm.statusProperty().get());
        vm.jobs().clearQueue();
    }
}
