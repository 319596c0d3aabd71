package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.checkpoint.graph.WeightSource;
import org.sandpaint.engine.checkpoint.lora.LoraFolder;
import org.sandpaint.engine.checkpoint.lora.LoraMerge;
import org.sandpaint.engine.checkpoint.lora.LoraRequest;
import org.sandpaint.engine.checkpoint.lora.LoraUse;
import org.sandpaint.engine.checkpoint.vae.VaeFile;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.model.SessionFactory;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.model.TextEncoding;
import org.sandpaint.engine.model.Unet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files a checkpoint is used with besides its own: a replacement VAE and the LoRAs the prompt asks
 * for. {@link #weights()} is what the loader feeds the networks: the checkpoint's weights with the VAE's in
 * place of its own and the LoRAs merged in. The files stay open (mapped) as long as the model, which reads
 * them when a network is built (the VAE encoder is built on first use).
 *
 * <p>When the prompt asks for other LoRAs or weights, {@link #switchLoras} rebuilds only the networks whose
 * weights change (the text encoder, the UNet, or both; never the VAE). Their weights are read again from
 * the mapped checkpoint, which after the first load is in the OS page cache, not on disk.
 */
public final class ExtraNetworks implements AutoCloseable {

    private static final String TEXT_PREFIX = "cond_stage_model.";
    private static final String UNET_PREFIX = ArchitectureReader.UNET_PREFIX;

    private final Checkpoint checkpoint;
    private final VaeFile vae;
    private final WeightSource base;
    private final LoraFolder loraFolder;
    private List<LoraRequest> requests;
    private List<LoraUse> loras;
    private WeightSource weights;
    private Set<String> patchedKeys;
    private Map<String, String> loraHashes;

    private ExtraNetworks(Checkpoint checkpoint, VaeFile vae, WeightSource base, LoraFolder loraFolder) {
        this.checkpoint = checkpoint;
        this.vae = vae;
        this.base = base;
        this.loraFolder = loraFolder;
        this.requests = List.of();
        this.loras = List.of();
        this.weights = base;
        this.patchedKeys = Set.of();
        this.loraHashes = Map.of();
    }

    /**
     * Opens and checks the VAE file (if any) and the requested LoRAs against the checkpoint. LoRA names
     * with no file are added to {@code warnings}; a file that does not fit throws, naming it.
     *
     * @param loraFolder where {@code <lora:NAME>} files are looked for, now and on later switches; null for
     *                   none (no LoRA is loaded)
     */
    public static ExtraNetworks open(Checkpoint checkpoint, Optional<Path> vaeFile, LoraFolder loraFolder,
                                     List<LoraRequest> requests, List<String> warnings) throws ModelException {
        VaeFile vae = vaeFile.isPresent() ? VaeFile.open(vaeFile.get()) : null;
        ExtraNetworks extras;
        try {
            WeightSource base = checkpoint.weights();
            if (vae != null) {
                vae.checkFits(checkpoint.file().tensors());
                base = vae.over(base);
            }
            extras = new ExtraNetworks(checkpoint, vae, base, loraFolder);
        } catch (ModelException | RuntimeException e) {
            if (vae != null) {
                vae.close();
            }
            throw e;
        }
        try {
            extras.merge(requests, warnings);
            return extras;
        } catch (ModelException | RuntimeException e) {
            extras.close();
            throw e;
        }
    }

    public synchronized WeightSource weights() {
        return weights;
    }

    /** Short hash by name of each LoRA merged in now. */
    public synchronized Map<String, String> loraHashes() {
        return loraHashes;
    }

    /** True when prompts may change the LoRAs (there is a LoRA folder). */
    public boolean switchesLoras() {
        return loraFolder != null;
    }

    public Optional<Path> vae() {
        return Optional.ofNullable(vae).map(VaeFile::path);
    }

    /**
     * Makes the model's networks those of {@code wanted} LoRAs: nothing happens when they are the ones merged
     * now; otherwise the LoRAs are opened and checked, the text encoder and/or UNet are rebuilt (those whose
     * weights the old or the new LoRAs patch) and swapped into {@code model}. On failure the model keeps
     * its networks and these LoRAs.
     *
     * @return true when networks were rebuilt
     */
    public synchronized boolean switchLoras(List<LoraRequest> wanted, StableDiffusionModel model, SessionFactory sessions,
                                            List<String> warnings) throws ModelException {
        if (sameLoras(wanted, requests)) {
            return false;
        }
        List<LoraRequest> oldRequests = requests;
        List<LoraUse> oldLoras = loras;
        WeightSource oldWeights = weights;
        Set<String> oldPatched = patchedKeys;
        Map<String, String> oldHashes = loraHashes;
        TextEncoding text = null;
        try {
            merge(wanted, warnings);
            Set<String> changed = new HashSet<>(oldPatched);
            changed.addAll(patchedKeys);
            text = anyStartsWith(changed, TEXT_PREFIX) ? CheckpointLoader.textEncoder(checkpoint, weights, sessions) : null;
            Unet unet = anyStartsWith(changed, UNET_PREFIX) ? CheckpointLoader.unet(checkpoint, weights, sessions) : null;
            model.replace(text, unet);
        } catch (ModelException | RuntimeException e) {
            if (text != null) {
                text.close();
            }
            if (loras != oldLoras) {
                loras.forEach(use -> use.lora().close());
            }
            requests = oldRequests;
            loras = oldLoras;
            weights = oldWeights;
            patchedKeys = oldPatched;
            loraHashes = oldHashes;
            throw e;
        }
        oldLoras.forEach(use -> use.lora().close());
        return true;
    }

    /** Opens the LoRAs and sets the merged weights; the previous LoRA files are left to the caller. */
    private void merge(List<LoraRequest> wanted, List<String> warnings) throws ModelException {
        List<LoraUse> uses = wanted.isEmpty() || loraFolder == null ? List.of() : loraFolder.open(wanted, warnings);
        try {
            LoraMerge merge = uses.isEmpty() ? null : LoraMerge.over(base, checkpoint.file().tensors(), uses);
            Map<String, String> hashes = new LinkedHashMap<>();
            for (LoraUse use : uses) {
                hashes.put(use.lora().name(), hash(use));
            }
            requests = List.copyOf(wanted);
            loras = List.copyOf(uses);
            weights = merge == null ? base : merge;
            patchedKeys = merge == null ? Set.of() : merge.patchedKeys();
            loraHashes = Map.copyOf(hashes);
        } catch (ModelException | RuntimeException e) {
            uses.forEach(use -> use.lora().close());
            throw e;
        }
    }

    private static boolean sameLoras(List<LoraRequest> a, List<LoraRequest> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            LoraRequest x = a.get(i);
            LoraRequest y = b.get(i);
            if (!x.name().equals(y.name()) || x.textEncoderWeight() != y.textEncoderWeight()
                    || x.unetWeight() != y.unetWeight()) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyStartsWith(Set<String> keys, String prefix) {
        return keys.stream().anyMatch(k -> k.startsWith(prefix));
    }

    private static String hash(LoraUse use) {
        try {
            return NetworkHashes.loraShortHash(use.lora().file(), use.lora().metadata());
        } catch (IOException e) {
            return ""; // the infotext leaves this LoRA's hash out
        }
    }

    @Override
    public synchronized void close() {
        loras.forEach(use -> use.lora().close());
        if (vae != null) {
            vae.close();
        }
    }
}
