package org.sandpaint.engine;

import java.nio.file.Path;

/**
 * The files a checkpoint is used with besides its own, as the WebUI's settings name them: the VAE, the
 * folder the prompt's {@code <lora:NAME:WEIGHT>} tags are looked up in and the folder of textual-inversion
 * embeddings used where their names appear.
 *
 * @param vae           a {@code .safetensors} VAE file, {@code auto} ({@code NAME.vae.safetensors} beside the
 *                      checkpoint, if any) or {@code none} (the checkpoint's own)
 * @param loraDir       the LoRA folder, or null for none
 * @param embeddingsDir the embeddings folder, or null for none
 */
public record ExtraNetworkFiles(String vae, Path loraDir, Path embeddingsDir) {

    /** The checkpoint's own VAE found automatically, no LoRAs, no embeddings. */
    public static final ExtraNetworkFiles NONE = new ExtraNetworkFiles("auto", null, null);

    public ExtraNetworkFiles {
        vae = vae == null ? "auto" : vae;
    }
}
