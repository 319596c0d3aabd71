package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.checkpoint.graph.ClipTextGraph;
import org.sandpaint.engine.checkpoint.graph.GraphBuilder;
import org.sandpaint.engine.checkpoint.graph.UnetGraph;
import org.sandpaint.engine.checkpoint.graph.VaeDecoderGraph;
import org.sandpaint.engine.checkpoint.graph.VaeEncoderGraph;
import org.sandpaint.engine.checkpoint.graph.WeightFeed;
import org.sandpaint.engine.checkpoint.graph.WeightSource;
import org.sandpaint.engine.model.BuiltNetworks;
import org.sandpaint.engine.model.ModelException;
import org.sandpaint.engine.model.SessionFactory;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.model.TextEncoding;
import org.sandpaint.engine.model.Unet;
import org.sandpaint.engine.model.VaeDecoder;
import org.sandpaint.engine.text.ClipTokenizer;

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
            GraphBuilder unetGraph = UnetGraph.build(arch.unet(), ArchitectureReader.UNET_PREFIX);
            Unet unet = networks.unet(unetGraph.build().toByteArray(), feed(unetGraph, weights, sessions, arch));
            opened.add(unet);
            GraphBuilder decoderGraph = VaeDecoderGraph.build(arch.vae(), ArchitectureReader.VAE_PREFIX);
            VaeDecoder decoder = networks.vaeDecoder(decoderGraph.build().toByteArray(),
                    feed(decoderGraph, weights, sessions, arch));
            StableDiffusionModel.Opener<org.sandpaint.engine.model.VaeEncoder> encoder = () -> {
                GraphBuilder g = VaeEncoderGraph.build(arch.vae(), ArchitectureReader.VAE_PREFIX);
                return networks.vaeEncoder(g.build().toByteArray(), feed(g, weights, sessions, arch));
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
        GraphBuilder graph = UnetGraph.build(arch.unet(), ArchitectureReader.UNET_PREFIX);
        return new BuiltNetworks(sessions, checkpoint.location()).unet(graph.build().toByteArray(),
                feed(graph, weights, sessions, arch));
    }

    private static TextEncoding textEncoder(CheckpointSource checkpoint, WeightSource weights, SessionFactory sessions,
                                            BuiltNetworks networks) throws ModelException {
        TextEncoderConfig config = checkpoint.architecture().text();
        GraphBuilder graph = ClipTextGraph.build(config);
        TokenEmbeddings table = checkpoint.tokenEmbeddings();
        WeightFeed feed = feed(graph, weights, sessions, checkpoint.architecture());
        try {
            return new CheckpointTextEncoder(networks.session(graph.build().toByteArray(), feed, "text encoder"),
                    feed, table, config, sessions.environment());
        } catch (ModelException | RuntimeException e) {
            feed.close();
            throw e;
        }
    }

    /** The graph's weights; a mismatch names the yaml when one described the model. */
    private static WeightFeed feed(GraphBuilder graph, WeightSource weights, SessionFactory sessions,
                                   CheckpointArchitecture arch) throws ModelException {
        try {
            return WeightFeed.of(sessions.environment(), graph.weights(), weights);
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
