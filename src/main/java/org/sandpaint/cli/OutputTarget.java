package org.sandpaint.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code --out} puts the pictures: a file name (numbered when taken), or a folder (an existing one,
 * or any name ending in a slash) that gets {@code <seed>.png} files. Without {@code --out}: the
 * {@code outputs} folder.
 */
record OutputTarget(Path folder, Path file) {

    static OutputTarget of(String out) {
        if (out == null || out.isEmpty()) {
            return new OutputTarget(Path.of("outputs"), null);
        }
        // Path.of drops a trailing slash, so the folder intent is read from the text itself.
        boolean slash = out.endsWith("/") || out.endsWith(File.separator);
        Path path = Path.of(out);
        return slash || Files.isDirectory(path) ? new OutputTarget(path, null) : new OutputTarget(null, path);
    }

    /** The wanted path of an image; the caller claims a free name like it. */
    Path forSeed(long seed) {
        return file != null ? file : folder.resolve(seed + ".png");
    }
}
