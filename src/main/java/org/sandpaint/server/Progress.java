package org.sandpaint.server;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot for {@code GET /sdapi/v1/progress}, computed as the WebUI does: 0.01 + finished batches / batches
 * + this batch's share of steps (capped at 1), and ETA = elapsed / progress - elapsed.
 *
 * @param state        the WebUI's state object: skipped, interrupted, job, job_count, job_timestamp, job_no,
 *                     sampling_step, sampling_steps
 * @param currentImage the latest live preview, or null
 */
record Progress(double progress, double etaRelative, Map<String, Object> state, BufferedImage currentImage,
                String textinfo) {

    static Progress idle(String lastTimestamp) {
        return new Progress(0, 0, state(false, false, "", 0, lastTimestamp, 0, 0, 0), null, null);
    }

    static Progress of(String job, int jobCount, int jobNo, int step, int steps, boolean skipped,
                       boolean interrupted, String timestamp, double elapsedSeconds, BufferedImage preview) {
        double progress = 0.01 + (double) jobNo / jobCount;
        if (steps > 0) {
            progress += 1.0 / jobCount * step / steps;
        }
        double eta = elapsedSeconds / progress - elapsedSeconds;
        String text = jobCount > 1 ? "Batch " + (jobNo + 1) + " out of " + jobCount : null;
        return new Progress(Math.min(progress, 1), eta,
                state(skipped, interrupted, job, jobCount, timestamp, jobNo, step, steps), preview, text);
    }

    private static Map<String, Object> state(boolean skipped, boolean interrupted, String job, int jobCount,
                                             String timestamp, int jobNo, int step, int steps) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("skipped", skipped);
        s.put("interrupted", interrupted);
        s.put("stopping_generation", false);
        s.put("job", job);
        s.put("job_count", jobCount);
        s.put("job_timestamp", timestamp);
        s.put("job_no", jobNo);
        s.put("sampling_step", step);
        s.put("sampling_steps", steps);
        return s;
    }
}
