package org.sandpaint.download;

import java.util.OptionalLong;

/**
 * How far one file's download has come.
 *
 * @param total          the file's size, or -1 when unknown
 * @param bytesPerSecond the speed of this run (bytes resumed from an earlier run are not counted)
 */
public record DownloadProgress(String file, long done, long total, double bytesPerSecond) {

    /** Seconds left at the current speed, when both the size and a speed are known. */
    public OptionalLong etaSeconds() {
        if (total < 0 || bytesPerSecond <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) Math.ceil((total - done) / bytesPerSecond));
    }

    public double fraction() {
        return total <= 0 ? 0 : Math.min(1.0, (double) done / total);
    }
}
