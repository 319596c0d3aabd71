package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.checkpoint.graph.WeightSource;
import org.sandpaint.engine.ModelException;

import java.nio.file.Path;

/**
 * Weight sources over .safetensors files: a checkpoint's own weights, and a stand-alone VAE (LDM VAE keys
 * without the {@code first_stage_model.} prefix) standing in for the checkpoint's VAE. LoRA and similar
 * patches wrap a source ({@code base -> patched}); the built graphs never know.
 */
public final class CheckpointWeights {

    private CheckpointWeights() {
    }

    /** The file's tensors as float32, read (and widened from F16/BF16) when a session asks. */
    public static WeightSource of(SafetensorsFile file) {
        return key -> file.floats(file.require(key));
    }

    /**
     * {@code base}, except that the VAE's keys ({@code first_stage_model.X}) come from {@code vae} as
     * {@code X}.
     */
    public static WeightSource withVae(WeightSource base, SafetensorsFile vae) {
        String prefix = ArchitectureReader.VAE_PREFIX;
        return key -> {
            if (!key.startsWith(prefix)) {
                return base.values(key);
            }
            String own = key.substring(prefix.length());
            if (!vae.has(own)) {
                throw new ModelException(vaeName(vae.file()) + " has no tensor '" + own + "': it is not a VAE for "
                        + "this model (an SD 1.x/2.x VAE has encoder.*, decoder.*, quant_conv.* and post_quant_conv.*).");
            }
            return vae.floats(own);
        };
    }

    private static String vaeName(Path file) {
        return "The VAE " + file.getFileName();
    }
}
