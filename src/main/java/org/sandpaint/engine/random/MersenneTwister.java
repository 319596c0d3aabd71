package org.sandpaint.engine.random;

/**
 * The 32-bit Mersenne Twister (MT19937) as PyTorch's CPU generator seeds and runs it; the same stream as
 * numpy's legacy {@code RandomState(seed)}.
 */
final class MersenneTwister {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[N];
    private int position;

    /** Only the low 32 bits of {@code seed} reach the state, as in torch's {@code mt19937(uint64_t)}. */
    MersenneTwister(long seed) {
        state[0] = (int) seed;
        for (int j = 1; j < N; j++) {
            int prev = state[j - 1];
            state[j] = 1812433253 * (prev ^ (prev >>> 30)) + j;
        }
        position = N; // the first draw twists the whole state
    }

    /** The next tempered 32-bit output, as an unsigned value in an int's bits. */
    int nextInt() {
        if (position >= N) {
            twist();
        }
        int y = state[position++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (state[i] & UPPER_MASK) | (state[(i + 1) % N] & LOWER_MASK);
            int mag = (y & 1) == 0 ? 0 : MATRIX_A;
            state[i] = state[(i + M) % N] ^ (y >>> 1) ^ mag;
        }
        position = 0;
    }
}
