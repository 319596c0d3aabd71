package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.GenerationRequest;

import java.util.List;

/**
 * What the stages of one batch share: the request, the images' seeds, variation seeds and generators, the
 * VAE, and the job's warnings.
 */
record BatchSetup(GenerationRequest request, List<Long> seeds, List<Long> subseeds, BatchNoise noise,
                  LatentCodec codec, List<String> warnings) {

    /** Every image's first noise [B, 4, h, w], with the request's variation seed options. */
    float[] firstNoise() {
        return noise.first(request.variation(), subseeds, 4, h(), w());
    }

    int batch() {
        return seeds.size();
    }

    /** Latent height and width. */
    int h() {
        return request.height() / 8;
    }

    int w() {
        return request.width() / 8;
    }
}
