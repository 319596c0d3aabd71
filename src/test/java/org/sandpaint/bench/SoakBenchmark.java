package org.sandpaint.bench;

import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.Device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Soak benchmark (not a test; surefire does not pick it up): many generations in one process through the
 * engine, with the process's resident memory (RSS, Linux) sampled along the way. Native memory that leaks
 * per generation (tensors, sessions, arenas) shows as growth after the warm-up. Run it with a fixed,
 * pre-touched Java heap, so that the heap growing into its default maximum (a quarter of the RAM) is not
 * mistaken for a native leak. Figures: docs/benchmarks.md.
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.sandpaint.bench.SoakBenchmark [MODEL_DIR=models/demo] [GENERATIONS=200] [WARMUP=20] [STEPS=20]
 * </pre>
 */
public final class SoakBenchmark {

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args.length > 0 ? args[0] : "models/demo");
        int generations = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        try (Engine engine = Engine.open(model, EngineOptions.defaults().withDevice(Device.CPU))) {
            int size = engine.model().nativeSize();
            GenerationRequest.Builder request = GenerationRequest.builder("a red circle on a blue background")
                    .steps(steps).size(size, size);
            for (int i = 0; i < warmup; i++) {
                engine.generate(request.seed(i).build(), null, null);
            }
            long baseline = rssKb();
            long peak = baseline;
            long start = System.nanoTime();
            System.out.printf(Locale.ROOT, "model %s, %dx%d, %d steps; after %d warm-up generations RSS %.1f MB%n",
                    model, size, size, steps, warmup, baseline / 1024.0);
            for (int i = 1; i <= generations; i++) {
                engine.generate(request.seed(1000 + i).build(), null, null);
                long rss = rssKb();
                peak = Math.max(peak, rss);
                if (i % 20 == 0) {
                    System.out.printf(Locale.ROOT, "generation %4d  RSS %7.1f MB  (%+.2f%%)  Java heap committed %.0f MB%n",
                            i, rss / 1024.0, 100.0 * (rss - baseline) / baseline, heapCommittedMb());
                }
            }
            long end = rssKb();
            System.out.printf(Locale.ROOT, "%d generations in %.1f s; RSS %.1f -> %.1f MB (%+.2f%%), peak %.1f MB (%+.2f%%)%n",
                    generations, (System.nanoTime() - start) / 1e9, baseline / 1024.0, end / 1024.0,
                    100.0 * (end - baseline) / baseline, peak / 1024.0, 100.0 * (peak - baseline) / baseline);
        }
    }

    private static double heapCommittedMb() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1048576.0;
    }

    /** Resident set size in kB from /proc/self/status. */
    static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status (Linux only)");
    }
}
