package org.sandpaint.cli;

import org.sandpaint.engine.Device;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.Optimization;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How a command loads its model: which folder (--model), where it runs (--device) and --optimization. */
final class LoadOptions {

    @CommandLine.Mixin
    ModelOption model = new ModelOption();

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--optimization", defaultValue = "EXTENDED",
            description = "ONNX Runtime graph optimisation: BASIC, EXTENDED or ALL (default: ${DEFAULT-VALUE}).")
    Optimization optimization;

    /** The engine options for these flags; the message says what to type when --device is unknown. */
    EngineOptions engineOptions(Path hashCache) {
        return new EngineOptions(Device.parse(device), optimization, 0, hashCache);
    }
}
