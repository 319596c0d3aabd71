package org.sandpaint.engine.image;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Picks output file names that never overwrite an existing image. */
public final class OutputFiles {

    /** Past this many taken names something is wrong (or the folder is absurdly full). */
    private static final int MAX_ATTEMPTS = 100_000;

    private OutputFiles() {
    }

    /**
     * Claims a free name: {@code wanted} if it does not exist, else {@code name-1.ext}, {@code name-2.ext}, ...
     * (the suffix goes before the last extension; a name without one gets just {@code -N}).
     *
     * <p>The name is claimed by creating an empty file with {@link Files#createFile}, which fails atomically
     * when the file exists. So two threads or two processes saving at the same moment never get the same
     * path, unlike a "check if it exists, then write" approach. The caller then overwrites the empty file
     * (for example with {@link PngText#write}) and should delete it if writing fails. Missing parent folders
     * are created.
     *
     * @return the claimed path, relative if {@code wanted} was
     */
    public static Path unique(Path wanted) throws IOException {
        Path parent = wanted.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String name = wanted.getFileName().toString();
        int dot = name.lastIndexOf('.');
        // dot > 0: a leading dot (".hidden") starts the name, it is not an extension
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 0; n < MAX_ATTEMPTS; n++) {
            Path candidate = n == 0 ? wanted : wanted.resolveSibling(stem + "-" + n + extension);
            try {
                Files.createFile(candidate);
                return candidate;
            } catch (FileAlreadyExistsException taken) {
                // somebody has it; try the next number
            }
        }
        throw new IOException("Could not find a free name like " + wanted + " after " + MAX_ATTEMPTS
                + " tries; choose another file name or folder");
    }
}
