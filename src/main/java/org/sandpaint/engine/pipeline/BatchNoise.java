package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.random.NoiseSource;
import org.sandpaint.engine.random.TorchGenerator;

import java.util.ArrayList;
import java.util.List;

/**
 * Noise for a batch in which every image has its own generator (seeded with its own seed), as diffusers
 * does with a list of generators: a draw for the whole batch is split evenly and each image's share comes
 * from its generator. So an image is the same whether it is generated alone or in a batch.
 */
final class BatchNoise implements NoiseSource {

    private final List<TorchGenerator> generators;

    BatchNoise(List<Long> seeds) {
        this.generators = new ArrayList<>();
        for (long seed : seeds) {
            generators.add(new TorchGenerator(seed));
        }
    }

    /** The generator of one image, for draws that concern that image alone. */
    NoiseSource image(int index) {
        return generators.get(index);
    }

    @Override
    public float[] randn(int count) {
        int n = generators.size();
        if (count % n != 0) {
            throw new IllegalArgumentException("Cannot split " + count + " values over " + n + " images");
        }
        int each = count / n;
        float[] out = new float[count];
        for (int i = 0; i < n; i++) {
            System.arraycopy(generators.get(i).randn(each), 0, out, i * each, each);
        }
        return out;
    }
}
