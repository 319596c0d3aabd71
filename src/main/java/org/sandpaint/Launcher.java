package org.sandpaint;

import org.sandpaint.cli.SandpaintCli;

/**
 * Entry point. Not a JavaFX Application on purpose: launched on the classpath, a main class that extends
 * Application makes the JavaFX launcher refuse to start ("JavaFX runtime components are missing").
 * With arguments it runs the command line; without, it prints the command line's help (the studio
 * window will open here once it exists).
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true"); // never let DJL reach for the network
        }
        System.exit(SandpaintCli.execute(args));
    }
}
