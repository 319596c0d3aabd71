package org.sandpaint.engine.checkpoint;

import java.util.Arrays;

/**
 * The shape of an LDM AutoencoderKL (the yaml's {@code first_stage_config.params.ddconfig}): every SD 1.x
 * and 2.x model uses ch 128, ch_mult [1, 2, 4, 4], 2 res blocks, 4 latent channels.
 *
 * @param channels     {@code ch}: width of the first level
 * @param channelMult  {@code ch_mult}: width of each resolution level as a multiple of {@code ch}
 * @param numResBlocks res blocks per encoder level (the decoder has one more per level)
 * @param zChannels    latent channels
 */
public record VaeConfig(int channels, int[] channelMult, int numResBlocks, int zChannels) {

    public static final VaeConfig STABLE_DIFFUSION = new VaeConfig(128, new int[]{1, 2, 4, 4}, 2, 4);

    public VaeConfig {
        channelMult = channelMult.clone();
    }

    @Override
    public int[] channelMult() {
        return channelMult.clone();
    }

    /** Width of resolution level {@code level}. */
    public int width(int level) {
        return channels * channelMult[level];
    }

    public int levels() {
        return channelMult.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaeConfig v && v.channels == channels && Arrays.equals(v.channelMult, channelMult)
                && v.numResBlocks == numResBlocks && v.zChannels == zChannels;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(channelMult) * 31 + channels * 7 + numResBlocks * 3 + zChannels;
    }

    @Override
    public String toString() {
        return "VaeConfig[ch=" + channels + ", ch_mult=" + Arrays.toString(channelMult) + ", num_res_blocks="
                + numResBlocks + ", z_channels=" + zChannels + "]";
    }
}
