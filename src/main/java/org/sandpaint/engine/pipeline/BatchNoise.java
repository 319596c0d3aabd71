package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.SeedVariation;
import org.sandpaint.engine.random.BrownianTreeNoise;
import org.sandpaint.engine.random.NoiseSource;
import org.sandpaint.engine.random.SdeNoiseSource;
import org.sandpaint.engine.random.TorchGenerator;

import java.util.ArrayList;
import java.util.List;

/**
 * Noise for a batch in which every image has its own generator (seeded with its own seed), as diffusers
 * does with a list of generators: a draw for the whole batch is split evenly and each image's share comes
 * from its generator. So an image is the same whether it is generated alone or in a batch.
 */
final class BatchNoise implements SdeNoiseSource {

    private final List<Long> seeds;
    private final List<TorchGenerator> generators;
    /** The SDE samplers' noise, made on first use for their schedule. */
    private BrownianTreeNoise brownian;

    BatchNoise(List<Long> seeds) {
        this.seeds = List.copyOf(seeds);
        this.generators = new ArrayList<>();
        for (long seed : seeds) {
            generators.add(new TorchGenerator(seed));
        }
    }

    /** The generator of one image, for draws that concern that image alone. */
    NoiseSource image(int index) {
        return generators.get(index);
    }

    /**
     * The first noise of every image, [B, C, H, W], with the WebUI's variation seed options; without them it
     * is {@code randn(B * C * H * W)}.
     *
     * @param subseeds each image's variation seed
     */
    float[] first(SeedVariation variation, List<Long> subseeds, int channels, int height, int width) {
        int each = channels * height * width;
        float[] out = new float[generators.size() * each];
        for (int i = 0; i < generators.size(); i++) {
            float[] one = VariationNoise.first(generators.get(i), seeds.get(i), subseeds.get(i), variation,
                    channels, height, width);
            System.arraycopy(one, 0, out, i * each, each);
        }
        return out;
    }

    /** As the WebUI: one Brownian tree per image, seeded with the image's seed. */
    @Override
    public float[] between(float sigmaMin, float sigmaMax, float sigma, float sigmaNext, int count) {
        int each = perImage(count);
        if (brownian == null || !brownian.serves(sigmaMin, sigmaMax, each)) {
            brownian = new BrownianTreeNoise(seeds, each, sigmaMin, sigmaMax);
        }
        return brownian.between(sigma, sigmaNext);
    }

    private int perImage(int count) {
        if (count % generators.size() != 0) {
            throw new IllegalArgumentException("Cannot split " + count + " values over " + generators.size() + " images");
        }
        return count / generators.size();
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
