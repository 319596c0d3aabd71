package org.sandpaint.engine.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.sandpaint.engine.Sampler;
import org.sandpaint.engine.ScheduleType;
import org.sandpaint.engine.random.BrownianTreeNoise;
import org.sandpaint.engine.random.SdeNoiseSource;
import org.sandpaint.engine.random.TorchGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * DPM++ SDE, 2M SDE and 3M SDE against k-diffusion's own sample_dpmpp_sde / _2m_sde / _3m_sde
 * (kdiffusion-sde.json, from src/test/python/kdiffusion_reference.py): a [2, 3, 4, 4] dummy sample, the eps
 * model {@code x_in * sigma / (sigma + 1)} behind k-diffusion's eps wrapper, and the noise of one torch CPU
 * generator (seed 1234), one randn per noise_sampler call. The schedulers get k-diffusion's sigmas, so the
 * comparison is of the steps' arithmetic alone.
 */
class SdeSamplersTest {

    private static final SchedulerConfig SD = SchedulerConfig.of("num_train_timesteps", 1000,
            "beta_start", 0.00085, "beta_end", 0.012, "beta_schedule", "scaled_linear");

    @TestFactory
    List<DynamicTest> stepsAsKDiffusionDoes() throws IOException {
        JsonNode root;
        try (InputStream in = SdeSamplersTest.class.getResourceAsStream("kdiffusion-sde.json")) {
            root = new ObjectMapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            String name = c.get("function").asText() + " " + c.get("schedule").asText() + " " + c.get("steps").asInt();
            tests.add(DynamicTest.dynamicTest(name, () -> check(c, root.get("seed").asLong())));
        }
        return tests;
    }

    private static void check(JsonNode c, long seed) {
        float[] sigmas = floats(c.get("sigmas"));
        int steps = sigmas.length - 1;
        SigmaScheduler.Setup setup = new SigmaScheduler.Setup(new float[steps], sigmas, PredictionType.EPSILON, "linspace");
        SigmaScheduler scheduler = switch (c.get("function").asText()) {
            case "sample_dpmpp_2m_sde" -> new DpmPp2mSde(setup);
            case "sample_dpmpp_3m_sde" -> new DpmPp3mSde(setup);
            default -> new DpmPpSde(setup, SD);
        };
        TorchGenerator noise = new TorchGenerator(seed);
        float[] callSigmas = scheduler.sigmas();
        float[] x = dummySample();
        for (int i = 0; i < x.length; i++) {
            x[i] *= sigmas[0];
        }
        JsonNode heads = c.get("trajectoryHeads");
        int step = 0;
        for (int i = 0; i < scheduler.timesteps().length; i++) {
            if (i % scheduler.order() == 0) {
                // k-diffusion's callback shows x at the start of each step.
                for (int k = 0; k < 8; k++) {
                    assertEquals(heads.get(step).get(k).asDouble(), x[k], 2e-5 * Math.max(1, Math.abs(x[k])),
                            "step " + step + " value " + k);
                }
                step++;
            }
            float sigma = callSigmas[i];
            float[] in = scheduler.scaleModelInput(x, i);
            float[] eps = new float[in.length];
            for (int k = 0; k < eps.length; k++) {
                eps[k] = in[k] * sigma / (sigma + 1f);
            }
            x = scheduler.step(eps, i, x, noise).prevSample();
        }
        assertEquals(heads.size(), step, "one step per k-diffusion step");
        float[] expected = floats(c.get("final"));
        for (int k = 0; k < x.length; k++) {
            assertEquals(expected[k], x[k], 2e-5 * Math.max(1, Math.abs(expected[k])), "final value " + k);
        }
    }

    /**
     * With the WebUI's noise: k-diffusion's samplers run with BrownianTreeNoiseSampler on torchsde, two images
     * seeded 42 and 2^32 - 1 (brownian-tree.json, from src/test/python/brownian_reference.py).
     */
    @TestFactory
    List<DynamicTest> withTheBrownianTreeTheyEndWhereTheWebUisDo() throws IOException {
        JsonNode root;
        try (InputStream in = SdeSamplersTest.class.getResourceAsStream("/org/sandpaint/engine/random/brownian-tree.json")) {
            root = new ObjectMapper().readTree(in);
        }
        List<Long> seeds = new ArrayList<>();
        root.get("seeds").forEach(v -> seeds.add(v.asLong()));
        JsonNode shape = root.get("shape");
        int perImage = shape.get(1).asInt() * shape.get(2).asInt() * shape.get(3).asInt();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("samplers")) {
            tests.add(DynamicTest.dynamicTest(c.get("function").asText(), () -> {
                float[] sigmas = floats(c.get("sigmas"));
                int steps = sigmas.length - 1;
                SigmaScheduler.Setup setup = new SigmaScheduler.Setup(new float[steps], sigmas, PredictionType.EPSILON,
                        "linspace");
                SigmaScheduler scheduler = switch (c.get("function").asText()) {
                    case "sample_dpmpp_2m_sde" -> new DpmPp2mSde(setup);
                    case "sample_dpmpp_3m_sde" -> new DpmPp3mSde(setup);
                    default -> new DpmPpSde(setup, SD);
                };
                SdeNoiseSource noise = new SdeNoiseSource() {
                    private BrownianTreeNoise trees;

                    @Override
                    public float[] between(float min, float max, float sigma, float sigmaNext, int count) {
                        if (trees == null) {
                            trees = new BrownianTreeNoise(seeds, perImage, min, max);
                        }
                        return trees.between(sigma, sigmaNext);
                    }

                    @Override
                    public float[] randn(int count) {
                        throw new AssertionError("the SDE samplers take the Brownian noise when it is offered");
                    }
                };
                float[] x = run(scheduler, dummySample(shape.get(0).asInt(), perImage), sigmas[0], noise);
                float[] expected = floats(c.get("final"));
                for (int k = 0; k < x.length; k++) {
                    assertEquals(expected[k], x[k], 2e-5 * Math.max(1, Math.abs(expected[k])), "final value " + k);
                }
            }));
        }
        return tests;
    }

    private static float[] run(SigmaScheduler scheduler, float[] sample, float firstSigma,
                               org.sandpaint.engine.random.NoiseSource noise) {
        float[] callSigmas = scheduler.sigmas();
        float[] x = sample;
        for (int i = 0; i < x.length; i++) {
            x[i] *= firstSigma;
        }
        for (int i = 0; i < scheduler.timesteps().length; i++) {
            float sigma = callSigmas[i];
            float[] in = scheduler.scaleModelInput(x, i);
            float[] eps = new float[in.length];
            for (int k = 0; k < eps.length; k++) {
                eps[k] = in[k] * sigma / (sigma + 1f);
            }
            x = scheduler.step(eps, i, x, noise).prevSample();
        }
        return x;
    }

    @Test
    void theSamplerNamesPickThemWithTheirSchedules() {
        Scheduler sde = SamplerSchedulers.create(Sampler.DPMPP_SDE_KARRAS, SD, 10);
        assertInstanceOf(DpmPpSde.class, sde);
        assertEquals(2, sde.order());
        assertEquals(19, sde.timesteps().length, "two calls per step, one for the last");
        assertInstanceOf(DpmPp2mSde.class, SamplerSchedulers.create(Sampler.DPMPP_2M_SDE, SD, 10));
        DpmPp3mSde threeM = (DpmPp3mSde) SamplerSchedulers.create(Sampler.DPMPP_3M_SDE, ScheduleType.EXPONENTIAL, SD, 10);
        assertEquals(10, threeM.timesteps().length, "the next-to-last of 11 sigmas discarded");
        float[] karras = ((SigmaScheduler) SamplerSchedulers.create(Sampler.DPMPP_2M_SDE_KARRAS, SD, 10)).sigmas();
        float[] euler = ((SigmaScheduler) SamplerSchedulers.create(Sampler.EULER, ScheduleType.KARRAS, SD, 10)).sigmas();
        assertEquals(java.util.Arrays.toString(euler), java.util.Arrays.toString(karras));
        float[] sample = new float[8];
        assertThrows(IllegalArgumentException.class, () -> sde.step(sample, 0, sample, null));
    }

    /** The diffusers dummy sample's layout (counting up in [C, H, W, B] order) at [2, 3, 4, 4]. */
    private static float[] dummySample() {
        return dummySample(2, 3, 4, 4);
    }

    /** The same for [batch, 4, 4, 5] (the Brownian reference's shape). */
    private static float[] dummySample(int batch, int perImage) {
        return dummySample(batch, 4, 4, perImage / 16);
    }

    private static float[] dummySample(int b, int c, int h, int w) {
        int n = b * c * h * w;
        float[] out = new float[n];
        for (int ib = 0; ib < b; ib++) {
            for (int ic = 0; ic < c; ic++) {
                for (int ih = 0; ih < h; ih++) {
                    for (int iw = 0; iw < w; iw++) {
                        int idx = ((ic * h + ih) * w + iw) * b + ib;
                        out[((ib * c + ic) * h + ih) * w + iw] = (float) idx / n;
                    }
                }
            }
        }
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
