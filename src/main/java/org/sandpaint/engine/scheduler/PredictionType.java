package org.sandpaint.engine.scheduler;

/** What the UNet was trained to predict. */
public enum PredictionType {
    EPSILON, V_PREDICTION, SAMPLE;

    public static PredictionType fromConfig(String value) {
        if (value == null) {
            return EPSILON;
        }
        return switch (value) {
            case "epsilon" -> EPSILON;
            case "v_prediction" -> V_PREDICTION;
            case "sample" -> SAMPLE;
            default -> throw new IllegalArgumentException("Unknown prediction_type '" + value
                    + "' in scheduler_config.json; expected epsilon, v_prediction or sample");
        };
    }
}
