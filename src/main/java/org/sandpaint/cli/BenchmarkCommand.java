package org.sandpaint.cli;

import org.sandpaint.engine.Engine;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.Timings;
import org.sandpaint.engine.Sampler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Measures where a generation's time goes, per step: UNet (inside ONNX Runtime and as seen from Java),
 * scheduler and guidance arithmetic, preview cost (a run with a full preview every step against one
 * without), and the engine's own overhead. A benchmark, not a test: figures go to docs/benchmarks.md.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure per-step costs of a generation (figures for docs/benchmarks.md).")
final class BenchmarkCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LoadOptions load = new LoadOptions();

    @Option(names = "--steps", defaultValue = "10", description = "Steps per measured run.")
    int steps;

    @Option(names = "--size", defaultValue = "512", description = "Width and height in pixels.")
    int size;

    @Option(names = "--sampler", defaultValue = "Euler a", description = "Sampler to measure.")
    String sampler;

    @Option(names = "--runs", defaultValue = "2", description = "Measured runs of each kind (after one warm-up).")
    int runs;

    @Override
    public Integer call() throws Exception {
        GenerationRequest plain = GenerationRequest.builder("a lighthouse on a cliff at dusk, oil painting")
                .negativePrompt("blurry").seed(1).steps(steps).sampler(Sampler.parse(sampler)).size(size, size).build();
        GenerationRequest previewed = plain.toBuilder().preview(1, PreviewMethod.FULL).build();
        GenerationRequest cheap = plain.toBuilder().preview(1, PreviewMethod.APPROX_CHEAP).build();

        long loadStart = System.nanoTime();
        try (Engine engine = Engine.open(load.model.check(), load.engineOptions(null))) {
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            System.out.printf(Locale.ROOT, "model %s on %s, optimization %s, %dx%d, %d steps, %s, CFG on%n",
                    engine.model().name(), engine.provider(), load.optimization, size, size, steps, plain.sampler());
            System.out.printf(Locale.ROOT, "session load: %.2f s%n", loadSeconds);
            engine.generate(plain.toBuilder().steps(Math.min(2, steps)).build(), null, null); // warm-up

            Timings base = best(engine, plain);
            Timings full = best(engine, previewed);
            Timings approx = best(engine, cheap);
            double n = base.unetCalls();
            System.out.printf(Locale.ROOT, "per step (ms): total %.1f | UNet in ORT %.1f | UNet call overhead %.2f | "
                            + "scheduler+guidance %.3f | engine overhead %.2f%n",
                    ms(base.total()) / n, ms(base.unetOnnx()) / n, ms(base.unet() - base.unetOnnx()) / n,
                    ms(base.scheduler()) / n, ms(base.overhead()) / n);
            System.out.printf(Locale.ROOT, "text encoding: %.1f ms, final decode: %.1f ms%n",
                    ms(base.text()), ms(base.decode()));
            System.out.printf(Locale.ROOT, "preview cost per step (ms): full VAE decode %.1f, approx cheap %.2f%n",
                    ms(full.preview()) / Math.max(1, steps - 1), ms(approx.preview()) / Math.max(1, steps - 1));
            System.out.printf(Locale.ROOT, "peak heap used: %d MB, RSS: %s%n",
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, residentSetSize());
        }
        return 0;
    }

    /** The fastest of {@code runs} runs: on shared machines the minimum is the least noisy figure. */
    private Timings best(Engine engine, GenerationRequest request) throws Exception {
        Timings best = null;
        for (int i = 0; i < runs; i++) {
            Timings t = engine.generate(request, null, null).timings();
            if (best == null || t.total() < best.total()) {
                best = t;
            }
        }
        return best;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String residentSetSize() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).trim() + " (peak)";
                }
            }
        } catch (Exception e) {
            // not Linux: no /proc
        }
        return "n/a";
    }
}
