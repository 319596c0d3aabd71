package org.sandpaint.cli;

import org.sandpaint.engine.ExtraNetworkFiles;
import picocli.CommandLine.Option;

import java.nio.file.Path;

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

    ExtraNetworkFiles files() {
        return new ExtraNetworkFiles(vae, loraDir, embeddingsDir);
    }
}
