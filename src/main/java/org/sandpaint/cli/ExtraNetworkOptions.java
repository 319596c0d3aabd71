package org.sandpaint.cli;

import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.checkpoint.Checkpoint;
import org.sandpaint.engine.checkpoint.CheckpointOverrides;
import org.sandpaint.engine.checkpoint.ExtraNetworks;
import org.sandpaint.engine.checkpoint.lora.LoraFolder;
import org.sandpaint.engine.checkpoint.lora.LoraRequest;
import org.sandpaint.engine.checkpoint.vae.VaeChoice;
import org.sandpaint.engine.checkpoint.vae.VaeResolver;
import org.sandpaint.engine.model.ModelException;
import org.sandpaint.engine.text.LoraTags;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * --vae, --lora-dir and --embeddings-dir: the files a checkpoint is used with besides its own. LoRAs come
 * from the prompt's {@code <lora:NAME:WEIGHT>} tags, embeddings from their names in either prompt.
 */
final class ExtraNetworkOptions {

    @Option(names = "--vae", paramLabel = "FILE|auto|none", defaultValue = "auto",
            description = "VAE of a checkpoint: a .safetensors VAE file, auto (NAME.vae.safetensors beside the "
                    + "checkpoint, if any, as the WebUI does) or none (the checkpoint's own). Default: auto.")
    String vae;

    @Option(names = "--lora-dir", paramLabel = "DIR", description = "Folder of the LoRAs <lora:NAME:WEIGHT> names.")
    Path loraDir;

    @Option(names = "--embeddings-dir", paramLabel = "DIR",
            description = "Folder of textual-inversion embeddings (.safetensors, .pt), used where their names appear.")
    Path embeddingsDir;

    /** Opens the model with the VAE, the prompt's LoRAs and the embeddings; warnings go to {@code warnings}. */
    Engine open(Path model, CheckpointOverrides overrides, EngineOptions options, String prompt, List<String> warnings)
            throws ModelException {
        Engine engine;
        if (Checkpoint.isCheckpointFile(model)) {
            Checkpoint checkpoint = Checkpoint.open(model, overrides);
            ExtraNetworks extras;
            try {
                VaeResolver.Resolution vaeFile = VaeResolver.resolve(vaeChoice(), model, null);
                warnings.addAll(vaeFile.warnings());
                // LoRAs not found are left out here; the prompt encoder reports each tag it ignores, once.
                List<LoraRequest> loras = loraDir == null ? List.of() : LoraRequest.fromTags(LoraTags.strip(prompt).tags());
                extras = ExtraNetworks.open(checkpoint, vaeFile.file(), loraDir == null ? null : new LoraFolder(loraDir),
                        loras, new ArrayList<>());
            } catch (ModelException | RuntimeException e) {
                checkpoint.close();
                throw e;
            }
            engine = Engine.open(checkpoint, extras, options);
        } else {
            if (!vae.equals("auto")) {
                warnings.add("--vae was ignored: it applies to single-file .safetensors checkpoints; a model folder uses its own VAE.");
            }
            engine = Engine.open(model, overrides, options);
        }
        if (embeddingsDir != null) {
            try {
                warnings.addAll(engine.useEmbeddings(embeddingsDir));
            } catch (ModelException | RuntimeException e) {
                engine.close();
                throw e;
            }
        }
        return engine;
    }

    private VaeChoice vaeChoice() {
        return switch (vae.toLowerCase(Locale.ROOT)) {
            case "auto", "automatic" -> VaeChoice.AUTOMATIC;
            case "none" -> VaeChoice.MODELS_OWN;
            default -> VaeChoice.file(Path.of(vae));
        };
    }
}
