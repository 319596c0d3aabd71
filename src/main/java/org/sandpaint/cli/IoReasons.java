package org.sandpaint.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** A file error in words, with what to do: Java's own messages are often just the path. */
final class IoReasons {

    private IoReasons() {
    }

    static String describe(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "no permission to write " + a.getFile() + "; choose another --out folder or fix its permissions";
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + " does not exist (was the folder removed?)";
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null
                ? f.getFile() + ": " + f.getReason() : String.valueOf(e.getMessage());
        if (reason.toLowerCase(Locale.ROOT).contains("space")) {
            return reason + "; free some disk space or choose another --out folder (nothing half-written was left)";
        }
        return reason;
    }
}
