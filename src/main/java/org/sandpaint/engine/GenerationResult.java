package org.sandpaint.engine;

import java.util.List;

/**
 * What a job produced.
 *
 * @param images      the images in seed order (fewer than asked when interrupted or skipped)
 * @param interrupted whether the user interrupted the job
 * @param timings     where the time went, for benchmarks and the status line
 */
public record GenerationResult(List<GeneratedImage> images, boolean interrupted, Timings timings) {
}
