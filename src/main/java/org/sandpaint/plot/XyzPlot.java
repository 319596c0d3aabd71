package org.sandpaint.plot;

import org.sandpaint.engine.Engine;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.ModelException;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The WebUI's X/Y/Z plot: one job renders the request once per combination of up to three axes' values
 * and lays the pictures out as a labelled grid (X across, Y down, one sub-grid per Z value side by side).
 *
 * <p>Seeds follow the WebUI's {@code fix_seed}: a random seed (-1) is drawn once for the whole plot, so
 * cells differ only by their axis values; a seed axis sets each cell's seed itself. Every cell is checked
 * when the plot is made, so a bad value fails before anything renders.
 */
public final class XyzPlot {

    /** The infotext's {@code Script} value, as the WebUI names the script. */
    public static final String SCRIPT = "X/Y/Z plot";

    /** The WebUI's default limit on a grid's size (opts.img_max_size_mp, 200 megapixels). */
    static final long MAX_GRID_PIXELS = 200_000_000L;

    private static final String[] LETTERS = {"X", "Y", "Z"};

    private final GenerationRequest base;
    private final List<Axis> axes;
    private final List<PlotCell> cells;

    /**
     * @param request the request every cell starts from
     * @param x       the first axis; {@code y} and {@code z} may be null (no such axis)
     */
    public XyzPlot(GenerationRequest request, Axis x, Axis y, Axis z) {
        if (x == null) {
            throw new IllegalArgumentException("A plot needs at least an X axis, e.g. --x \"steps: 10,20\".");
        }
        this.base = request.seed() == -1 ? request.toBuilder().seed(Engine.resolveSeed(-1)).build() : request;
        this.axes = List.of(x, orNone(y), orNone(z));
        for (int a = 0; a < 3; a++) {
            confirm(a);
        }
        this.cells = buildCells();
        long pixels = cells.stream().mapToLong(c -> (long) c.request().width() * c.request().height()).max().orElse(0)
                * cells.size();
        if (pixels > MAX_GRID_PIXELS) {
            throw new IllegalArgumentException("The grid would have " + pixels / 1_000_000 + " megapixels (at most "
                    + MAX_GRID_PIXELS / 1_000_000 + "): use fewer values or a smaller size.");
        }
    }

    private static Axis orNone(Axis axis) {
        return axis == null ? Axis.NONE : axis;
    }

    /** Each value alone on the base request, so that a message can name the axis. */
    private void confirm(int a) {
        Axis axis = axes.get(a);
        for (AxisValue value : axis.values()) {
            try {
                value.change().apply(new PlotCell(base, null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(LETTERS[a] + " axis (" + axis.type().label() + "), value '"
                        + value.text() + "': " + Axis.sentence(e.getMessage()), e);
            }
        }
    }

    private List<PlotCell> buildCells() {
        List<PlotCell> out = new ArrayList<>();
        for (AxisValue zv : z().values()) {
            for (AxisValue yv : y().values()) {
                for (AxisValue xv : x().values()) {
                    PlotCell start = new PlotCell(base, null);
                    try {
                        out.add(zv.change().apply(yv.change().apply(xv.change().apply(start))));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("The cell " + describe(xv, yv, zv) + " cannot be rendered: "
                                + Axis.sentence(e.getMessage()), e);
                    }
                }
            }
        }
        return out;
    }

    private static String describe(AxisValue... values) {
        return String.join(", ", Arrays.stream(values).map(AxisValue::label).filter(l -> !l.isEmpty()).toList());
    }

    public Axis x() {
        return axes.get(0);
    }

    public Axis y() {
        return axes.get(1);
    }

    public Axis z() {
        return axes.get(2);
    }

    /** The request every cell starts from, its random seed already drawn. */
    public GenerationRequest baseRequest() {
        return base;
    }

    /** Every cell, X fastest, then Y, then Z (the grid's order). */
    public List<PlotCell> cells() {
        return cells;
    }

    /**
     * Renders every cell and draws the grid. Checkpoints are checked first; an interrupt stops after the
     * current cell and the grid shows what was rendered.
     */
    public PlotResult run(PlotEngines engines, PlotListener listener, GenerationControl control) throws ModelException {
        PlotListener events = listener == null ? PlotListener.NONE : listener;
        GenerationControl stop = control == null ? new GenerationControl() : control;
        Set<String> checkpoints = new LinkedHashSet<>();
        cells.stream().map(PlotCell::checkpoint).filter(c -> c != null).forEach(checkpoints::add);
        for (String checkpoint : checkpoints) {
            engines.check(checkpoint);
        }
        int nx = x().size();
        int ny = y().size();
        BufferedImage[] pictures = new BufferedImage[cells.size()];
        List<CellResult> done = new ArrayList<>();
        boolean interrupted = false;
        for (int index : runOrder()) {
            PlotCell cell = cells.get(index);
            events.onCellStart(cell, done.size() + 1, cells.size());
            GenerationResult result = engines.engine(cell.checkpoint()).generate(cell.request(), events, stop);
            CellResult finished = new CellResult(index % nx, index / nx % ny, index / (nx * ny), cell, result);
            done.add(finished);
            if (!result.images().isEmpty()) {
                pictures[index] = result.images().get(0).image();
            }
            events.onCell(finished);
            if (result.interrupted() || stop.isInterrupted()) {
                interrupted = true;
                break;
            }
        }
        if (done.stream().allMatch(c -> c.result().images().isEmpty())) {
            return new PlotResult(null, null, done, interrupted);
        }
        BufferedImage grid = GridImage.draw(Arrays.asList(pictures), labels(x()), labels(y()), labels(z()));
        return new PlotResult(grid, gridInfotext(firstInfotext(done)), done, interrupted);
    }

    /** Cell indexes in run order: the costliest axis outermost, else Z, then Y, then X (the WebUI's loops). */
    List<Integer> runOrder() {
        List<Integer> nesting = new ArrayList<>(List.of(2, 1, 0)); // outermost first
        nesting.sort(Comparator.comparingDouble((Integer a) -> -axes.get(a).type().cost()));
        int[] sizes = {x().size(), y().size(), z().size()};
        List<Integer> order = new ArrayList<>();
        int[] i = new int[3];
        for (i[nesting.get(0)] = 0; i[nesting.get(0)] < sizes[nesting.get(0)]; i[nesting.get(0)]++) {
            for (i[nesting.get(1)] = 0; i[nesting.get(1)] < sizes[nesting.get(1)]; i[nesting.get(1)]++) {
                for (i[nesting.get(2)] = 0; i[nesting.get(2)] < sizes[nesting.get(2)]; i[nesting.get(2)]++) {
                    order.add(i[0] + i[1] * sizes[0] + i[2] * sizes[0] * sizes[1]);
                }
            }
        }
        return order;
    }

    private static List<String> labels(Axis axis) {
        return axis.values().stream().map(AxisValue::label).toList();
    }

    /** The WebUI takes the grid's parameters from its first cell (X, Y and Z at their first values). */
    private static Infotext firstInfotext(List<CellResult> done) {
        return done.stream().filter(c -> !c.result().images().isEmpty())
                .min(Comparator.comparingInt((CellResult c) -> c.z()).thenComparingInt(CellResult::y).thenComparingInt(CellResult::x))
                .map(c -> c.result().images().get(0)).map(GeneratedImage::infotext).orElseThrow();
    }

    /**
     * A cell's infotext plus the plot's keys as the WebUI writes them: {@code Script}, then per axis in use
     * {@code X Type}, {@code X Values} (as typed) and, for a seed axis, {@code Fixed X Values} (the seeds drawn).
     */
    public Infotext gridInfotext(Infotext cell) {
        Infotext info = cell.with("Script", SCRIPT);
        for (int a = 0; a < 3; a++) {
            Axis axis = axes.get(a);
            if (axis.isNone()) {
                continue;
            }
            info = info.with(LETTERS[a] + " Type", axis.type().label()).with(LETTERS[a] + " Values", axis.text());
            if (axis.type() == AxisTypes.SEED) {
                info = info.with("Fixed " + LETTERS[a] + " Values",
                        String.join(", ", axis.values().stream().map(AxisValue::text).toList()));
            }
        }
        return info;
    }
}
