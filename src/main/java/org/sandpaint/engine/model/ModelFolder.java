package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sandpaint.engine.scheduler.SchedulerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An ONNX Stable Diffusion folder as users download it (diffusers script, Optimum old and new, Olive
 * "io16"), checked and described before any network is loaded. See ../shared/notes/onnx-layouts.md.
 * A single-file checkpoint is described in the same shape ({@link #forCheckpoint}): then {@code root} and
 * every network path are the file itself, and the tokenizer is the one Sandpaint ships.
 *
 * @param root            the folder
 * @param textEncoder     text_encoder/model.onnx
 * @param unet            unet/model.onnx
 * @param vaeDecoder      vae_decoder/model.onnx
 * @param vaeEncoder      vae_encoder/model.onnx, absent in txt2img-only exports
 * @param tokenizer       the tokenizer folder (vocab.json, merges.txt)
 * @param scheduler       the model's scheduler config (SD 1.x defaults when the folder has none)
 * @param vaeScalingFactor latent scaling factor from the VAE's config.json, 0.18215 when absent
 * @param pipelineClass   model_index.json's _class_name, or "" when the file is absent
 * @param nativeSize      the picture size in pixels the model was trained at (from the VAE's or UNet's
 *                        config.json; 512 when neither says), the size a new picture should default to
 */
public record ModelFolder(Path root, Path textEncoder, Path unet, Path vaeDecoder, Optional<Path> vaeEncoder,
                          Path tokenizer, SchedulerConfig scheduler, float vaeScalingFactor, String pipelineClass,
                          int nativeSize) {

    public static final int DEFAULT_NATIVE_SIZE = 512;

    public static final float DEFAULT_SCALING_FACTOR = 0.18215f;

    /** The scheduler config of SD 1.x (used when a folder ships none). */
    static final SchedulerConfig SD1_SCHEDULER = SchedulerConfig.of(
            "num_train_timesteps", 1000, "beta_start", 0.00085, "beta_end", 0.012,
            "beta_schedule", "scaled_linear", "prediction_type", "epsilon", "steps_offset", 1,
            "timestep_spacing", "leading", "skip_prk_steps", true, "set_alpha_to_one", false,
            "clip_sample", false);

    private static final List<String> EXTERNAL_WEIGHTS = List.of("model.onnx_data", "weights.pb", "model.onnx.data");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The settings of a single-file checkpoint, read from the file and its yaml by the checkpoint loader.
     */
    public static ModelFolder forCheckpoint(Path file, SchedulerConfig scheduler, float vaeScalingFactor,
                                            int nativeSize) {
        Path root = file.toAbsolutePath().normalize();
        return forCheckpoint(root, root, scheduler, vaeScalingFactor, nativeSize);
    }

    /**
     * The settings of a model Sandpaint builds from {@code .safetensors} weights: a single file, or a diffusers
     * folder whose UNet weights are {@code unetWeights} (the model hash input).
     */
    public static ModelFolder forCheckpoint(Path root, Path unetWeights, SchedulerConfig scheduler,
                                            float vaeScalingFactor, int nativeSize) {
        Path r = root.toAbsolutePath().normalize();
        return new ModelFolder(r, r, unetWeights.toAbsolutePath().normalize(), r, Optional.of(r), r, scheduler,
                vaeScalingFactor, "", nativeSize);
    }

    /** True for a single-file checkpoint, false for an ONNX folder. */
    public boolean isSingleFile() {
        return Files.isRegularFile(root);
    }

    /**
     * The name shown to users and written to the infotext as "Model": the folder's name, or a checkpoint's
     * file name without its extension (as the WebUI writes it).
     */
    public String name() {
        String name = root.getFileName() == null ? root.toString() : root.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return isSingleFile() && dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * The file the model hash is computed from: a checkpoint itself (the WebUI hashes the whole file), or
     * the file holding the UNet's weights (its external data file when it has one).
     */
    public Path unetWeights() {
        if (isSingleFile()) {
            return root;
        }
        Path dir = unet.getParent();
        for (String name : EXTERNAL_WEIGHTS) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return unet;
    }

    /** Checks the folder and reads its configuration; the message says exactly what is missing. */
    public static ModelFolder open(Path dir) throws ModelException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new ModelException("The model folder " + root + " does not exist.");
        }
        if (Files.isRegularFile(root)) {
            throw new ModelException(explainFile(root));
        }
        Path parent = root.getParent();
        if (!Files.isDirectory(root.resolve("unet")) && parent != null && Files.isDirectory(parent.resolve("unet"))) {
            throw new ModelException(root + " is one part of a model. Choose its parent folder " + parent
                    + " (the one that contains unet/, text_encoder/ and vae_decoder/).");
        }
        if (Files.isDirectory(root.resolve("text_encoder_2"))) {
            throw new ModelException(root + " is an SDXL model (it has text_encoder_2/), which Sandpaint does not "
                    + "support yet. Use an SD 1.x or 2.x ONNX model.");
        }
        Path textEncoder = root.resolve("text_encoder/model.onnx");
        Path unet = root.resolve("unet/model.onnx");
        Path vaeDecoder = root.resolve("vae_decoder/model.onnx");
        Path vaeEncoder = root.resolve("vae_encoder/model.onnx");
        Path tokenizer = root.resolve("tokenizer");
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(textEncoder, unet, vaeDecoder, tokenizer.resolve("vocab.json"), tokenizer.resolve("merges.txt"))) {
            if (!Files.isRegularFile(p)) {
                missing.add(root.relativize(p).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new ModelException(root + " is not a complete ONNX Stable Diffusion folder: missing "
                    + String.join(", ", missing) + ". Expected text_encoder/, unet/, vae_decoder/ (each with "
                    + "model.onnx) and tokenizer/ (vocab.json, merges.txt), as exported by diffusers or "
                    + "Optimum (optimum-cli export onnx --task text-to-image).");
        }
        SchedulerConfig scheduler = readScheduler(root.resolve("scheduler/scheduler_config.json"));
        float scaling = readScalingFactor(root);
        String pipelineClass = readPipelineClass(root.resolve("model_index.json"));
        return new ModelFolder(root, textEncoder, unet, vaeDecoder,
                Files.isRegularFile(vaeEncoder) ? Optional.of(vaeEncoder) : Optional.empty(),
                tokenizer, scheduler, scaling, pipelineClass, readNativeSize(root));
    }

    private static String explainFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".safetensors")) {
            return file + " is a single-file checkpoint, not a folder: open it as a model (--model FILE).";
        }
        if (name.endsWith(".ckpt") || name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".bin")) {
            return file + " is a pickle checkpoint. Sandpaint does not run pickle checkpoints (loading one can run "
                    + "any code); use the .safetensors version of this model.";
        }
        if (name.endsWith(".onnx")) {
            return file + " is a single network. Choose the model folder that contains unet/, text_encoder/ and "
                    + "vae_decoder/.";
        }
        return file + " is a file; choose the model folder (the one that contains unet/, text_encoder/ and vae_decoder/).";
    }

    private static SchedulerConfig readScheduler(Path file) throws ModelException {
        if (!Files.isRegularFile(file)) {
            return SD1_SCHEDULER;
        }
        try {
            return SchedulerConfig.read(file).validate();
        } catch (IOException e) {
            throw new ModelException("Cannot read " + file + ": " + e.getMessage()
                    + ". Fix the JSON or delete the file to use Stable Diffusion 1.x defaults.", e);
        } catch (IllegalArgumentException e) {
            throw new ModelException("Wrong value in " + file + ": " + e.getMessage()
                    + " Fix it, or delete the file to use Stable Diffusion 1.x defaults.", e);
        }
    }

    private static float readScalingFactor(Path root) throws ModelException {
        for (String part : List.of("vae_decoder", "vae_encoder", "vae")) {
            Path config = root.resolve(part).resolve("config.json");
            if (Files.isRegularFile(config)) {
                JsonNode node = readJson(config);
                JsonNode factor = node.get("scaling_factor");
                if (factor != null && !factor.isNull()) {
                    double value = factor.asDouble(Double.NaN);
                    if (!factor.isNumber() || !(value > 0 && value < 100)) {
                        throw new ModelException("Wrong value in " + config + ": \"scaling_factor\" is " + factor
                                + "; it must be a positive number (Stable Diffusion 1.x: 0.18215). Fix it, or delete the "
                                + "key to use that default.");
                    }
                    return (float) value;
                }
            }
        }
        return DEFAULT_SCALING_FACTOR;
    }

    /**
     * diffusers' AutoencoderKL config gives sample_size in pixels, the UNet's in latent cells (8 pixels
     * each); Optimum copies both configs into the export, older exports have neither.
     */
    private static int readNativeSize(Path root) throws ModelException {
        for (String part : List.of("vae_decoder", "vae_encoder", "vae")) {
            Path config = root.resolve(part).resolve("config.json");
            if (Files.isRegularFile(config)) {
                int pixels = readJson(config).path("sample_size").asInt(0);
                if (pixels >= 64) {
                    return pixels;
                }
            }
        }
        Path unetConfig = root.resolve("unet/config.json");
        if (Files.isRegularFile(unetConfig)) {
            int cells = readJson(unetConfig).path("sample_size").asInt(0);
            if (cells >= 8) {
                return cells * 8;
            }
        }
        return DEFAULT_NATIVE_SIZE;
    }

    private static String readPipelineClass(Path file) throws ModelException {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        return readJson(file).path("_class_name").asText("");
    }

    private static JsonNode readJson(Path file) throws ModelException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelException("Cannot read " + file + ": it is not valid JSON (" + e.getMessage() + ").", e);
        }
    }
}
