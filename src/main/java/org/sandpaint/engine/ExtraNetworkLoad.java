package org.sandpaint.engine;

import org.sandpaint.engine.checkpoint.Checkpoint;
import org.sandpaint.engine.checkpoint.CheckpointSource;
import org.sandpaint.engine.checkpoint.ExtraNetworks;
import org.sandpaint.engine.checkpoint.lora.LoraFolder;
import org.sandpaint.engine.checkpoint.lora.LoraRequest;
import org.sandpaint.engine.checkpoint.vae.VaeChoice;
import org.sandpaint.engine.checkpoint.vae.VaeResolver;
import org.sandpaint.engine.text.LoraTags;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Opens a checked model with its {@link ExtraNetworkFiles}: the VAE, the prompt's LoRAs, the embeddings. */
final class ExtraNetworkLoad {

    private ExtraNetworkLoad() {
    }

    static Engine open(ModelInfo checked, EngineOptions options, ExtraNetworkFiles files, String prompt,
                       List<String> warnings) throws ModelException {
        Engine engine = null;
        if (checked.isBuiltFromWeights()) {
            CheckpointSource source = checked.openWeights();
            if (source instanceof Checkpoint checkpoint) {
                engine = openCheckpoint(checkpoint, options, files, prompt, warnings);
            } else {
                source.close();
            }
        }
        if (engine == null) {
            if (!files.vae().equalsIgnoreCase("auto") || files.loraDir() != null) {
                warnings.add("--vae and --lora-dir apply to single-file .safetensors checkpoints; "
                        + checked.name() + " (" + checked.kind() + ") uses its own VAE and takes no LoRAs.");
            }
            engine = Engine.open(checked, options);
        }
        if (files.embeddingsDir() != null) {
            try {
                warnings.addAll(engine.useEmbeddings(files.embeddingsDir()));
            } catch (ModelException | RuntimeException e) {
                engine.close();
                throw e;
            }
        }
        return engine;
    }

    private static Engine openCheckpoint(Checkpoint checkpoint, EngineOptions options, ExtraNetworkFiles files,
                                         String prompt, List<String> warnings) throws ModelException {
        ExtraNetworks extras;
        try {
            VaeResolver.Resolution vaeFile = VaeResolver.resolve(vaeChoice(files.vae()), checkpoint.location(), null);
            warnings.addAll(vaeFile.warnings());
            // LoRAs not found are left out here; the prompt encoder reports each tag it ignores, once.
            List<LoraRequest> loras = files.loraDir() == null ? List.of()
                    : LoraRequest.fromTags(LoraTags.strip(prompt).tags());
            extras = ExtraNetworks.open(checkpoint, vaeFile.file(),
                    files.loraDir() == null ? null : new LoraFolder(files.loraDir()), loras, new ArrayList<>());
        } catch (ModelException | RuntimeException e) {
            checkpoint.close();
            if (e instanceof IllegalArgumentException) {
                throw new ModelException(e.getMessage(), e);
            }
            throw e;
        }
        return Engine.open(checkpoint, extras, options);
    }

    private static VaeChoice vaeChoice(String vae) {
        return switch (vae.toLowerCase(Locale.ROOT)) {
            case "auto", "automatic" -> VaeChoice.AUTOMATIC;
            case "none" -> VaeChoice.MODELS_OWN;
            default -> VaeChoice.file(Path.of(vae));
        };
    }
}
