package org.sandpaint.engine.random;

/**
 * float32 log and sin/cos exactly as PyTorch's AVX2 normal kernel computes them: the Cephes polynomials
 * of avx_mathfun, with the multiply-adds GCC fuses done by {@link Math#fma}. Plain {@code Math.log}
 * rounded to float differs from torch in the last bit for about 1% of values.
 */
final class CephesFloatMath {

    static final float TWO_PI = bits(0x40c90fdb);

    private static final float SQRTHF = bits(0x3f3504f3);
    private static final float FOPI = bits(0x3fa2f983);
    private static final float[] LOG_P = {
        bits(0x3d9021bb), bits(0xbdebd1b8), bits(0x3def251a), bits(0xbdfe5d4f), bits(0x3e11e9bf),
        bits(0xbe2aae50), bits(0x3e4cceac), bits(0xbe7ffffc), bits(0x3eaaaaaa)};
    private static final float LOG_Q1 = bits(0xb95e8083);
    private static final float LOG_Q2 = bits(0x3f318000);
    // Cody-Waite split of -pi/4, so x - j*pi/4 is reduced with three exact-ish fmas.
    private static final float DP1 = bits(0xbf490000);
    private static final float DP2 = bits(0xb97da000);
    private static final float DP3 = bits(0xb3222169);
    private static final float S0 = bits(0xb94ca1f9);
    private static final float S1 = bits(0x3c08839e);
    private static final float S2 = bits(0xbe2aaaa3);
    private static final float C0 = bits(0x37ccf5ce);
    private static final float C1 = bits(0xbab6061a);
    private static final float C2 = bits(0x3d2aaaa5);
    private static final int HALF_BITS = Float.floatToRawIntBits(0.5f);

    private CephesFloatMath() {
    }

    /** Natural log of a positive float. */
    static float log(float value) {
        float x = Math.max(value, Float.MIN_NORMAL);
        int bits = Float.floatToRawIntBits(x);
        float e = (float) ((bits >>> 23) - 127) + 1f;
        float m = Float.intBitsToFloat(bits & 0x807FFFFF | HALF_BITS); // mantissa scaled into [0.5, 1)
        if (m < SQRTHF) {
            e -= 1f;
            x = (m - 1f) + m;
        } else {
            x = m - 1f;
        }
        float z = x * x;
        float y = LOG_P[0];
        for (int k = 1; k < LOG_P.length; k++) {
            y = Math.fma(y, x, LOG_P[k]);
        }
        y = y * x;
        y = Math.fma(y, z, e * LOG_Q1);
        y = Math.fma(-z, 0.5f, y);
        x = x + y;
        return Math.fma(e, LOG_Q2, x);
    }

    /** {sin(theta), cos(theta)} for theta >= 0. */
    static float[] sinCos(float theta) {
        int j = (int) (theta * FOPI);
        j = (j + 1) & ~1;
        float y = (float) j;
        float x = Math.fma(y, DP1, theta);
        x = Math.fma(y, DP2, x);
        x = Math.fma(y, DP3, x);
        float z = x * x;

        float yc = Math.fma(Math.fma(C0, z, C1), z, C2) * z;
        yc = Math.fma(yc, z, -(z * 0.5f)) + 1f;
        float ys = Math.fma(Math.fma(S0, z, S1), z, S2) * z;
        ys = Math.fma(ys, x, x);

        boolean swap = (j & 2) != 0;
        float sin = swap ? yc : ys;
        float cos = swap ? ys : yc;
        sin = flipSign(sin, (j & 4) << 29);
        cos = flipSign(cos, (~(j - 2) & 4) << 29);
        return new float[] {sin, cos};
    }

    private static float flipSign(float value, int signBit) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(value) ^ signBit);
    }

    private static float bits(int pattern) {
        return Float.intBitsToFloat(pattern);
    }
}
