package org.sandpaint.engine.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A path ONNX Runtime can open. Its Java binding hands paths to native code in JNI's "modified UTF-8",
 * which writes characters outside Unicode's basic plane (emoji, some CJK) as two surrogates, so such a
 * path names a file that does not exist. On Linux and macOS such a folder is reached through a symbolic
 * link with a plain name in the temporary folder; the model's external weight files, found next to the
 * model file, are reached through the same link. Windows passes paths as UTF-16 and needs nothing.
 */
final class NativePath {

    private NativePath() {
    }

    static boolean needsAlias(String path) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        return !windows && path.codePoints().anyMatch(Character::isSupplementaryCodePoint);
    }

    /** {@code file} itself, or the same file through a link to its folder when its path needs one. */
    static Path of(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (!needsAlias(absolute.toString())) {
            return file;
        }
        return folder(absolute.getParent()).resolve(absolute.getFileName().toString());
    }

    /** A folder path ONNX Runtime can use (a link to {@code folder} when needed). */
    static Path folder(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (!needsAlias(absolute.toString())) {
            return folder;
        }
        Path dir = Files.createTempDirectory("sandpaint-model-");
        dir.toFile().deleteOnExit();
        Path link = Files.createSymbolicLink(dir.resolve("part"), absolute);
        link.toFile().deleteOnExit(); // runs before the folder's: deleteOnExit goes in reverse order
        return link;
    }
}
