package org.sandpaint.engine.model;

import sun.misc.Signal;

/**
 * Termination signals (SIGTERM, SIGINT, SIGHUP) run a preparation step before the JVM starts to exit,
 * then exit with the shell's code for the signal (128 + its number), as the JVM itself would. Used by
 * {@link OrtRuntime}: native calls must be finished before ONNX Runtime's own shutdown hook frees them.
 */
final class ExitSignals {

    private ExitSignals() {
    }

    static void install(Runnable beforeExit) {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    beforeExit.run();
                    System.exit(128 + signal.getNumber());
                });
            } catch (IllegalArgumentException e) {
                // Signal unknown on this OS (HUP on Windows) or reserved (-Xrs): the JVM's default stays.
            }
        }
    }
}
