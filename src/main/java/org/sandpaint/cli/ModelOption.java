package org.sandpaint.cli;

import org.sandpaint.engine.BundledModel;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The --model option every command shares: without it, the bundled demo model is used. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "DIR",
            description = "ONNX Stable Diffusion model folder (default: the bundled demo model).")
    Path model;

    /** The folder to open; the message says what to do when there is neither --model nor a bundled model. */
    Path folder() {
        if (model != null) {
            return model;
        }
        return BundledModel.find().orElseThrow(() -> new IllegalArgumentException(
                "no model: pass --model DIR (an ONNX Stable Diffusion folder). The bundled demo model was not "
                        + "found next to the application or in ./models/demo."));
    }
}
