package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.scheduler.PredictionType;

/**
 * The model families a single-file checkpoint can be, with what each implies that the weights do not say.
 */
public enum CheckpointFamily {
    /** SD 1.x: CLIP ViT-L/14 text encoder, conditioned on its last layer; epsilon prediction at 512. */
    SD1("SD 1.x", TextEncoderConfig.Naming.HF_CLIP, TextEncoderConfig.Activation.QUICK_GELU, 1,
            PredictionType.EPSILON),
    /**
     * SD 2.x: OpenCLIP ViT-H/14, conditioned on its penultimate layer whatever CLIP skip says (the WebUI
     * ignores CLIP skip for these models). Without a yaml or {@code --prediction} a 2.x file is taken for
     * the 768 v-prediction model, the common one; the 512 base model needs {@code --prediction epsilon}.
     */
    SD2("SD 2.x", TextEncoderConfig.Naming.OPEN_CLIP, TextEncoderConfig.Activation.GELU, 2,
            PredictionType.V_PREDICTION);

    private final String displayName;
    private final TextEncoderConfig.Naming naming;
    private final TextEncoderConfig.Activation activation;
    private final int conditioningLayer;
    private final PredictionType defaultPrediction;

    CheckpointFamily(String displayName, TextEncoderConfig.Naming naming, TextEncoderConfig.Activation activation,
                     int conditioningLayer, PredictionType defaultPrediction) {
        this.displayName = displayName;
        this.naming = naming;
        this.activation = activation;
        this.conditioningLayer = conditioningLayer;
        this.defaultPrediction = defaultPrediction;
    }

    public String displayName() {
        return displayName;
    }

    public TextEncoderConfig.Naming naming() {
        return naming;
    }

    public TextEncoderConfig.Activation activation() {
        return activation;
    }

    /** 1 = last layer, 2 = penultimate (LDM's {@code layer: penultimate}). */
    public int conditioningLayer() {
        return conditioningLayer;
    }

    public PredictionType defaultPrediction() {
        return defaultPrediction;
    }

    /** The size the family was trained at: 768 for v-prediction SD 2.x, 512 otherwise. */
    public int nativeSize(PredictionType prediction) {
        return this == SD2 && prediction == PredictionType.V_PREDICTION ? 768 : 512;
    }
}
