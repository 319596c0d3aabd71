package org.sandpaint.engine.checkpoint.vae;

import org.sandpaint.engine.checkpoint.CheckpointWeights;
import org.sandpaint.engine.checkpoint.PickleFiles;
import org.sandpaint.engine.checkpoint.SafetensorsFile;
import org.sandpaint.engine.checkpoint.TensorEntry;
import org.sandpaint.engine.checkpoint.graph.WeightSource;
import org.sandpaint.engine.ModelException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A stand-alone VAE in the format the WebUI loads from its VAE folder: LDM VAE keys without the
 * {@code first_stage_model.} prefix ({@code encoder.*}, {@code decoder.*}, {@code quant_conv.*},
 * {@code post_quant_conv.*}). Checked against the checkpoint it replaces the VAE of, key by key and
 * shape by shape, before any network is built. Stays mapped while open.
 */
public final class VaeFile implements AutoCloseable {

    private static final String PREFIX = "first_stage_model.";

    private final SafetensorsFile file;

    private VaeFile(SafetensorsFile file) {
        this.file = file;
    }

    public static VaeFile open(Path path) throws ModelException {
        if (PickleFiles.isPickle(path)) {
            throw PickleFiles.refuseVae(path);
        }
        SafetensorsFile file = SafetensorsFile.open(path);
        try {
            checkIsVae(file);
            return new VaeFile(file);
        } catch (ModelException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public Path path() {
        return file.file();
    }

    /**
     * Every VAE weight of the checkpoint must be in this file with the same shape (the WebUI's strict
     * {@code load_state_dict}); the message names the first that is not.
     */
    public void checkFits(Map<String, TensorEntry> checkpointTensors) throws ModelException {
        for (TensorEntry wanted : checkpointTensors.values()) {
            if (!wanted.name().startsWith(PREFIX) || wanted.name().startsWith(PREFIX + "loss.")) {
                continue;
            }
            String key = wanted.name().substring(PREFIX.length());
            TensorEntry own = file.entry(key).orElseThrow(() -> new ModelException("The VAE " + name()
                    + " does not fit this model: it has no '" + key + "'. It was made for another model family."));
            if (!Arrays.equals(own.shape(), wanted.shape())) {
                throw new ModelException("The VAE " + name() + " does not fit this model: its " + key + " is "
                        + Arrays.toString(own.shape()) + ", the model's is " + Arrays.toString(wanted.shape())
                        + ". It was made for another model family.");
            }
        }
    }

    /** {@code base} with the VAE weights taken from this file. */
    public WeightSource over(WeightSource base) {
        return CheckpointWeights.withVae(base, file);
    }

    @Override
    public void close() {
        file.close();
    }

    private String name() {
        return file.file().getFileName().toString();
    }

    private static void checkIsVae(SafetensorsFile file) throws ModelException {
        Map<String, TensorEntry> tensors = file.tensors();
        String name = file.file().getFileName().toString();
        if (tensors.containsKey("decoder.conv_in.weight") && tensors.containsKey("post_quant_conv.weight")) {
            if (tensors.keySet().stream().anyMatch(k -> k.startsWith("decoder.up_blocks."))) {
                throw new ModelException(name + " is a VAE in diffusers' layout (decoder.up_blocks...); Sandpaint "
                        + "reads VAE files in the WebUI's (LDM) layout (decoder.up.N...). Use that version of it.");
            }
            return;
        }
        if (tensors.containsKey(PREFIX + "decoder.conv_in.weight")) {
            throw new ModelException(name + " is a whole checkpoint, not a VAE file. Choose it as the model, or "
                    + "choose a VAE file (encoder.*, decoder.*, quant_conv.*, post_quant_conv.*).");
        }
        throw new ModelException(name + " is not a VAE file: it has no decoder.conv_in.weight and "
                + "post_quant_conv.weight. A stand-alone VAE holds encoder.*, decoder.*, quant_conv.* and "
                + "post_quant_conv.* (is it a LoRA or an embedding?).");
    }
}
