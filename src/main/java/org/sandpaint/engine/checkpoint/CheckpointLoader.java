package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.checkpoint.graph.ClipTextGraph;
import org.sandpaint.engine.checkpoint.graph.GraphBuilder;
import org.sandpaint.engine.checkpoint.graph.UnetGraph;
import org.sandpaint.engine.checkpoint.graph.VaeDecoderGraph;
import org.sandpaint.engine.checkpoint.graph.VaeEncoderGraph;
import org.sandpaint.engine.checkpoint.graph.WeightFile;
import org.sandpaint.engine.checkpoint.graph.WeightSource;
import org.sandpaint.engine.model.BuiltNetworks;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.model.SessionFactory;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.model.TextEncoding;
import org.sandpaint.engine.model.Unet;
import org.sandpaint.engine.model.VaeDecoder;
import org.sandpaint.engine.text.ClipTokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a checkpoint's networks in memory and opens them: for each network the graph is built from the
 * architecture, its weights are read from {@code weights} as float32 and handed to ONNX Runtime, and the
 * Java copy is dropped as soon as the session holds them. The VAE encoder is built on first use.
 */
public final class CheckpointLoader {

    private CheckpointLoader() {
    }

    /**
     * Loads the model; it owns {@code checkpoint} from then on (closed with the model). On failure nothing
     * stays open, the checkpoint included.
     *
     * @param weights where the weights come from: {@link CheckpointSource#weights()}, or a source wrapping it
     *                (LoRA, another VAE)
     */
    public static StableDiffusionModel load(CheckpointSource checkpoint, WeightSource weights, SessionFactory sessions)
            throws ModelException {
        CheckpointArchitecture arch = checkpoint.architecture();
        BuiltNetworks networks = new BuiltNetworks(sessions, checkpoint.location());
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ClipTokenizer tokenizer = checkpoint.loadTokenizer();
            opened.add(tokenizer);
            TextEncoding text = textEncoder(checkpoint, weights, sessions, networks);
            opened.add(text);
            WeightFile unetWeights = unpack(UnetGraph.build(arch.unet(), ArchitectureReader.UNET_PREFIX), weights, arch);
            Unet unet = networks.unet(unetWeights.model(), unetWeights);
            opened.add(unet);
            WeightFile decoderWeights = unpack(VaeDecoderGraph.build(arch.vae(), ArchitectureReader.VAE_PREFIX),
                    weights, arch);
            VaeDecoder decoder = networks.vaeDecoder(decoderWeights.model(), decoderWeights);
            StableDiffusionModel.Opener<org.sandpaint.engine.model.VaeEncoder> encoder = () -> {
                WeightFile w = unpack(VaeEncoderGraph.build(arch.vae(), ArchitectureReader.VAE_PREFIX), weights, arch);
                return networks.vaeEncoder(w.model(), w);
            };
            return StableDiffusionModel.assemble(checkpoint.settings(), sessions, tokenizer, text, unet, decoder,
                    encoder, checkpoint);
        } catch (ModelException | RuntimeException e) {
            for (AutoCloseable c : opened) {
                closeQuietly(c);
            }
            checkpoint.close();
            throw e;
        }
    }

    /** The text encoder alone, from {@code weights} (rebuilt when a LoRA change patches it). */
    public static TextEncoding textEncoder(CheckpointSource checkpoint, WeightSource weights, SessionFactory sessions)
            throws ModelException {
        return textEncoder(checkpoint, weights, sessions, new BuiltNetworks(sessions, checkpoint.location()));
    }

    /** The UNet alone, from {@code weights} (rebuilt when a LoRA change patches it). */
    public static Unet unet(CheckpointSource checkpoint, WeightSource weights, SessionFactory sessions)
            throws ModelException {
        CheckpointArchitecture arch = checkpoint.architecture();
        WeightFile file = unpack(UnetGraph.build(arch.unet(), ArchitectureReader.UNET_PREFIX), weights, arch);
        try {
            return new BuiltNetworks(sessions, checkpoint.location()).unet(file.model(), file);
        } catch (ModelException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static TextEncoding textEncoder(CheckpointSource checkpoint, WeightSource weights, SessionFactory sessions,
                                            BuiltNetworks networks) throws ModelException {
        TextEncoderConfig config = checkpoint.architecture().text();
        GraphBuilder graph = ClipTextGraph.build(config);
        TokenEmbeddings table = checkpoint.tokenEmbeddings();
        WeightFile file = unpack(graph, weights, checkpoint.architecture());
        try {
            return new CheckpointTextEncoder(networks.session(file.model(), file, "text encoder"),
                    file, table, config, sessions.environment());
        } catch (ModelException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * The graph's weights as float32 in a temporary external-data file that ONNX Runtime maps (see
     * {@link WeightFile} for why not in-memory initializers); a mismatch names the yaml when one described the model.
     */
    private static WeightFile unpack(GraphBuilder graph, WeightSource weights, CheckpointArchitecture arch)
            throws ModelException {
        try {
            return WeightFile.write(graph, weights, Path.of(System.getProperty("java.io.tmpdir")));
        } catch (ModelException e) {
            if (arch.config().isPresent()) {
                throw new ModelException(e.getMessage() + " (The architecture came from "
                        + arch.config().get() + "; check that this config belongs to the checkpoint.)", e);
            }
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Only frees memory.
        }
    }
}
