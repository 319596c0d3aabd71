package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.scheduler.PredictionType;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the user says about a checkpoint on top of what it says about itself.
 *
 * @param config     an LDM inference yaml to use instead of {@code NAME.yaml} beside the file
 * @param prediction epsilon or v-prediction, overriding the yaml and the family default
 */
public record CheckpointOverrides(Optional<Path> config, Optional<PredictionType> prediction) {

    public static final CheckpointOverrides NONE = new CheckpointOverrides(Optional.empty(), Optional.empty());

    public CheckpointOverrides withConfig(Path yaml) {
        return new CheckpointOverrides(Optional.ofNullable(yaml), prediction);
    }

    public CheckpointOverrides withPrediction(PredictionType type) {
        return new CheckpointOverrides(config, Optional.ofNullable(type));
    }

    /** Parses {@code --prediction}: v, v_prediction, eps or epsilon. */
    public static PredictionType parsePrediction(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "v", "v_prediction", "v-prediction" -> PredictionType.V_PREDICTION;
            case "eps", "epsilon" -> PredictionType.EPSILON;
            default -> throw new IllegalArgumentException("Unknown prediction type '" + value
                    + "': use v or epsilon.");
        };
    }
}
