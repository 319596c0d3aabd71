package org.sandpaint.download;

/** A download that cannot go on; the message says what happened and what the user can do. */
public class DownloadException extends Exception {
    public DownloadException(String message) {
        super(message);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
