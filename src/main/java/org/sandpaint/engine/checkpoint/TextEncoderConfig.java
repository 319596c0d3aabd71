package org.sandpaint.engine.checkpoint;

/**
 * The shape of a checkpoint's text encoder. Widths and layer counts come from the tensors; the head count
 * and activation cannot, so they come from the family (CLIP ViT-L/14: 12 heads, quick_gelu; OpenCLIP
 * ViT-H/14: 16 heads, gelu) or from the yaml.
 *
 * @param naming        how the file names the layers
 * @param hiddenSize    embedding width D (768 for SD 1.x, 1024 for SD 2.x)
 * @param layers        transformer layers in the file
 * @param heads         attention heads
 * @param intermediate  MLP width
 * @param activation    the MLP's activation
 * @param layerNormEps  LayerNorm epsilon
 * @param positions     position embeddings (77)
 * @param vocabSize     token embedding rows (49408)
 * @param defaultLayer  which hidden state the family conditions on, counted from the end as CLIP skip
 *                      is: 1 = the last layer (SD 1.x), 2 = the penultimate (SD 2.x, LDM's
 *                      {@code layer: penultimate})
 */
public record TextEncoderConfig(Naming naming, int hiddenSize, int layers, int heads, int intermediate,
                                Activation activation, float layerNormEps, int positions, int vocabSize,
                                int defaultLayer) {

    /** Layer names: Hugging Face CLIPTextModel (SD 1.x) or OpenCLIP (SD 2.x). */
    public enum Naming {
        /** {@code cond_stage_model.transformer.text_model.encoder.layers.N.self_attn.q_proj...} */
        HF_CLIP("cond_stage_model.transformer.text_model."),
        /** {@code cond_stage_model.model.transformer.resblocks.N.attn.in_proj_weight...} */
        OPEN_CLIP("cond_stage_model.model.");

        private final String prefix;

        Naming(String prefix) {
            this.prefix = prefix;
        }

        /** The checkpoint prefix of the text encoder's keys. */
        public String prefix() {
            return prefix;
        }

        public String tokenEmbeddingKey() {
            return this == HF_CLIP ? prefix + "embeddings.token_embedding.weight" : prefix + "token_embedding.weight";
        }

        public String positionEmbeddingKey() {
            return this == HF_CLIP ? prefix + "embeddings.position_embedding.weight" : prefix + "positional_embedding";
        }
    }

    public enum Activation { QUICK_GELU, GELU }

    public int headDim() {
        return hiddenSize / heads;
    }
}
