package org.sandpaint;

import org.sandpaint.cli.SandpaintCli;
import org.sandpaint.app.UserFolders;

/**
 * Entry point. Not a JavaFX Application on purpose: launched on the classpath, a main class that extends
 * Application makes the JavaFX launcher refuse to start ("JavaFX runtime components are missing").
 * Without arguments (or with {@code studio [--model DIR]}) it opens the studio window; otherwise it runs
 * the command line.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true"); // never let DJL reach for the network
        }
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            // DJL unpacks its tokenizer library into a cache; keep it with Sandpaint's, not in ~/.djl.ai.
            System.setProperty("DJL_CACHE_DIR", UserFolders.forCurrentUser().cache().resolve("djl").toString());
        }
        if ((args.length == 0 || args[0].equals("studio")) && !hasDisplay()) {
            System.err.println("sandpaint: no display to open the studio window on (DISPLAY is not set). "
                    + "Run it in a desktop session, or use the command line:");
            SandpaintCli.execute("--help");
            System.exit(2);
        }
        if (args.length == 0 || args[0].equals("studio")) {
            String[] rest = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
            org.sandpaint.studio.StudioApp.warmUpInBackground();
            javafx.application.Application.launch(org.sandpaint.studio.StudioApp.class, rest);
            return;
        }
        System.exit(SandpaintCli.execute(args));
    }

    /** Linux and other X11/Wayland systems need a display server; Windows and macOS always have one. */
    private static boolean hasDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
    }
}
