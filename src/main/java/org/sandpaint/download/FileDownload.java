package org.sandpaint.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Downloads one file of a repository to its destination. The bytes go to {@code NAME.part} beside it and
 * the file gets its final name only once its size and checksum are right, so no unverified file ever
 * stands under the final name. A dropped connection is resumed with an HTTP range (a few times within
 * one run), and a {@code .part} left by a cancelled or crashed run is resumed by the next one.
 */
public final class FileDownload {

    static final String PART_SUFFIX = ".part";
    /** Keep this much free beyond the file, so a download never fills the disk to the last byte. */
    static final long DISK_MARGIN = 64L * 1024 * 1024;
    private static final int BUFFER = 1 << 16;
    private static final long PROGRESS_EVERY_NANOS = 200_000_000L;

    private final RemoteSource source;
    private final HubFile file;
    private final Path destination;
    private final int attempts;

    public FileDownload(RemoteSource source, HubFile file, Path destination, int attempts) {
        this.source = source;
        this.file = file;
        this.destination = destination;
        this.attempts = Math.max(1, attempts);
    }

    public HubFile file() {
        return file;
    }

    public Path destination() {
        return destination;
    }

    /** Runs the download; returns the verified file. {@code cancel} stops it between buffers. */
    public Path run(Consumer<DownloadProgress> progress, AtomicBoolean cancel) throws DownloadException {
        Path part = destination.resolveSibling(destination.getFileName() + PART_SUFFIX);
        try {
            Files.createDirectories(destination.toAbsolutePath().getParent());
            if (Files.exists(destination)) {
                return alreadyThere(part);
            }
            checkFreeSpace(part);
            MessageDigest sha256 = digest("SHA-256");
            long done = hashExisting(part, sha256);
            Optional<String> announced = Optional.empty();
            long started = System.nanoTime();
            long startBytes = done;
            for (int attempt = 1; ; attempt++) {
                try {
                    RemoteBody body = source.open(done);
                    announced = announced.or(body::announced);
                    if (body.start() != done) { // the server ignored the range: start again
                        sha256.reset();
                        done = 0;
                        startBytes = 0;
                    }
                    done = copy(body.stream(), part, done > 0, done, sha256, progress, cancel, started, startBytes);
                    break;
                } catch (IOException e) {
                    if (cancel.get() || attempt >= attempts) {
                        throw new DownloadException("The connection broke while downloading " + file.path() + " after "
                                + attempt + " attempt(s): " + e.getMessage() + ". Run the download again: it resumes "
                                + "where it stopped.", e);
                    }
                    done = Files.size(part);
                    sha256 = digest("SHA-256");
                    hashExisting(part, sha256);
                }
            }
            verify(part, done, sha256, announced);
            move(part);
            return destination;
        } catch (IOException e) {
            throw new DownloadException("Cannot write " + part + ": " + e.getMessage()
                    + ". Check that the folder is writable and the disk is not full.", e);
        }
    }

    private Path alreadyThere(Path part) throws IOException, DownloadException {
        Optional<String> expected = file.sha256();
        if (expected.isPresent()) {
            MessageDigest sha256 = digest("SHA-256");
            hashExisting(destination, sha256);
            if (!HexFormat.of().formatHex(sha256.digest()).equalsIgnoreCase(expected.get())) {
                throw new DownloadException(destination + " already exists and is not the file " + file.path()
                        + " of " + source.origin() + " (its checksum differs). Move it away or choose another folder.");
            }
        }
        Files.deleteIfExists(part);
        return destination;
    }

    private void checkFreeSpace(Path part) throws IOException, DownloadException {
        if (file.size() < 0) {
            return;
        }
        long have = Files.exists(part) ? Files.size(part) : 0;
        long needed = file.size() - have + DISK_MARGIN;
        long free = Files.getFileStore(destination.toAbsolutePath().getParent()).getUsableSpace();
        if (free < needed) {
            throw new DownloadException(file.path() + " needs " + Sizes.human(needed) + " of free space in "
                    + destination.toAbsolutePath().getParent() + " but only " + Sizes.human(free)
                    + " is free. Free some space or choose another folder.");
        }
    }

    private long copy(InputStream in, Path part, boolean append, long done, MessageDigest sha256,
                      Consumer<DownloadProgress> progress, AtomicBoolean cancel, long started, long startBytes)
            throws IOException, DownloadException {
        byte[] buffer = new byte[BUFFER];
        long lastReport = 0;
        try (in; OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (cancel.get()) {
                    throw new DownloadException("The download of " + file.path() + " was cancelled; "
                            + "starting it again resumes it.");
                }
                out.write(buffer, 0, n);
                sha256.update(buffer, 0, n);
                done += n;
                long now = System.nanoTime();
                if (now - lastReport > PROGRESS_EVERY_NANOS) {
                    lastReport = now;
                    progress.accept(new DownloadProgress(file.path(), done, file.size(), speed(started, now, done - startBytes)));
                }
            }
        }
        progress.accept(new DownloadProgress(file.path(), done, file.size(),
                speed(started, System.nanoTime(), done - startBytes)));
        return done;
    }

    private void verify(Path part, long done, MessageDigest sha256, Optional<String> announced)
            throws IOException, DownloadException {
        if (file.size() >= 0 && done != file.size()) {
            Files.deleteIfExists(part);
            throw new DownloadException(file.path() + " arrived with " + done + " bytes instead of " + file.size()
                    + "; the partial file was removed. Run the download again.");
        }
        Optional<String> expected = file.sha256().or(() -> announced);
        String actual;
        if (expected.isPresent()) {
            actual = HexFormat.of().formatHex(sha256.digest());
        } else if (file.gitBlob().isPresent()) {
            expected = file.gitBlob();
            actual = gitBlobId(part);
        } else {
            return; // the Hub gave nothing to check against; the size matched
        }
        if (!actual.equalsIgnoreCase(expected.get())) {
            Files.deleteIfExists(part);
            throw new DownloadException(file.path() + " arrived damaged: its checksum is " + actual + ", the Hub "
                    + "says " + expected.get() + ". It was removed; run the download again.");
        }
    }

    /** Git names a small file by the SHA-1 of "blob SIZE\0" and its content. */
    private static String gitBlobId(Path file) throws IOException {
        MessageDigest sha1 = digest("SHA-1");
        sha1.update(("blob " + Files.size(file) + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        hashExisting(file, sha1);
        return HexFormat.of().formatHex(sha1.digest());
    }

    private void move(Path part) throws IOException {
        try {
            Files.move(part, destination, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, destination);
        }
    }

    private static long hashExisting(Path file, MessageDigest digest) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long total = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                total += n;
            }
        }
        return total;
    }

    private static double speed(long startNanos, long nowNanos, long bytes) {
        double seconds = (nowNanos - startNanos) / 1e9;
        return seconds <= 0 ? 0 : bytes / seconds;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
