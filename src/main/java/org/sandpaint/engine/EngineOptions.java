package org.sandpaint.engine;

import java.nio.file.Path;

/**
 * How the engine runs its networks.
 *
 * @param device       auto, cpu or cuda[:N]
 * @param optimization ONNX Runtime graph optimisation level
 * @param threads      intra-op threads; 0 = one per available processor
 * @param hashCache    JSON file caching model hashes across runs, or null for an in-memory cache only
 */
public record EngineOptions(Device device, Optimization optimization, int threads, Path hashCache) {

    public static EngineOptions defaults() {
        return new EngineOptions(Device.AUTO, Optimization.EXTENDED, 0, null);
    }

    public EngineOptions withDevice(Device d) {
        return new EngineOptions(d, optimization, threads, hashCache);
    }
}
