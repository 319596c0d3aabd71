package org.sandpaint.engine.random;

import java.util.ArrayList;
import java.util.List;

/**
 * numpy's {@code SeedSequence} (the hash-based seed mixer of numpy.random), reproduced word for word: it turns
 * an entropy value and a spawn key into well-mixed 32-bit seeds. torchsde seeds every node of its Brownian
 * tree this way, so {@link BrownianTree} needs it to draw the same noise.
 */
final class SeedSequence {

    private static final int INIT_A = 0x43b0d7e5;
    private static final int MULT_A = 0x931e8875;
    private static final int INIT_B = 0x8b51f9dd;
    private static final int MULT_B = 0x58f38ded;
    private static final int MIX_MULT_L = 0xca01f9dd;
    private static final int MIX_MULT_R = 0x4973f715;
    private static final int XSHIFT = 16;

    private final int[] pool;

    /**
     * @param entropy  a non-negative whole number (split into 32-bit words, low word first)
     * @param spawnKey non-negative whole numbers, each split the same way; may be empty
     * @param poolSize the number of 32-bit words of mixed entropy (numpy's default is 4, torchsde uses 24)
     */
    SeedSequence(long entropy, long[] spawnKey, int poolSize) {
        List<Integer> run = words(entropy);
        List<Integer> spawn = new ArrayList<>();
        for (long key : spawnKey) {
            spawn.addAll(words(key));
        }
        if (!spawn.isEmpty()) {
            while (run.size() < poolSize) {
                run.add(0);
            }
        }
        run.addAll(spawn);
        this.pool = mix(new int[poolSize], run);
    }

    /** {@code generate_state(n)} with 32-bit words, as unsigned values. */
    long[] generateState(int count) {
        long[] out = new long[count];
        int hash = INIT_B;
        for (int i = 0; i < count; i++) {
            int value = pool[i % pool.length];
            value ^= hash;
            hash *= MULT_B;
            value *= hash;
            value ^= value >>> XSHIFT;
            out[i] = Integer.toUnsignedLong(value);
        }
        return out;
    }

    private static List<Integer> words(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("SeedSequence takes non-negative numbers, got " + value);
        }
        List<Integer> out = new ArrayList<>();
        if (value == 0) {
            out.add(0);
        }
        while (value > 0) {
            out.add((int) value);
            value >>>= 32;
        }
        return out;
    }

    private static int[] mix(int[] mixer, List<Integer> entropy) {
        int[] hash = {INIT_A};
        for (int i = 0; i < mixer.length; i++) {
            mixer[i] = hashMix(i < entropy.size() ? entropy.get(i) : 0, hash);
        }
        for (int src = 0; src < mixer.length; src++) {
            for (int dst = 0; dst < mixer.length; dst++) {
                if (src != dst) {
                    mixer[dst] = mix(mixer[dst], hashMix(mixer[src], hash));
                }
            }
        }
        for (int src = mixer.length; src < entropy.size(); src++) {
            for (int dst = 0; dst < mixer.length; dst++) {
                mixer[dst] = mix(mixer[dst], hashMix(entropy.get(src), hash));
            }
        }
        return mixer;
    }

    private static int hashMix(int value, int[] hash) {
        value ^= hash[0];
        hash[0] *= MULT_A;
        value *= hash[0];
        return value ^ (value >>> XSHIFT);
    }

    private static int mix(int x, int y) {
        int result = MIX_MULT_L * x - MIX_MULT_R * y;
        return result ^ (result >>> XSHIFT);
    }
}
