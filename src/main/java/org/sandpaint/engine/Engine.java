package org.sandpaint.engine;

import org.sandpaint.engine.checkpoint.Checkpoint;
import org.sandpaint.engine.checkpoint.CheckpointLoader;
import org.sandpaint.engine.checkpoint.CheckpointOverrides;
import org.sandpaint.engine.checkpoint.CheckpointSource;
import org.sandpaint.engine.checkpoint.DiffusersFolder;
import org.sandpaint.engine.checkpoint.ExtraNetworks;
import org.sandpaint.engine.checkpoint.NetworkHashes;
import org.sandpaint.engine.checkpoint.embedding.EmbeddingFolder;
import org.sandpaint.engine.checkpoint.lora.LoraRequest;
import org.sandpaint.engine.checkpoint.graph.WeightSource;
import org.sandpaint.engine.image.ModelHash;
import org.sandpaint.engine.model.ModelException;
import org.sandpaint.engine.model.ModelFolder;
import org.sandpaint.engine.model.SessionFactory;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.pipeline.ModelIdentity;
import org.sandpaint.engine.pipeline.PromptNetworks;
import org.sandpaint.engine.pipeline.StableDiffusionPipeline;
import org.sandpaint.engine.text.EmbeddingVocabulary;
import org.sandpaint.engine.text.LoraTags;
import org.sandpaint.engine.text.PromptChunker;
import org.sandpaint.engine.text.PromptParser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The engine's front door: one loaded model and the pipelines that use it. The studio and the CLI talk
 * to the engine only through this class and the records it takes and returns. One job at a time:
 * {@link #generate} is synchronized.
 */
public final class Engine implements AutoCloseable {

    /** Largest seed the WebUI hands out; random seeds are drawn below it. */
    public static final long MAX_RANDOM_SEED = 4_294_967_294L;

    private final StableDiffusionModel model;
    private final ModelHash hashes;
    private final String fallbackReason;
    private final String kind;
    private String modelHash;
    private PromptNetworks networks = PromptNetworks.NONE;
    private ExtraNetworks extras; // VAE and LoRA files the networks were built from; null for plain loads
    private SessionFactory sessions; // for rebuilding networks when the prompt's LoRAs change

    private Engine(StableDiffusionModel model, ModelHash hashes, String fallbackReason, String kind) {
        this.model = model;
        this.hashes = hashes;
        this.fallbackReason = fallbackReason;
        this.kind = kind;
    }

    /**
     * Checks the model (an ONNX folder, a single-file {@code .safetensors} checkpoint or a diffusers folder of
     * {@code .safetensors} parts) and loads its networks; the exception's message is meant for the user.
     */
    public static Engine open(Path model, EngineOptions options) throws ModelException {
        return open(model, CheckpointOverrides.NONE, options);
    }

    /** As {@link #open(Path, EngineOptions)}, with what the user says about a checkpoint (--config, --prediction). */
    public static Engine open(Path model, CheckpointOverrides overrides, EngineOptions options) throws ModelException {
        if (Checkpoint.isCheckpointFile(model)) {
            return open(Checkpoint.open(model, overrides), options);
        }
        if (DiffusersFolder.isDiffusersFolder(model)) {
            return open(DiffusersFolder.open(model, overrides), options);
        }
        return open(ModelFolder.open(model), options);
    }

    /** Loads the networks of a folder already checked (a caller that needed its settings first). */
    public static Engine open(ModelFolder folder, EngineOptions options) throws ModelException {
        SessionFactory sessions = new SessionFactory(options.device(), options.optimization(), options.threads());
        StableDiffusionModel model = StableDiffusionModel.load(folder, sessions);
        return new Engine(model, hashes(options), sessions.fallbackReason(), "ONNX folder");
    }

    /** Builds and loads the networks of a checkpoint already opened; the engine owns it from then on. */
    public static Engine open(CheckpointSource checkpoint, EngineOptions options) throws ModelException {
        return open(checkpoint, checkpoint.weights(), options);
    }

    /**
     * As {@link #open(CheckpointSource, EngineOptions)} with the weights taken from {@code weights}: the
     * checkpoint's own wrapped by LoRA patches or a replacement VAE. Sources it reads besides the checkpoint
     * must stay open as long as the engine (the VAE encoder is built on first use).
     */
    public static Engine open(CheckpointSource checkpoint, WeightSource weights, EngineOptions options) throws ModelException {
        SessionFactory sessions = new SessionFactory(options.device(), options.optimization(), options.threads());
        String kind = checkpoint.architecture().describe();
        StableDiffusionModel model = CheckpointLoader.load(checkpoint, weights, sessions);
        return new Engine(model, hashes(options), sessions.fallbackReason(), kind);
    }

    /**
     * As {@link #open(CheckpointSource, EngineOptions)} with a replacement VAE and LoRAs merged in; the engine owns
     * {@code extras} from then on (also when loading fails).
     */
    public static Engine open(Checkpoint checkpoint, ExtraNetworks extras, EngineOptions options) throws ModelException {
        SessionFactory sessions = new SessionFactory(options.device(), options.optimization(), options.threads());
        StableDiffusionModel model;
        try {
            model = CheckpointLoader.load(checkpoint, extras.weights(), sessions);
        } catch (ModelException | RuntimeException e) {
            extras.close();
            throw e;
        }
        Engine engine = new Engine(model, hashes(options), sessions.fallbackReason(), checkpoint.architecture().describe());
        engine.extras = extras;
        engine.sessions = sessions;
        engine.networks = engine.networks.withLoras(extras.loraHashes());
        return engine;
    }

    /**
     * Makes the embeddings of a folder available to prompts (the WebUI's embeddings folder). Files that
     * cannot be used are left out; the returned sentences say which and why.
     */
    public synchronized List<String> useEmbeddings(Path dir) throws ModelException {
        int width = Math.max(model.textEncoder().hiddenSize(), 0);
        EmbeddingFolder.Loaded loaded = EmbeddingFolder.load(dir, width);
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map.Entry<String, Path> file : loaded.files().entrySet()) {
            try {
                hashes.put(file.getKey(), NetworkHashes.embeddingShortHash(file.getValue()));
            } catch (IOException e) {
                hashes.put(file.getKey(), ""); // the infotext leaves this hash out
            }
        }
        networks = networks.withEmbeddings(
                EmbeddingVocabulary.of(model.tokenizer()::encodeWords, loaded.embeddings().values()), hashes);
        return loaded.problems();
    }

    private static ModelHash hashes(EngineOptions options) {
        return options.hashCache() == null ? new ModelHash() : new ModelHash(options.hashCache());
    }

    /**
     * What was loaded: "ONNX folder", or a checkpoint's family and prediction type with where that came
     * from, e.g. "SD 2.x, v-prediction (v2-inference-v.yaml)".
     */
    public String modelKind() {
        return kind;
    }

    public ModelFolder folder() {
        return model.folder();
    }

    /** "CPU" or "CUDA:n". */
    public String provider() {
        return model.provider();
    }

    /** Why {@code auto} runs on the CPU ("" when it does not, or when the CPU was asked for). */
    public String cudaFallbackReason() {
        return fallbackReason;
    }

    /** Input channels of the UNet: 4, or 9 for inpainting models. */
    public int unetChannels() {
        return model.unet().inChannels();
    }

    /** The seed a request will use: its own, or a fresh random one for -1. */
    public static long resolveSeed(long seed) {
        return seed >= 0 ? seed : ThreadLocalRandom.current().nextLong(MAX_RANDOM_SEED);
    }

    /** The raw CLIP token ids of a text (BOS ... EOS, no padding, no prompt syntax). */
    public int[] tokenize(String text) {
        return model.tokenizer().encodeRaw(text);
    }

    /** The WebUI-style token counter of a prompt as the engine will chunk it: "42/75", "80/150". */
    public String tokenCounter(String prompt) {
        return PromptChunker.forTokenizer(model.tokenizer()).withEmbeddings(networks.embeddings())
                .chunk(PromptParser.parse(LoraTags.strip(prompt).prompt())).counterText();
    }

    public synchronized GenerationResult generate(GenerationRequest request, ProgressListener listener,
                                                  GenerationControl control) throws ModelException {
        long seed = resolveSeed(request.seed());
        switchLoras(request.prompt());
        StableDiffusionPipeline pipeline = new StableDiffusionPipeline(model, identity(), networks);
        return pipeline.generate(request, seed, listener == null ? ProgressListener.NONE : listener,
                control == null ? new GenerationControl() : control);
    }

    /**
     * Makes the merged LoRAs those the prompt's {@code <lora:...>} tags ask for, rebuilding only the networks
     * whose weights change. Names with no file are left out; the prompt encoder reports their tags.
     */
    private void switchLoras(String prompt) throws ModelException {
        if (extras == null || !extras.switchesLoras()) {
            return;
        }
        List<LoraRequest> wanted;
        try {
            wanted = LoraRequest.fromTags(LoraTags.strip(prompt).tags());
        } catch (IllegalArgumentException e) {
            throw new ModelException(e.getMessage(), e);
        }
        if (extras.switchLoras(wanted, model, sessions, new ArrayList<>())) {
            networks = networks.withLoras(extras.loraHashes());
        }
    }

    /**
     * Model name and short hash as the WebUI writes them: a checkpoint's file name without extension and
     * the SHA-256 of the whole file; a folder's name and its UNet weights' hash. Hashed once, cached.
     */
    private ModelIdentity identity() {
        if (modelHash == null) {
            try {
                modelHash = hashes.shortHash(model.folder().unetWeights());
            } catch (IOException e) {
                modelHash = ""; // the infotext simply omits the hash
            }
        }
        return new ModelIdentity(model.folder().name(), modelHash);
    }

    @Override
    public void close() {
        model.close();
        if (extras != null) {
            extras.close();
        }
    }
}
