package org.sandpaint.engine.scheduler;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of a diffusers {@code scheduler_config.json}.
 *
 * <p>Kept as a map on purpose: in diffusers every scheduler class has its own defaults for missing
 * keys (DDIM clips samples by default, Euler does not), so each scheduler asks for a key together
 * with its own default, exactly as {@code from_config} resolves it.
 */
public record SchedulerConfig(Map<String, Object> values) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SchedulerConfig {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Key/value pairs, e.g. {@code of("num_train_timesteps", 1000, "beta_schedule", "linear")}. */
    public static SchedulerConfig of(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("of() takes key/value pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new SchedulerConfig(map);
    }

    public static SchedulerConfig read(Path file) throws IOException {
        return new SchedulerConfig(JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { }));
    }

    public static SchedulerConfig parse(String json) throws IOException {
        return new SchedulerConfig(JSON.readValue(json, new TypeReference<Map<String, Object>>() { }));
    }

    /** A copy with {@code key} set (or removed when {@code value} is null). */
    public SchedulerConfig with(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>(values);
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
        return new SchedulerConfig(map);
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** Most training timesteps we accept; diffusers' models use 1000. */
    public static final int MAX_TRAIN_TIMESTEPS = 100_000;

    /**
     * Checks the keys every scheduler reads: their types and sane ranges. Getters throw the same way for
     * any key of the wrong type, so a bad value never silently becomes a generic default.
     *
     * @throws IllegalArgumentException naming the key, the value and what is expected
     */
    public SchedulerConfig validate() {
        if (has("num_train_timesteps")) {
            int n = getInt("num_train_timesteps", 1000);
            require(n >= 1 && n <= MAX_TRAIN_TIMESTEPS, "num_train_timesteps", values.get("num_train_timesteps"),
                    "a whole number from 1 to " + MAX_TRAIN_TIMESTEPS + " (Stable Diffusion: 1000)");
        }
        for (String key : List.of("beta_start", "beta_end")) {
            if (has(key)) {
                double beta = getDouble(key, 0.5);
                require(beta > 0 && beta < 1, key, values.get(key), "a number between 0 and 1 (exclusive)");
            }
        }
        double[] trained = trainedBetas();
        if (trained != null) {
            for (double beta : trained) {
                require(beta > 0 && beta < 1, "trained_betas", beta, "numbers between 0 and 1 (exclusive)");
            }
        }
        for (String key : List.of("beta_schedule", "prediction_type", "timestep_spacing", "algorithm_type",
                "final_sigmas_type", "interpolation_type", "solver_type", "timestep_type")) {
            getString(key, "");
        }
        for (String key : List.of("clip_sample", "euler_at_final", "lower_order_final", "rescale_betas_zero_snr",
                "set_alpha_to_one", "skip_prk_steps", "thresholding", "use_beta_sigmas", "use_exponential_sigmas",
                "use_karras_sigmas")) {
            getBoolean(key, false);
        }
        for (String key : List.of("clip_sample_range", "sigma_max", "sigma_min", "timestep_scaling")) {
            getDouble(key, 0);
        }
        for (String key : List.of("steps_offset", "original_inference_steps", "solver_order")) {
            if (has(key)) {
                int value = getInt(key, 0);
                require(value >= 0 && value <= MAX_TRAIN_TIMESTEPS, key, values.get(key),
                        "a whole number from 0 to " + MAX_TRAIN_TIMESTEPS);
            }
        }
        return this;
    }

    public int getInt(String key, int fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw wrongValue(key, v, "a whole number");
    }

    public double getDouble(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw wrongValue(key, v, "a number");
    }

    public boolean getBoolean(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongValue(key, v, "true or false");
    }

    public String getString(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw wrongValue(key, v, "a text in quotes");
    }

    /** {@code trained_betas} as doubles, or null when the config has none. */
    public double[] trainedBetas() {
        Object v = values.get("trained_betas");
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list) || list.isEmpty() || list.size() > MAX_TRAIN_TIMESTEPS) {
            throw wrongValue("trained_betas", v, "a list of 1 to " + MAX_TRAIN_TIMESTEPS + " numbers");
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw wrongValue("trained_betas", list.get(i), "numbers only");
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    private static void require(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            throw wrongValue(key, value, expected);
        }
    }

    private static IllegalArgumentException wrongValue(String key, Object value, String expected) {
        String shown = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new IllegalArgumentException("\"" + key + "\" is " + shown + "; it must be " + expected + ".");
    }

    public PredictionType predictionType() {
        return PredictionType.fromConfig(getString("prediction_type", "epsilon"));
    }
}
