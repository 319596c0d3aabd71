package org.sandpaint.engine.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.scheduler.PredictionType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * An LDM inference config ({@code v1-inference.yaml}, {@code v2-inference-v.yaml}, or the {@code NAME.yaml}
 * the WebUI reads beside {@code NAME.safetensors}): the parts that say what the checkpoint is. Absent
 * parts stay empty and the weights decide.
 *
 * @param prediction   {@code model.params.parameterization}: eps or v
 * @param linearStart  {@code model.params.linear_start} (the scaled-linear schedule's first beta)
 * @param linearEnd    {@code model.params.linear_end}
 * @param timesteps    {@code model.params.timesteps}
 * @param scaleFactor  {@code model.params.scale_factor} (the latent scaling factor)
 * @param unetParams   {@code model.params.unet_config.params}
 * @param vae          {@code model.params.first_stage_config.params.ddconfig}
 * @param condTarget   {@code model.params.cond_stage_config.target} (FrozenCLIPEmbedder, FrozenOpenCLIPEmbedder)
 * @param condLayer    {@code cond_stage_config.params.layer}: last or penultimate
 * @param textConfig   {@code cond_stage_config.params.text_config}: Hugging Face CLIPTextConfig names
 *                     (this project's fixtures' extension; real configs imply the text encoder by target)
 */
public record LdmConfig(Optional<PredictionType> prediction, Optional<Double> linearStart,
                        Optional<Double> linearEnd, Optional<Integer> timesteps, Optional<Double> scaleFactor,
                        Optional<Map<String, Object>> unetParams, Optional<VaeConfig> vae,
                        Optional<String> condTarget, Optional<String> condLayer, Optional<JsonNode> textConfig) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static LdmConfig read(Path file) throws ModelException {
        if (!Files.isRegularFile(file)) {
            throw new ModelException("The config " + file + " does not exist. Check the path given with --config.");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new ModelException("The config " + file + " is not valid YAML: "
                    + e.getOriginalMessage() + ". Fix it or remove it to let Sandpaint detect the model.", e);
        } catch (IOException e) {
            throw new ModelException("Cannot read the config " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("model").path("params").isObject()) {
            throw new ModelException("The config " + file + " has no model.params section: it is not a Stable "
                    + "Diffusion (LDM) inference config such as v1-inference.yaml.");
        }
        return parse(root.path("model").path("params"), file);
    }

    private static LdmConfig parse(JsonNode params, Path file) throws ModelException {
        JsonNode cond = params.path("cond_stage_config");
        JsonNode unet = params.path("unet_config").path("params");
        JsonNode dd = params.path("first_stage_config").path("params").path("ddconfig");
        @SuppressWarnings("unchecked")
        Optional<Map<String, Object>> unetParams = unet.isObject()
                ? Optional.of(YAML.convertValue(unet, Map.class)) : Optional.empty();
        return new LdmConfig(prediction(params, file), number(params, "linear_start", file),
                number(params, "linear_end", file), number(params, "timesteps", file).map(Double::intValue),
                number(params, "scale_factor", file), unetParams,
                dd.isObject() ? Optional.of(vae(dd, file)) : Optional.empty(),
                text(cond.path("target")), text(cond.path("params").path("layer")),
                cond.path("params").path("text_config").isObject()
                        ? Optional.of(cond.path("params").path("text_config")) : Optional.empty());
    }

    private static Optional<PredictionType> prediction(JsonNode params, Path file) throws ModelException {
        Optional<String> value = text(params.path("parameterization"));
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (value.get()) {
            case "eps" -> Optional.of(PredictionType.EPSILON);
            case "v" -> Optional.of(PredictionType.V_PREDICTION);
            default -> throw new ModelException("The config " + file + " says parameterization: " + value.get()
                    + "; Sandpaint knows eps and v.");
        };
    }

    private static VaeConfig vae(JsonNode dd, Path file) throws ModelException {
        JsonNode mult = dd.path("ch_mult");
        if (!mult.isArray() || mult.isEmpty()) {
            throw new ModelException("The config " + file + " has no ch_mult list in first_stage_config.params.ddconfig.");
        }
        int[] channelMult = new int[mult.size()];
        for (int i = 0; i < channelMult.length; i++) {
            channelMult[i] = mult.get(i).asInt();
        }
        return new VaeConfig(integer(dd, "ch", file), channelMult, integer(dd, "num_res_blocks", file),
                integer(dd, "z_channels", file));
    }

    private static int integer(JsonNode node, String key, Path file) throws ModelException {
        return number(node, key, file).orElseThrow(() -> new ModelException("The config " + file + " has no "
                + key + " in first_stage_config.params.ddconfig.")).intValue();
    }

    private static Optional<Double> number(JsonNode node, String key, Path file) throws ModelException {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.asDouble());
        }
        try {
            return Optional.of(Double.parseDouble(value.asText().strip())); // YAML 1.1 reads 1.0e-04 forms as text
        } catch (NumberFormatException e) {
            throw new ModelException("The config " + file + " gives " + key + ": " + value.asText()
                    + ", which is not a number.", e);
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().strip()) : Optional.empty();
    }
}
