package org.sandpaint.engine.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import org.sandpaint.engine.ModelException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The process's ONNX Runtime: its one environment, and a gate that keeps native calls and process exit
 * apart. Both are process-wide in ONNX Runtime itself, hence the one shared instance here.
 *
 * <p><b>Start.</b> ONNX Runtime's environment creation reads {@code /proc/self/cmdline} and matches it
 * with a recursive regular expression, about half a kilobyte of stack per byte of command line: a 5 KB
 * prompt overflows a 1 MB Java thread and the kernel kills the JVM (exit 139, no message). The
 * environment is therefore created on a thread whose stack is sized from the command line.
 *
 * <p><b>Exit.</b> ONNX Runtime's Java binding releases the native environment in a JVM shutdown hook.
 * Shutdown hooks run while other threads go on, so a SIGTERM during a session creation or a run freed the
 * environment under that call and the JVM died in native code (hs_err, exit 134). Hooks run in no
 * particular order, so a hook of ours cannot go first; instead {@link #stopNativeWork} runs <i>before</i>
 * the JVM starts to exit: from the termination signals' handler ({@link ExitSignals}) and from front ends
 * that end the process themselves. It closes the gate (new calls fail with a message), asks runs in
 * progress to stop (ONNX Runtime's terminate flag) and waits for the calls inside to leave.
 */
public final class OrtRuntime {

    /** Longest wait at exit for a call already inside ONNX Runtime (a session still loading). */
    private static final long EXIT_WAIT_MS = 30_000;

    private static OrtRuntime instance;

    private final OrtEnvironment env;
    private final OrtSession.RunOptions runOptions;
    private final Object lock = new Object();
    private int inside;
    private boolean exiting;

    private OrtRuntime(OrtEnvironment env, OrtSession.RunOptions runOptions) {
        this.env = env;
        this.runOptions = runOptions;
    }

    /** The runtime, created on first use (with its shutdown hook). */
    public static synchronized OrtRuntime get() {
        if (instance == null) {
            OrtEnvironment env = createEnvironment();
            try {
                instance = new OrtRuntime(env, new OrtSession.RunOptions());
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot create run options: " + e.getMessage(), e);
            }
            ExitSignals.install(instance::stopNativeWork);
        }
        return instance;
    }

    public OrtEnvironment environment() {
        return env;
    }

    /** Work that calls into ONNX Runtime. */
    @FunctionalInterface
    public interface NativeWork<T> {
        T run(OrtSession.RunOptions options) throws OrtException;
    }

    /**
     * Runs {@code work} inside the gate.
     *
     * @throws ModelException when the application is exiting (nothing is started then)
     */
    public <T> T call(NativeWork<T> work) throws OrtException, ModelException {
        synchronized (lock) {
            if (exiting) {
                throw new ModelException("Stopped: Sandpaint is exiting.");
            }
            inside++;
        }
        try {
            return work.run(runOptions);
        } finally {
            synchronized (lock) {
                inside--;
                lock.notifyAll();
            }
        }
    }

    /** Closes a session, except during exit, when the process frees everything anyway. */
    public void closeQuietly(OrtSession session) {
        try {
            call(options -> {
                session.close();
                return null;
            });
        } catch (OrtException | ModelException e) {
            // Closing only frees native memory; nothing useful to tell the user.
        }
    }

    /** True once the JVM has started to exit. */
    public boolean exiting() {
        synchronized (lock) {
            return exiting;
        }
    }

    /**
     * Before the process exits: no new calls, runs in progress told to stop, then wait (30 s at most) for
     * the calls inside to leave. Does nothing when ONNX Runtime was never started.
     */
    public static void stopNativeWorkBeforeExit() {
        OrtRuntime runtime;
        synchronized (OrtRuntime.class) {
            runtime = instance;
        }
        if (runtime != null) {
            runtime.stopNativeWork();
        }
    }

    void stopNativeWork() {
        synchronized (lock) {
            exiting = true;
        }
        try {
            runOptions.setTerminate(true);
        } catch (OrtException e) {
            // Runs then finish normally; we still wait for them below.
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_WAIT_MS);
        synchronized (lock) {
            long left;
            while (inside > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Creates the environment on a thread with a stack big enough for the command line (see above). It
     * logs only fatal errors: the others reach the user as exceptions, with our own message.
     */
    private static OrtEnvironment createEnvironment() {
        OrtEnvironment[] created = new OrtEnvironment[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                created[0] = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "onnxruntime-start", stackBytes(commandLineBytes()));
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        return created[0];
    }

    /** 1 KB of stack per byte of command line (measured: 0.3-0.6 KB needed), 16 MB at least, 1 GB at most. */
    static long stackBytes(long commandLineBytes) {
        long wanted = 16L * 1024 * 1024 + commandLineBytes * 1024;
        return Math.min(wanted, 1024L * 1024 * 1024);
    }

    /** Length of {@code /proc/self/cmdline}: 0 where it does not exist (Windows, macOS). */
    private static long commandLineBytes() {
        Path cmdline = Path.of("/proc/self/cmdline");
        try {
            return Files.isReadable(cmdline) ? Files.readAllBytes(cmdline).length : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
