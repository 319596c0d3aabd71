package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.text.ClipTokenizer;

import java.io.IOException;
import java.util.Optional;

/**
 * A model folder with its networks loaded and ready. The VAE encoder is opened on first use: text to
 * image never needs it, and on SD 1.5 it costs a few hundred megabytes.
 */
public final class StableDiffusionModel implements AutoCloseable {

    private final ModelFolder folder;
    private final SessionFactory sessions;
    private final ClipTokenizer tokenizer;
    private final TextEncoder textEncoder;
    private final Unet unet;
    private final VaeDecoder vaeDecoder;
    private VaeEncoder vaeEncoder;

    private StableDiffusionModel(ModelFolder folder, SessionFactory sessions, ClipTokenizer tokenizer,
                                 TextEncoder textEncoder, Unet unet, VaeDecoder vaeDecoder) {
        this.folder = folder;
        this.sessions = sessions;
        this.tokenizer = tokenizer;
        this.textEncoder = textEncoder;
        this.unet = unet;
        this.vaeDecoder = vaeDecoder;
    }

    /** Loads every network of the folder; on failure nothing stays open. */
    public static StableDiffusionModel load(ModelFolder folder, SessionFactory sessions) throws ModelException {
        ClipTokenizer tokenizer;
        try {
            tokenizer = ClipTokenizer.load(folder.tokenizer());
        } catch (IOException e) {
            throw new ModelException("Cannot load the tokenizer of " + folder.root() + ": " + e.getMessage(), e);
        }
        var env = sessions.environment();
        TextEncoder text = null;
        Unet unet = null;
        try {
            text = new TextEncoder(OnnxPart.open(sessions, folder.textEncoder(), "text encoder"), sessions);
            unet = new Unet(OnnxPart.open(sessions, folder.unet(), "UNet"), env);
            VaeDecoder decoder = new VaeDecoder(OnnxPart.open(sessions, folder.vaeDecoder(), "VAE decoder"), env);
            return new StableDiffusionModel(folder, sessions, tokenizer, text, unet, decoder);
        } catch (ModelException | RuntimeException e) {
            if (text != null) {
                text.close();
            }
            if (unet != null) {
                unet.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    public ModelFolder folder() {
        return folder;
    }

    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    public TextEncoder textEncoder() {
        return textEncoder;
    }

    public Unet unet() {
        return unet;
    }

    public VaeDecoder vaeDecoder() {
        return vaeDecoder;
    }

    /** "CPU" or "CUDA:n". */
    public String provider() {
        return sessions.activeProvider();
    }

    /** The VAE encoder, loaded on first call; empty when the folder has none (txt2img-only export). */
    public synchronized Optional<VaeEncoder> vaeEncoder() throws ModelException {
        if (vaeEncoder == null && folder.vaeEncoder().isPresent()) {
            vaeEncoder = new VaeEncoder(OnnxPart.open(sessions, folder.vaeEncoder().get(), "VAE encoder"),
                    sessions.environment());
        }
        return Optional.ofNullable(vaeEncoder);
    }

    @Override
    public synchronized void close() {
        textEncoder.close();
        unet.close();
        vaeDecoder.close();
        if (vaeEncoder != null) {
            vaeEncoder.close();
        }
        tokenizer.close();
    }
}
