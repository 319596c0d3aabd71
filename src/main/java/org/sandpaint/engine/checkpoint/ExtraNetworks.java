package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.checkpoint.graph.WeightSource;
import org.sandpaint.engine.checkpoint.lora.LoraFolder;
import org.sandpaint.engine.checkpoint.lora.LoraMerge;
import org.sandpaint.engine.checkpoint.lora.LoraRequest;
import org.sandpaint.engine.checkpoint.lora.LoraUse;
import org.sandpaint.engine.checkpoint.vae.VaeFile;
import org.sandpaint.engine.model.ModelException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files a checkpoint is loaded with besides its own: a replacement VAE and the LoRAs the prompt asks
 * for. {@link #weights()} is what the loader feeds the networks: the checkpoint's weights with the VAE's in
 * place of its own and the LoRAs merged in. The files stay open (mapped) as long as the model, which reads
 * them when a network is built (the VAE encoder is built on first use).
 */
public final class ExtraNetworks implements AutoCloseable {

    private final VaeFile vae;
    private final List<LoraUse> loras;
    private final WeightSource weights;
    private final Map<String, String> loraHashes;

    private ExtraNetworks(VaeFile vae, List<LoraUse> loras, WeightSource weights, Map<String, String> loraHashes) {
        this.vae = vae;
        this.loras = loras;
        this.weights = weights;
        this.loraHashes = loraHashes;
    }

    /**
     * Opens and checks the VAE file (if any) and the requested LoRAs against the checkpoint. LoRA names
     * with no file are added to {@code warnings}; a file that does not fit throws, naming it.
     */
    public static ExtraNetworks open(Checkpoint checkpoint, Optional<Path> vaeFile, LoraFolder loraFolder,
                                     List<LoraRequest> requests, List<String> warnings) throws ModelException {
        VaeFile vae = null;
        List<LoraUse> loras = new ArrayList<>();
        try {
            WeightSource weights = checkpoint.weights();
            if (vaeFile.isPresent()) {
                vae = VaeFile.open(vaeFile.get());
                vae.checkFits(checkpoint.file().tensors());
                weights = vae.over(weights);
            }
            Map<String, String> hashes = new LinkedHashMap<>();
            if (!requests.isEmpty()) {
                loras.addAll(loraFolder.open(requests, warnings));
                weights = LoraMerge.over(weights, checkpoint.file().tensors(), loras);
                for (LoraUse use : loras) {
                    hashes.put(use.lora().name(), hash(use));
                }
            }
            return new ExtraNetworks(vae, List.copyOf(loras), weights, hashes);
        } catch (ModelException | RuntimeException e) {
            loras.forEach(use -> use.lora().close());
            if (vae != null) {
                vae.close();
            }
            throw e;
        }
    }

    public WeightSource weights() {
        return weights;
    }

    /** Short hash by name of each LoRA merged in. */
    public Map<String, String> loraHashes() {
        return loraHashes;
    }

    public Optional<Path> vae() {
        return Optional.ofNullable(vae).map(VaeFile::path);
    }

    private static String hash(LoraUse use) {
        try {
            return NetworkHashes.loraShortHash(use.lora().file(), use.lora().metadata());
        } catch (IOException e) {
            return ""; // the infotext leaves this LoRA's hash out
        }
    }

    @Override
    public void close() {
        loras.forEach(use -> use.lora().close());
        if (vae != null) {
            vae.close();
        }
    }
}
