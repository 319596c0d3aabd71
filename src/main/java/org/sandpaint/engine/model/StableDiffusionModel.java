package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.text.ClipTokenizer;

import java.io.IOException;
import java.util.Optional;

/**
 * A model with its networks loaded and ready: an ONNX folder, or a single-file checkpoint whose graphs
 * were built in memory. The VAE encoder is opened on first use: text to image never needs it, and on
 * SD 1.5 it costs a few hundred megabytes.
 */
public final class StableDiffusionModel implements AutoCloseable {

    /** Opens a network on demand (the VAE encoder). */
    @FunctionalInterface
    public interface Opener<T> {
        T open() throws ModelException;
    }

    private final ModelFolder folder;
    private final SessionFactory sessions;
    private final ClipTokenizer tokenizer;
    private TextEncoding textEncoder; // replaced when a LoRA change rebuilds it
    private Unet unet;
    private final VaeDecoder vaeDecoder;
    private final Opener<VaeEncoder> vaeEncoderOpener; // null when the model has no VAE encoder
    private final AutoCloseable source; // what the networks were read from, if it stays open; may be null
    private VaeEncoder vaeEncoder;

    private StableDiffusionModel(ModelFolder folder, SessionFactory sessions, ClipTokenizer tokenizer,
                                 TextEncoding textEncoder, Unet unet, VaeDecoder vaeDecoder,
                                 Opener<VaeEncoder> vaeEncoderOpener, AutoCloseable source) {
        this.folder = folder;
        this.sessions = sessions;
        this.tokenizer = tokenizer;
        this.textEncoder = textEncoder;
        this.unet = unet;
        this.vaeDecoder = vaeDecoder;
        this.vaeEncoderOpener = vaeEncoderOpener;
        this.source = source;
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
            Opener<VaeEncoder> encoder = folder.vaeEncoder().isEmpty() ? null : () -> new VaeEncoder(
                    OnnxPart.open(sessions, folder.vaeEncoder().get(), "VAE encoder"), env);
            return new StableDiffusionModel(folder, sessions, tokenizer, text, unet, decoder, encoder, null);
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

    /**
     * A model from networks loaded elsewhere (a checkpoint's built graphs). It takes ownership of all of
     * them and of {@code source}, closed last.
     */
    public static StableDiffusionModel assemble(ModelFolder description, SessionFactory sessions,
                                                ClipTokenizer tokenizer, TextEncoding text, Unet unet,
                                                VaeDecoder decoder, Opener<VaeEncoder> encoder,
                                                AutoCloseable source) {
        return new StableDiffusionModel(description, sessions, tokenizer, text, unet, decoder, encoder, source);
    }

    /** The model's settings; for a single-file checkpoint, {@link ModelFolder#root()} is the file. */
    public ModelFolder folder() {
        return folder;
    }

    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * Swaps in rebuilt networks (after a LoRA change) and closes the ones they replace; null keeps the
     * current one. Callers must not run the model meanwhile (the engine holds its lock).
     */
    public synchronized void replace(TextEncoding newTextEncoder, Unet newUnet) {
        if (newTextEncoder != null) {
            textEncoder.close();
            textEncoder = newTextEncoder;
        }
        if (newUnet != null) {
            unet.close();
            unet = newUnet;
        }
    }

    public synchronized TextEncoding textEncoder() {
        return textEncoder;
    }

    public synchronized Unet unet() {
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
        if (vaeEncoder == null && vaeEncoderOpener != null) {
            vaeEncoder = vaeEncoderOpener.open();
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
        if (source != null) {
            try {
                source.close();
            } catch (Exception e) {
                // Closing a mapped file only releases memory.
            }
        }
    }
}
