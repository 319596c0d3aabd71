package org.sandpaint.engine;

import java.util.List;

/**
 * What a job produced.
 *
 * @param images      the images in seed order (fewer than asked when interrupted or skipped)
 * @param interrupted whether the user interrupted the job
 * @param timings     where the time went, for benchmarks and the status line
 * @param warnings    things the user should know that did not stop the job (e.g. an ignored LoRA tag)
 */
public record GenerationResult(List<GeneratedImage> images, boolean interrupted, Timings timings,
                               List<String> warnings) {
}
