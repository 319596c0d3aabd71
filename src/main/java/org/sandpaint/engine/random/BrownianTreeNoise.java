package org.sandpaint.engine.random;

import java.util.ArrayList;
import java.util.List;

/**
 * k-diffusion's {@code BrownianTreeNoiseSampler} as the WebUI sets it up for the DPM++ SDE samplers: one
 * {@link BrownianTree} per image on [sigma_min, sigma_max], with the image's seed as entropy; the noise of a
 * move is the tree's increment over it divided by the square root of its length, so it is standard normal.
 * The trees draw with the CPU generator ({@link TorchGenerator}), as torchsde does for CPU tensors; a WebUI
 * sampling on a CUDA GPU draws them with the GPU's generator instead.
 */
public final class BrownianTreeNoise {

    private final List<BrownianTree> trees = new ArrayList<>();
    private final int perImage;
    private final float sigmaMin;
    private final float sigmaMax;

    public BrownianTreeNoise(List<Long> seeds, int perImage, float sigmaMin, float sigmaMax) {
        this.perImage = perImage;
        this.sigmaMin = sigmaMin;
        this.sigmaMax = sigmaMax;
        for (long seed : seeds) {
            trees.add(new BrownianTree(sigmaMin, sigmaMax, perImage, seed));
        }
    }

    /** Whether this serves a schedule spanning [min, max] with {@code perImage} values per image. */
    public boolean serves(float min, float max, int values) {
        return min == sigmaMin && max == sigmaMax && values == perImage;
    }

    /** The noise of every image for the move from {@code sigma} to {@code sigmaNext}, image after image. */
    public float[] between(float sigma, float sigmaNext) {
        boolean rising = sigma < sigmaNext;
        double low = rising ? sigma : sigmaNext;
        double high = rising ? sigmaNext : sigma;
        float length = (float) Math.sqrt(Math.abs(sigmaNext - sigma));
        float[] out = new float[trees.size() * perImage];
        for (int k = 0; k < trees.size(); k++) {
            float[] w = trees.get(k).increment(low, high);
            for (int i = 0; i < perImage; i++) {
                out[k * perImage + i] = (rising ? w[i] : -w[i]) / length;
            }
        }
        return out;
    }
}
