package org.sandpaint.cli;

import org.sandpaint.engine.BundledModel;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.ModelInfo;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The --model option every command shares: without it, the bundled demo model is used. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "DIR|FILE",
            description = "ONNX Stable Diffusion model folder, single-file .safetensors checkpoint or diffusers folder "
                    + "with .safetensors weights (SD 1.x, 2.x) (default: the bundled demo model).")
    Path model;

    @Option(names = "--config", paramLabel = "FILE.yaml",
            description = "LDM inference config of a checkpoint (default: NAME.yaml beside NAME.safetensors, if any).")
    Path config;

    @Option(names = "--prediction", paramLabel = "v|epsilon",
            description = "What a checkpoint's UNet predicts, overriding its config (SD 2.x 768 models: v).")
    String prediction;

    /** The model to open; the message says what to do when there is neither --model nor a bundled model. */
    Path folder() {
        if (model != null) {
            return model;
        }
        return BundledModel.find().orElseThrow(() -> new IllegalArgumentException(
                "no model: pass --model DIR|FILE (an ONNX Stable Diffusion folder or a .safetensors checkpoint). "
                        + "The bundled demo model was not found next to the application or in ./models/demo."));
    }

    /** The model checked, with what --config and --prediction say about a checkpoint. */
    ModelInfo check() throws ModelException {
        return ModelInfo.check(folder(), config, prediction);
    }
}
