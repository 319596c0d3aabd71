package org.sandpaint.engine.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

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
        return claim(wanted, 0).path();
    }

    /** A claimed file and its number: 0 for the wanted name itself, N for {@code name-N.ext}. */
    public record Claimed(Path path, int number) {
    }

    /**
     * {@link #unique}, trying the numbers from {@code from} on: a job that saves many pictures under one
     * name passes the number after its last, instead of trying every name it already took again.
     */
    public static Claimed claim(Path wanted, int from) throws IOException {
        Path parent = wanted.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String name = wanted.getFileName().toString();
        int dot = name.lastIndexOf('.');
        // dot > 0: a leading dot (".hidden") starts the name, it is not an extension
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = Math.max(0, from); n < from + MAX_ATTEMPTS; n++) {
            Path candidate = n == 0 ? wanted : wanted.resolveSibling(stem + "-" + n + extension);
            try {
                Files.createFile(candidate);
                return new Claimed(candidate, n);
            } catch (FileAlreadyExistsException taken) {
                // somebody has it; try the next number
            }
        }
        throw new IOException("Could not find a free name like " + wanted + " after " + MAX_ATTEMPTS
                + " tries; choose another file name or folder");
    }

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Claims a free name like {@code wanted} (see {@link #unique}) and writes the file there atomically;
     * if writing fails (a full disk), the claimed name is released again, so nothing is left behind.
     *
     * @return the path written
     */
    public static Path save(Path wanted, Content content) throws IOException {
        return save(wanted, 0, content).path();
    }

    /** {@link #save(Path, Content)} with the numbers tried from {@code from} on (see {@link #claim}). */
    public static Claimed save(Path wanted, int from, Content content) throws IOException {
        Claimed claimed = claim(wanted, from);
        try {
            writeAtomically(claimed.path(), content);
            return claimed;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(claimed.path());
            throw e;
        }
    }

    /**
     * Writes {@code file} so that it is never seen half-written: the content goes to a hidden temporary
     * file in the same folder, which is then renamed over {@code file}. If anything fails (a full disk, a
     * removed folder) the temporary file is deleted and {@code file} is as it was.
     */
    public static void writeAtomically(Path file, Content content) throws IOException {
        // Not Files.createTempFile: its owner-only permissions would carry over to the picture.
        Path temp = file.toAbsolutePath().resolveSibling("." + file.getFileName() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
