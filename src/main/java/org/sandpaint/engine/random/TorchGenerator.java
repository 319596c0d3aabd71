package org.sandpaint.engine.random;

/**
 * PyTorch's CPU generator: {@code torch.Generator().manual_seed(seed)} followed by {@code torch.randn}
 * calls in float32, reproduced bit for bit (x86-64 AVX2 kernel), so a seed gives the same latents and
 * ancestral noise as diffusers and the A1111 WebUI with "RNG source: CPU".
 *
 * <p>Not thread-safe: like a torch generator, one instance serves one generation in call order.
 */
public final class TorchGenerator implements NoiseSource {

    /** Torch switches from the serial double-precision path to the vectorised float path at 16 elements. */
    private static final int BLOCK = 16;
    private static final int HALF = BLOCK / 2;

    private MersenneTwister twister;
    /** The sine half of the last serial Box-Muller pair, handed out by the next small randn call. */
    private Double cachedNormal;

    public TorchGenerator(long seed) {
        manualSeed(seed);
    }

    /** Restarts the stream as {@code manual_seed(seed)} does, dropping any cached normal value. */
    public void manualSeed(long seed) {
        twister = new MersenneTwister(seed);
        cachedNormal = null;
    }

    @Override
    public float[] randn(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("randn count must be >= 0, got " + count);
        }
        return count >= BLOCK ? blockRandn(count) : serialRandn(count);
    }

    /** The next raw 32-bit Mersenne Twister output, as an unsigned value. */
    long nextRawInt() {
        return Integer.toUnsignedLong(twister.nextInt());
    }

    private float[] blockRandn(int count) {
        float[] d = new float[count];
        for (int i = 0; i < count; i++) {
            d[i] = nextFloatUniform();
        }
        for (int i = 0; i + BLOCK <= count; i += BLOCK) {
            boxMullerBlock(d, i);
        }
        if (count % BLOCK != 0) {
            // Torch redraws the ragged end as a fresh full block over the last 16 slots.
            int start = count - BLOCK;
            for (int i = start; i < count; i++) {
                d[i] = nextFloatUniform();
            }
            boxMullerBlock(d, start);
        }
        return d;
    }

    /** Turns 16 uniforms into 16 normals: lane j pairs with lane j + 8. */
    private static void boxMullerBlock(float[] d, int start) {
        for (int j = start; j < start + HALF; j++) {
            float u1 = 1f - d[j];
            float u2 = d[j + HALF];
            float radius = (float) Math.sqrt(-2f * CephesFloatMath.log(u1));
            float[] sinCos = CephesFloatMath.sinCos(CephesFloatMath.TWO_PI * u2);
            d[j] = radius * sinCos[1];
            d[j + HALF] = radius * sinCos[0];
        }
    }

    private float[] serialRandn(int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) nextDoubleNormal();
        }
        return out;
    }

    private double nextDoubleNormal() {
        if (cachedNormal != null) {
            double value = cachedNormal;
            cachedNormal = null;
            return value;
        }
        double u1 = nextDoubleUniform();
        double u2 = nextDoubleUniform();
        double radius = Math.sqrt(-2 * Math.log(1 - u2));
        double theta = 2 * Math.PI * u1;
        cachedNormal = radius * Math.sin(theta);
        return radius * Math.cos(theta);
    }

    private float nextFloatUniform() {
        return (twister.nextInt() & 0xFFFFFF) * 0x1p-24f;
    }

    private double nextDoubleUniform() {
        long high = Integer.toUnsignedLong(twister.nextInt());
        long low = Integer.toUnsignedLong(twister.nextInt());
        long bits = (high << 32) | low;
        return (bits & ((1L << 53) - 1)) * 0x1p-53;
    }
}
