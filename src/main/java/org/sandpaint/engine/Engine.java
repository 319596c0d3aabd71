package org.sandpaint.engine;

import org.sandpaint.engine.checkpoint.CheckpointLoader;
import org.sandpaint.engine.checkpoint.CheckpointSource;
import org.sandpaint.engine.checkpoint.Checkpoint;
import org.sandpaint.engine.checkpoint.ExtraNetworks;
import org.sandpaint.engine.checkpoint.NetworkHashes;
import org.sandpaint.engine.checkpoint.embedding.EmbeddingFolder;
import org.sandpaint.engine.checkpoint.lora.LoraRequest;
import org.sandpaint.engine.checkpoint.graph.WeightSource;
import org.sandpaint.engine.image.ModelHash;
import org.sandpaint.engine.model.OrtRuntime;
import org.sandpaint.engine.model.SessionFactory;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.pipeline.ModelIdentity;
import org.sandpaint.engine.pipeline.PromptNetworks;
import org.sandpaint.engine.pipeline.StableDiffusionPipeline;
import org.sandpaint.engine.text.EmbeddingVocabulary;
import org.sandpaint.engine.text.ClipTokenizer;
import org.sandpaint.engine.text.ComposablePrompt;
import org.sandpaint.engine.text.LoraTags;
import org.sandpaint.engine.text.PromptChunker;
import org.sandpaint.engine.text.PromptChunks;
import org.sandpaint.engine.text.PromptParser;
import org.sandpaint.engine.text.PromptPart;
import org.sandpaint.engine.text.PromptSchedule;
import org.sandpaint.engine.text.ScheduleTiming;

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
    private final ModelInfo info;
    private String modelHash;
    private PromptNetworks networks = PromptNetworks.NONE;
    private ExtraNetworks extras; // VAE and LoRA files the networks were built from; null for plain loads
    private SessionFactory sessions; // for rebuilding networks when the prompt's LoRAs change

    private Engine(StableDiffusionModel model, ModelHash hashes, String fallbackReason, ModelInfo info) {
        this.model = model;
        this.hashes = hashes;
        this.fallbackReason = fallbackReason;
        this.info = info;
    }

    /**
     * Checks the model (an ONNX folder, a single-file {@code .safetensors} checkpoint or a diffusers folder of
     * {@code .safetensors} parts) and loads its networks; the exception's message is meant for the user.
     */
    public static Engine open(Path model, EngineOptions options) throws ModelException {
        return open(ModelInfo.check(model), options);
    }

    /** Loads the networks of a folder already checked (a caller that needed its settings first). */
    public static Engine open(ModelInfo checked, EngineOptions options) throws ModelException {
        SessionFactory sessions = new SessionFactory(options.device(), options.optimization(), options.threads());
        if (checked.isBuiltFromWeights()) {
            return open(checked.openWeights(), checked, options);
        }
        StableDiffusionModel model = StableDiffusionModel.load(checked.folder(), sessions);
        return new Engine(model, hashes(options), sessions.fallbackReason(), checked);
    }

    /**
     * As {@link #open(ModelInfo, EngineOptions)} with the files a checkpoint is used with besides its own: the
     * VAE, the LoRAs {@code prompt}'s tags name (switched later as prompts ask) and the embeddings. What the user
     * should know but that does not stop the load (a VAE or LoRA option a model folder cannot use, embedding
     * files left out) is added to {@code warnings}.
     */
    public static Engine open(ModelInfo checked, EngineOptions options, ExtraNetworkFiles files, String prompt,
                              List<String> warnings) throws ModelException {
        return ExtraNetworkLoad.open(checked, options, files, prompt, warnings);
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
    public static Engine open(CheckpointSource checkpoint, WeightSource weights, EngineOptions options)
            throws ModelException {
        return open(checkpoint, weights, ModelInfo.of(checkpoint), options);
    }

    private static Engine open(CheckpointSource checkpoint, ModelInfo checked, EngineOptions options)
            throws ModelException {
        return open(checkpoint, checkpoint.weights(), checked, options);
    }

    private static Engine open(CheckpointSource checkpoint, WeightSource weights, ModelInfo checked,
                               EngineOptions options) throws ModelException {
        SessionFactory sessions = new SessionFactory(options.device(), options.optimization(), options.threads());
        StableDiffusionModel model = CheckpointLoader.load(checkpoint, weights, sessions);
        return new Engine(model, hashes(options), sessions.fallbackReason(), checked);
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
        Engine engine = new Engine(model, hashes(options), sessions.fallbackReason(), ModelInfo.of(checkpoint));
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

    /** The model as checked: name, native size and {@link ModelInfo#kind()} (what it is, and its prediction). */
    public ModelInfo model() {
        return info;
    }

    /**
     * What was loaded: "ONNX folder", or a checkpoint's family and prediction type with where that came
     * from, e.g. "SD 2.x, v-prediction (v2-inference-v.yaml)".
     */
    public String modelKind() {
        return info.kind();
    }

    /** "CPU" or "CUDA:n". */
    public String provider() {
        return model.provider();
    }

    /**
     * Why {@code auto} runs on the CPU ("" when it does not, or when the CPU was asked for); front ends show
     * it once, so a user with a GPU learns why it is not used.
     */
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

    /**
     * The raw CLIP token ids of a text (BOS ... EOS, no padding, no prompt syntax), with only the model's
     * tokenizer loaded: no networks, so it answers at once even for large models.
     */
    public static int[] tokenize(ModelInfo checked, String text) throws ModelException {
        if (checked.isBuiltFromWeights()) {
            try (CheckpointSource source = checked.openWeights(); ClipTokenizer tokenizer = source.loadTokenizer()) {
                return tokenizer.encodeRaw(text);
            }
        }
        Path dir = checked.folder().tokenizer();
        try (ClipTokenizer tokenizer = ClipTokenizer.load(dir)) {
            return tokenizer.encodeRaw(text);
        } catch (IOException e) {
            throw new ModelException("Cannot load the tokenizer in " + dir + ": " + e.getMessage()
                    + ". Check that the model folder is complete.", e);
        }
    }

    /**
     * The WebUI-style token counter of a prompt as the engine will chunk it: "42/75", "80/150"; for prompt
     * editing and AND, the longest text of any part at any of 20 steps, as the WebUI's counter shows.
     */
    public String tokenCounter(String prompt) {
        PromptChunker chunker = PromptChunker.forTokenizer(model.tokenizer())
                .withEmbeddings(networks.embeddings());
        PromptChunks longest = null;
        for (PromptPart part : ComposablePrompt.split(LoraTags.strip(prompt).prompt())) {
            for (String text : PromptSchedule.of(part.text(), ScheduleTiming.of(20)).texts()) {
                PromptChunks chunks = chunker.chunk(PromptParser.parse(text));
                if (longest == null || chunks.tokenCount() > longest.tokenCount()) {
                    longest = chunks;
                }
            }
        }
        return longest.counterText();
    }

    public synchronized GenerationResult generate(GenerationRequest request, ProgressListener listener,
                                                  GenerationControl control) throws ModelException {
        long seed = resolveSeed(request.seed());
        switchLoras(request.prompt());
        if (request.variation().varies()) {
            request = request.toBuilder().variation(request.variation()
                    .withSubseed(resolveSeed(request.variation().subseed()))).build();
        }
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

    /**
     * Lets native work in progress (a model still loading when the window closed) finish and refuses new
     * work, so the JVM's exit never frees ONNX Runtime under a running call. For a front end that is about
     * to exit.
     */
    public static void stopNativeWorkBeforeExit() {
        OrtRuntime.stopNativeWorkBeforeExit();
    }

    @Override
    public void close() {
        model.close();
        if (extras != null) {
            extras.close();
        }
    }
}
