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

    public int getInt(String key, int fallback) {
        Object v = values.get(key);
        return v instanceof Number n ? n.intValue() : fallback;
    }

    public double getDouble(String key, double fallback) {
        Object v = values.get(key);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    public boolean getBoolean(String key, boolean fallback) {
        Object v = values.get(key);
        return v instanceof Boolean b ? b : fallback;
    }

    public String getString(String key, String fallback) {
        Object v = values.get(key);
        return v instanceof String s ? s : fallback;
    }

    /** {@code trained_betas} as doubles, or null when the config has none. */
    public double[] trainedBetas() {
        Object v = values.get("trained_betas");
        if (!(v instanceof List<?> list)) {
            return null;
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }

    public PredictionType predictionType() {
        return PredictionType.fromConfig(getString("prediction_type", "epsilon"));
    }
}
