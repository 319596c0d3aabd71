package org.sandpaint.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.scheduler.PredictionType;
import org.sandpaint.engine.scheduler.SchedulerConfig;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out what a checkpoint is: the family from its text encoder's key names, sizes from tensor shapes,
 * and whatever an LDM yaml says on top (the yaml wins; {@code --prediction} wins over both), as the
 * WebUI does.
 */
public final class ArchitectureReader {

    static final String UNET_PREFIX = "model.diffusion_model.";
    static final String VAE_PREFIX = "first_stage_model.";
    private static final Pattern LAYER_INDEX = Pattern.compile("^(\\d+)\\.");

    private ArchitectureReader() {
    }

    public static CheckpointArchitecture read(SafetensorsFile file, Optional<LdmConfig> yaml, Optional<Path> yamlFile,
                                              CheckpointOverrides overrides) throws ModelException {
        Map<String, TensorEntry> tensors = file.tensors();
        CheckpointFamily family = family(file, yaml, yamlFile);
        LdmConfig config = yaml.orElse(null);
        UnetConfig unet = config != null && config.unetParams().isPresent()
                ? UnetConfig.fromLdmParams(config.unetParams().get())
                : UnetConfig.detect(file, UNET_PREFIX);
        VaeConfig vae = config != null && config.vae().isPresent() ? config.vae().get() : detectVae(file);
        TextEncoderConfig text = textEncoder(file, family, config);

        PredictionType prediction;
        String source;
        if (overrides.prediction().isPresent()) {
            prediction = overrides.prediction().get();
            source = "--prediction";
        } else if (config != null && config.prediction().isPresent()) {
            prediction = config.prediction().get();
            source = yamlFile.map(p -> p.getFileName().toString()).orElse("yaml");
        } else {
            prediction = family.defaultPrediction();
            source = "default for " + family.displayName();
        }
        double start = config == null ? 0.00085 : config.linearStart().orElse(0.00085);
        double end = config == null ? 0.012 : config.linearEnd().orElse(0.012);
        int timesteps = config == null ? 1000 : config.timesteps().orElse(1000);
        float scale = (float) (config == null ? 0.18215 : config.scaleFactor().orElse(0.18215));
        // LDM's "linear" schedule is linear in sqrt(beta): diffusers' scaled_linear. Single files carry no
        // scheduler config, so the rest is the SD defaults the WebUI uses too.
        SchedulerConfig scheduler = sdScheduler(prediction, start, end, timesteps);
        checkContext(unet, text, file, yamlFile);
        return new CheckpointArchitecture(family, text, unet, vae, prediction, source, scheduler, scale, yamlFile);
    }

    /** SD's training schedule as a diffusers scheduler config (PNDM's, which the samplers adapt). */
    static SchedulerConfig sdScheduler(PredictionType prediction, double betaStart, double betaEnd, int timesteps) {
        return SchedulerConfig.of(
                "num_train_timesteps", timesteps, "beta_start", betaStart, "beta_end", betaEnd,
                "beta_schedule", "scaled_linear",
                "prediction_type", prediction == PredictionType.V_PREDICTION ? "v_prediction" : "epsilon",
                "steps_offset", 1, "timestep_spacing", "leading", "skip_prk_steps", true,
                "set_alpha_to_one", false, "clip_sample", false);
    }

    /** The family from the text encoder's names; SDXL and foreign files are refused here. */
    static CheckpointFamily family(SafetensorsFile file, Optional<LdmConfig> yaml, Optional<Path> yamlFile)
            throws ModelException {
        Map<String, TensorEntry> tensors = file.tensors();
        if (hasPrefix(tensors, "conditioner.embedders.")) {
            throw new ModelException(file.file().getFileName() + " is an SDXL checkpoint (it has "
                    + "conditioner.embedders.* tensors). SDXL is not supported yet: use an SD 1.x or 2.x model.");
        }
        boolean hasUnet = tensors.containsKey(UNET_PREFIX + "input_blocks.0.0.weight");
        CheckpointFamily byWeights = null;
        if (tensors.containsKey(TextEncoderConfig.Naming.HF_CLIP.tokenEmbeddingKey())) {
            byWeights = CheckpointFamily.SD1;
        } else if (tensors.containsKey(TextEncoderConfig.Naming.OPEN_CLIP.tokenEmbeddingKey())) {
            byWeights = CheckpointFamily.SD2;
        }
        if (byWeights == null || !hasUnet || !hasPrefix(tensors, VAE_PREFIX)) {
            throw new ModelException(unknown(file, hasUnet));
        }
        Optional<String> target = yaml.flatMap(LdmConfig::condTarget);
        if (target.isPresent()) {
            String t = target.get();
            CheckpointFamily byYaml = t.contains("FrozenOpenCLIPEmbedder") ? CheckpointFamily.SD2
                    : t.contains("FrozenCLIPEmbedder") ? CheckpointFamily.SD1 : null;
            if (byYaml == null) {
                throw new ModelException("The config " + yamlFile.orElse(null) + " names the text encoder " + t
                        + ", which Sandpaint does not support (FrozenCLIPEmbedder for SD 1.x and "
                        + "FrozenOpenCLIPEmbedder for SD 2.x are).");
            }
            if (byYaml != byWeights) {
                throw new ModelException("The config " + yamlFile.orElse(null) + " describes an "
                        + byYaml.displayName() + " model (" + t + "), but " + file.file().getFileName()
                        + " holds an " + byWeights.displayName() + " text encoder. Use the config that belongs to "
                        + "this checkpoint, or remove it to let Sandpaint detect the model.");
            }
        }
        return byWeights;
    }

    private static String unknown(SafetensorsFile file, boolean hasUnet) {
        String name = file.file().getFileName().toString();
        Map<String, TensorEntry> tensors = file.tensors();
        if (hasPrefix(tensors, "lora_unet_") || hasPrefix(tensors, "lora_te_")) {
            return name + " is a LoRA, not a checkpoint: use it in the prompt as <lora:NAME:weight>.";
        }
        if (tensors.containsKey("emb_params") || tensors.containsKey("string_to_param")) {
            return name + " is a textual-inversion embedding, not a checkpoint: use its name in the prompt.";
        }
        if (tensors.containsKey("decoder.conv_in.weight") || tensors.containsKey("encoder.conv_in.weight")) {
            return name + " is a stand-alone VAE, not a checkpoint.";
        }
        if (hasPrefix(tensors, "down_blocks.") || hasPrefix(tensors, "text_model.")) {
            return name + " is one part of a diffusers model (diffusers key names), not a single-file checkpoint. "
                    + "Choose a single-file .safetensors checkpoint or an ONNX model folder.";
        }
        return name + " is not a Stable Diffusion 1.x or 2.x checkpoint Sandpaint knows: "
                + (hasUnet ? "it has an LDM UNet but no CLIP (cond_stage_model.transformer.*) or OpenCLIP "
                + "(cond_stage_model.model.*) text encoder or no VAE (first_stage_model.*)"
                : "it has no LDM UNet (model.diffusion_model.*)") + ".";
    }

    static VaeConfig detectVae(SafetensorsFile file) throws ModelException {
        Map<String, TensorEntry> t = file.tensors();
        String e = VAE_PREFIX + "encoder.";
        int ch = (int) file.require(e + "conv_in.weight").dim(0);
        int levels = count(t, e + "down.");
        int blocks = count(t, e + "down.0.block.");
        int[] mult = new int[levels];
        for (int level = 0; level < levels; level++) {
            mult[level] = (int) (file.require(e + "down." + level + ".block.0.conv1.weight").dim(0) / ch);
        }
        int z = (int) file.require(VAE_PREFIX + "decoder.conv_in.weight").dim(1);
        return new VaeConfig(ch, mult, blocks, z);
    }

    static TextEncoderConfig textEncoder(SafetensorsFile file, CheckpointFamily family, LdmConfig config)
            throws ModelException {
        TextEncoderConfig.Naming naming = family.naming();
        TensorEntry tokens = file.require(naming.tokenEmbeddingKey());
        TensorEntry positions = file.require(naming.positionEmbeddingKey());
        int width = (int) tokens.dim(1);
        String layersAt = naming.prefix() + (naming == TextEncoderConfig.Naming.HF_CLIP ? "encoder.layers." : "transformer.resblocks.");
        int layers = count(file.tensors(), layersAt);
        String fc1 = layersAt + "0." + (naming == TextEncoderConfig.Naming.HF_CLIP ? "mlp.fc1.weight" : "mlp.c_fc.weight");
        int intermediate = (int) file.require(fc1).dim(0);
        int heads = Math.max(1, width / 64); // both CLIP ViT-L/14 and OpenCLIP ViT-H/14 use heads of 64
        TextEncoderConfig.Activation activation = family.activation();
        float eps = 1e-5f;
        int layer = family.conditioningLayer();
        if (config != null && config.condLayer().isPresent()) {
            layer = config.condLayer().get().equals("penultimate") ? 2 : 1;
        }
        if (config != null && config.textConfig().isPresent()) {
            JsonNode c = config.textConfig().get();
            heads = c.path("num_attention_heads").asInt(heads);
            eps = (float) c.path("layer_norm_eps").asDouble(eps);
            String act = c.path("hidden_act").asText("").toLowerCase(Locale.ROOT);
            if (act.equals("quick_gelu")) {
                activation = TextEncoderConfig.Activation.QUICK_GELU;
            } else if (act.equals("gelu")) {
                activation = TextEncoderConfig.Activation.GELU;
            }
            int declared = c.path("num_hidden_layers").asInt(layers);
            if (declared != layers || c.path("hidden_size").asInt(width) != width) {
                throw new ModelException("The config's text_config describes a text encoder " + c.path("hidden_size")
                        + " wide with " + declared + " layers, but " + file.file().getFileName() + " holds one "
                        + width + " wide with " + layers + " layers. Use the config that belongs to this checkpoint.");
            }
        }
        if (width % heads != 0) {
            throw new ModelException("The text encoder of " + file.file().getFileName() + " is " + width
                    + " wide, which does not split into " + heads + " attention heads.");
        }
        return new TextEncoderConfig(naming, width, layers, heads, intermediate, activation, eps,
                (int) positions.dim(0), (int) tokens.dim(0), layer);
    }

    private static void checkContext(UnetConfig unet, TextEncoderConfig text, SafetensorsFile file,
                                     Optional<Path> yamlFile) throws ModelException {
        if (unet.contextDim() != text.hiddenSize()) {
            throw new ModelException("The UNet of " + file.file().getFileName() + " expects text embeddings "
                    + unet.contextDim() + " wide" + yamlFile.map(p -> " (per " + p.getFileName() + ")").orElse("")
                    + " but its text encoder makes them " + text.hiddenSize() + " wide. The config does not fit "
                    + "the file, or the file mixes parts of different models.");
        }
    }

    /** How many consecutive indices N exist as {@code prefix + N + "."}. */
    private static int count(Map<String, TensorEntry> tensors, String prefix) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (String key : tensors.keySet()) {
            if (key.startsWith(prefix)) {
                Matcher m = LAYER_INDEX.matcher(key.substring(prefix.length()));
                if (m.find()) {
                    seen.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        int n = 0;
        while (seen.contains(n)) {
            n++;
        }
        return n;
    }

    private static boolean hasPrefix(Map<String, TensorEntry> tensors, String prefix) {
        // The map is sorted: the first key at or after the prefix tells.
        if (tensors instanceof java.util.NavigableMap<String, TensorEntry> sorted) {
            String next = sorted.ceilingKey(prefix);
            return next != null && next.startsWith(prefix);
        }
        return tensors.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }
}
