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
            System.setProperty("DJL_CACHE_DIR", writableFolder(UserFolders.forCurrentUser().cache().resolve("djl"),
                    "sandpaint-djl-" + System.getProperty("user.name", "user")).toString());
        }
        if ((args.length == 0 || args[0].equals("studio")) && !hasDisplay()) {
            System.err.println("sandpaint: no display to open the studio window on (DISPLAY is not set). "
                    + "Run it in a desktop session, or use the command line:");
            SandpaintCli.execute("--help");
            System.exit(2);
        }
        if (args.length == 0 || args[0].equals("studio")) {
            String gtk = GtkCheck.problemHere();
            if (gtk != null) {
                System.err.println("sandpaint: " + gtk);
                System.exit(1);
            }
            String[] rest = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
            org.sandpaint.studio.StudioApp.warmUpInBackground();
            javafx.application.Application.launch(org.sandpaint.studio.StudioApp.class, rest);
            // The window is closed; a model may still be loading: let it finish before the JVM frees ONNX Runtime.
            org.sandpaint.engine.Engine.stopNativeWorkBeforeExit();
            return;
        }
        System.exit(SandpaintCli.execute(args));
    }

    /**
     * {@code wanted} if it can be created and written, else a folder of that name in the temporary folder:
     * an unwritable home (a locked-down account, a read-only container) must not stop the tokenizer.
     */
    static java.nio.file.Path writableFolder(java.nio.file.Path wanted, String fallbackName) {
        try {
            java.nio.file.Files.createDirectories(wanted);
            if (java.nio.file.Files.isWritable(wanted)) {
                return wanted;
            }
        } catch (java.io.IOException | SecurityException e) {
            // fall through to the temporary folder
        }
        return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), fallbackName);
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
