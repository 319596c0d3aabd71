package org.sandpaint.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sandpaint.engine.checkpoint.graph.WeightSource;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.model.ModelFolder;
import org.sandpaint.engine.scheduler.PredictionType;
import org.sandpaint.engine.scheduler.SchedulerConfig;
import org.sandpaint.engine.text.ClipTokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A diffusers model folder with {@code .safetensors} weights ({@code unet/}, {@code vae/},
 * {@code text_encoder/}, each with its {@code config.json}, plus {@code tokenizer/} and {@code scheduler/}),
 * built like a single-file checkpoint: the architecture comes from the configs, and each weight the graphs
 * ask for by its LDM key is read under its diffusers name ({@link DiffusersNames}).
 */
public final class DiffusersFolder implements CheckpointSource {

    static final String UNET = "unet/diffusion_pytorch_model.safetensors";
    static final String VAE = "vae/diffusion_pytorch_model.safetensors";
    static final String TEXT = "text_encoder/model.safetensors";
    private static final String TEXT_PREFIX = "cond_stage_model.transformer.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final SafetensorsFile unet;
    private final SafetensorsFile vae;
    private final SafetensorsFile text;
    private final CheckpointArchitecture architecture;
    private final ModelFolder settings;
    private final boolean oldVaeAttention;

    private DiffusersFolder(Path root, SafetensorsFile unet, SafetensorsFile vae, SafetensorsFile text,
                            CheckpointArchitecture architecture, ModelFolder settings) {
        this.root = root;
        this.unet = unet;
        this.vae = vae;
        this.text = text;
        this.architecture = architecture;
        this.settings = settings;
        this.oldVaeAttention = vae.has("decoder.mid_block.attentions.0.query.weight");
    }

    /** A folder with diffusers' UNet weights as .safetensors (and no ONNX export, which ModelFolder opens). */
    public static boolean isDiffusersFolder(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(UNET))
                && !Files.isRegularFile(dir.resolve("unet/model.onnx"));
    }

    public static DiffusersFolder open(Path dir, CheckpointOverrides overrides) throws ModelException {
        Path root = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(root.resolve("text_encoder_2"))) {
            throw new ModelException(root + " is an SDXL model (it has text_encoder_2/). SDXL is not supported yet: "
                    + "use an SD 1.x or 2.x model.");
        }
        List<String> missing = new ArrayList<>();
        for (String part : List.of(UNET, VAE, TEXT, "unet/config.json", "vae/config.json", "text_encoder/config.json",
                "tokenizer/vocab.json", "tokenizer/merges.txt")) {
            if (!Files.isRegularFile(root.resolve(part))) {
                missing.add(part);
            }
        }
        if (!missing.isEmpty()) {
            throw new ModelException(root + " is not a complete diffusers model with .safetensors weights: missing "
                    + String.join(", ", missing) + ". (Sandpaint never reads .bin pickle weights; download the "
                    + ".safetensors files of the model.)");
        }
        JsonNode unetConfig = json(root.resolve("unet/config.json"));
        JsonNode vaeConfig = json(root.resolve("vae/config.json"));
        JsonNode textConfig = json(root.resolve("text_encoder/config.json"));
        UnetConfig unetShape = unetConfig(unetConfig, root);
        VaeConfig vaeShape = vaeConfig(vaeConfig, root);
        TextEncoderConfig textShape = textConfig(textConfig, root);
        CheckpointFamily family = unetShape.contextDim() == 1024 ? CheckpointFamily.SD2 : CheckpointFamily.SD1;

        SchedulerConfig scheduler = scheduler(root.resolve("scheduler/scheduler_config.json"));
        PredictionType prediction = scheduler.predictionType();
        String source = Files.isRegularFile(root.resolve("scheduler/scheduler_config.json"))
                ? "scheduler_config.json" : "default for " + family.displayName();
        if (overrides.prediction().isPresent()) {
            prediction = overrides.prediction().get();
            source = "--prediction";
            scheduler = scheduler.with("prediction_type",
                    prediction == PredictionType.V_PREDICTION ? "v_prediction" : "epsilon");
        }
        float scale = (float) vaeConfig.path("scaling_factor").asDouble(ModelFolder.DEFAULT_SCALING_FACTOR);
        int vaeSize = vaeConfig.path("sample_size").asInt(0);
        int nativeSize = vaeSize >= 64 ? vaeSize : family.nativeSize(prediction);
        CheckpointArchitecture architecture = new CheckpointArchitecture(family, textShape, unetShape, vaeShape,
                prediction, source, scheduler, scale, Optional.of(root.resolve("unet/config.json")));
        ModelFolder settings = ModelFolder.forCheckpoint(root, root.resolve(UNET), scheduler, scale, nativeSize);

        List<SafetensorsFile> opened = new ArrayList<>();
        try {
            for (String part : List.of(UNET, VAE, TEXT)) {
                opened.add(SafetensorsFile.open(root.resolve(part)));
            }
        } catch (ModelException | RuntimeException e) {
            opened.forEach(SafetensorsFile::close);
            throw e;
        }
        return new DiffusersFolder(root, opened.get(0), opened.get(1), opened.get(2), architecture, settings);
    }

    /**
     * diffusers' UNet2DConditionModel config. Its {@code attention_head_dim} is a head count for SD 1.x (8) and
     * per-level head counts for SD 2.x ([5, 10, 20, 20], heads of 64 channels), a naming diffusers kept for
     * compatibility; {@code num_attention_heads}, when present, says the same plainly.
     */
    static UnetConfig unetConfig(JsonNode c, Path root) throws ModelException {
        int[] widths = ints(c.path("block_out_channels"), "unet/config.json block_out_channels", root);
        int model = widths[0];
        int[] mult = new int[widths.length];
        List<Integer> attention = new ArrayList<>();
        JsonNode down = c.path("down_block_types");
        for (int i = 0; i < widths.length; i++) {
            mult[i] = widths[i] / model;
            if (down.path(i).asText("").startsWith("CrossAttn")) {
                attention.add(i);
            }
        }
        JsonNode heads = c.has("num_attention_heads") && !c.path("num_attention_heads").isNull()
                ? c.path("num_attention_heads") : c.path("attention_head_dim");
        int numHeads = -1;
        int headChannels = -1;
        if (heads.isArray()) {
            headChannels = widths[0] / heads.path(0).asInt(1);
            for (int i = 0; i < widths.length; i++) {
                if (widths[i] / heads.path(i).asInt(1) != headChannels) {
                    throw new ModelException(root + "/unet/config.json gives heads " + heads + " for widths "
                            + java.util.Arrays.toString(widths) + ": Sandpaint needs heads of one width on every level.");
                }
            }
        } else {
            numHeads = heads.asInt(8);
        }
        return new UnetConfig(c.path("in_channels").asInt(4), c.path("out_channels").asInt(4), model, mult,
                c.path("layers_per_block").asInt(2), attention.stream().mapToInt(Integer::intValue).toArray(),
                c.path("cross_attention_dim").asInt(768), numHeads, headChannels,
                c.path("transformer_layers_per_block").asInt(1), c.path("use_linear_projection").asBoolean(false), 0);
    }

    static VaeConfig vaeConfig(JsonNode c, Path root) throws ModelException {
        int[] widths = ints(c.path("block_out_channels"), "vae/config.json block_out_channels", root);
        int[] mult = new int[widths.length];
        for (int i = 0; i < widths.length; i++) {
            mult[i] = widths[i] / widths[0];
        }
        return new VaeConfig(widths[0], mult, c.path("layers_per_block").asInt(2), c.path("latent_channels").asInt(4));
    }

    /** A Hugging Face CLIPTextConfig; SD 2.x's converted OpenCLIP already ends at the penultimate layer. */
    static TextEncoderConfig textConfig(JsonNode c, Path root) throws ModelException {
        int width = c.path("hidden_size").asInt(0);
        int heads = c.path("num_attention_heads").asInt(0);
        if (width <= 0 || heads <= 0 || width % heads != 0) {
            throw new ModelException(root + "/text_encoder/config.json does not describe a CLIP text model "
                    + "(hidden_size " + width + ", num_attention_heads " + heads + ").");
        }
        TextEncoderConfig.Activation act = c.path("hidden_act").asText("quick_gelu").equals("gelu")
                ? TextEncoderConfig.Activation.GELU : TextEncoderConfig.Activation.QUICK_GELU;
        return new TextEncoderConfig(TextEncoderConfig.Naming.HF_CLIP, width, c.path("num_hidden_layers").asInt(12),
                heads, c.path("intermediate_size").asInt(4 * width), act,
                (float) c.path("layer_norm_eps").asDouble(1e-5), c.path("max_position_embeddings").asInt(77),
                c.path("vocab_size").asInt(49408), 1);
    }

    private static int[] ints(JsonNode array, String what, Path root) throws ModelException {
        if (!array.isArray() || array.isEmpty()) {
            throw new ModelException(root + ": " + what + " is missing or not a list.");
        }
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static SchedulerConfig scheduler(Path file) throws ModelException {
        if (!Files.isRegularFile(file)) {
            return ArchitectureReader.sdScheduler(PredictionType.EPSILON, 0.00085, 0.012, 1000);
        }
        try {
            return SchedulerConfig.read(file);
        } catch (IOException e) {
            throw new ModelException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode json(Path file) throws ModelException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelException("Cannot read " + file + ": it is not valid JSON (" + e.getMessage() + ").", e);
        }
    }

    @Override
    public Path location() {
        return root;
    }

    @Override
    public CheckpointArchitecture architecture() {
        return architecture;
    }

    @Override
    public ModelFolder settings() {
        return settings;
    }

    @Override
    public WeightSource weights() {
        int blocks = architecture.unet().numResBlocks();
        int levels = architecture.vae().levels();
        return key -> {
            if (key.startsWith(ArchitectureReader.UNET_PREFIX)) {
                return unet.floats(DiffusersNames.unet(key.substring(ArchitectureReader.UNET_PREFIX.length()), blocks));
            }
            if (key.startsWith(ArchitectureReader.VAE_PREFIX)) {
                return vae.floats(DiffusersNames.vae(key.substring(ArchitectureReader.VAE_PREFIX.length()), levels,
                        oldVaeAttention));
            }
            if (key.startsWith(TEXT_PREFIX)) {
                return text.floats(key.substring(TEXT_PREFIX.length()));
            }
            throw new ModelException("No part of " + root + " holds " + key + ".");
        };
    }

    @Override
    public TokenEmbeddings tokenEmbeddings() throws ModelException {
        return new TokenEmbeddings(text, "text_model.embeddings.token_embedding.weight");
    }

    @Override
    public ClipTokenizer loadTokenizer() throws ModelException {
        try {
            return ClipTokenizer.load(root.resolve("tokenizer"));
        } catch (IOException e) {
            throw new ModelException("Cannot load the tokenizer of " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        unet.close();
        vae.close();
        text.close();
    }
}
