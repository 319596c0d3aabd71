package org.sandpaint.cli;

import org.sandpaint.app.UserFolders;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.ImageFiles;
import org.sandpaint.engine.ModelInfo;
import org.sandpaint.plot.Axis;
import org.sandpaint.plot.CellResult;
import org.sandpaint.plot.FolderEngines;
import org.sandpaint.plot.PlotCell;
import org.sandpaint.plot.PlotListener;
import org.sandpaint.plot.PlotResult;
import org.sandpaint.plot.XyzPlot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** The WebUI's X/Y/Z plot: one picture per combination of axis values, and a labelled grid of them all. */
@Command(name = "xyz", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render a grid over up to three axes (the WebUI's X/Y/Z plot).",
                "Axis types: Seed, Steps, CFG Scale (cfg), Prompt S/R, Sampler, Checkpoint name (checkpoint), "
                        + "Clip skip, Denoising, Size. Values: comma lists (\"quoted, when they hold commas\"), "
                        + "ranges 1-5, 1-10 (+2), 10-20 [5], 1.5-3 (+0.5).",
                "Example: sandpaint xyz --prompt \"a red circle\" --x \"steps: 10,20\" --y \"cfg: 3-7 (+2)\""},
        defaultValueProvider = ParameterDefaults.class, resourceBundle = "org.sandpaint.cli.ParameterRanges")
final class XyzCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LoadOptions load = new LoadOptions();

    @Option(names = "--x", required = true, paramLabel = "TYPE: VALUES", description = "The columns, e.g. \"steps: 10,20\".")
    String x;

    @Option(names = "--y", paramLabel = "TYPE: VALUES", description = "The rows, e.g. \"cfg: 3-7 (+2)\".")
    String y;

    @Option(names = "--z", paramLabel = "TYPE: VALUES", description = "One grid per value, side by side.")
    String z;

    @CommandLine.Mixin
    GenerationOptions generation = new GenerationOptions();

    @Option(names = "--out-dir", defaultValue = "outputs",
            description = "Folder for the cells (xyz-cell-N.png) and the grid (xyz-grid.png); nothing is overwritten "
                    + "(default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ModelInfo model = ModelInfo.check(load.model.folder());
        XyzPlot plot = new XyzPlot(generation.request(model.nativeSize()), Axis.parse("X", x),
                y == null ? null : Axis.parse("Y", y), z == null ? null : Axis.parse("Z", z));
        EngineOptions options = load.engineOptions(UserFolders.forCurrentUser().modelHashCache());
        try (Engine engine = Engine.open(model, options); FolderEngines engines = new FolderEngines(engine, options)) {
            if (!engine.cudaFallbackReason().isEmpty()) {
                System.err.println("note: running on the CPU, CUDA is not available: " + engine.cudaFallbackReason());
            }
            if (!quiet) {
                System.err.printf(Locale.ROOT, "X/Y/Z plot: %d cells, model %s on %s%n", plot.cells().size(),
                        engine.model().name(), engine.provider());
            }
            PlotResult result = plot.run(engines, new Listener(plot), new GenerationControl());
            if (result.grid() != null) {
                System.out.println(ImageFiles.savePng(result.grid(), result.infotext(), outDir.resolve("xyz-grid.png")));
            }
            if (result.interrupted()) {
                System.err.println("interrupted after " + result.cells().size() + " of " + plot.cells().size() + " cells");
            }
        }
        return 0;
    }

    /** Saves each cell as soon as it is rendered and says which one runs. */
    private final class Listener implements PlotListener {
        private final XyzPlot plot;

        Listener(XyzPlot plot) {
            this.plot = plot;
        }

        @Override
        public void onCellStart(PlotCell cell, int number, int total) {
            if (!quiet) {
                System.err.printf(Locale.ROOT, "cell %d/%d%n", number, total);
            }
        }

        @Override
        public void onCell(CellResult cell) {
            cell.result().warnings().forEach(w -> System.err.println("warning: " + w));
            int index = cell.x() + cell.y() * plot.x().size() + cell.z() * plot.x().size() * plot.y().size();
            try {
                for (GeneratedImage image : cell.result().images()) {
                    System.out.println(ImageFiles.savePng(image.image(), image.infotext(),
                            outDir.resolve("xyz-cell-" + (index + 1) + ".png")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot save a cell in " + outDir + ": " + e.getMessage(), e);
            }
        }
    }
}
