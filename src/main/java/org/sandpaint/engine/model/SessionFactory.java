package org.sandpaint.engine.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.Optimization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens ONNX Runtime sessions with deliberate settings, on the device the user chose.
 *
 * <p>Settings (see docs/architecture.md): intra-op threads = available processors (ONNX Runtime's own
 * default counts physical cores, which under-uses hyper-threads on desktops), one inter-op thread with
 * sequential execution (SD graphs are chains; parallel branches only add contention), graph optimisation
 * level EXTENDED by default (ALL rewrites layouts, which copies the memory-mapped weights: ~10x slower
 * load and ~2x peak memory for ~15% faster CPU steps; offered as an option).
 *
 * <p>With {@link Device.Kind#AUTO} the first session tries CUDA; if that fails the reason is logged once
 * and every later session goes straight to the CPU.
 */
public final class SessionFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

    private final OrtRuntime runtime;
    private final OrtEnvironment env;
    private final Device requested;
    private final Optimization optimization;
    private final int threads;
    private Boolean cudaWorks; // null until the first session decides it
    private String fallbackReason = "";

    public SessionFactory(Device device, Optimization optimization, int threads) {
        this.runtime = OrtRuntime.get();
        this.env = runtime.environment();
        this.requested = device;
        this.optimization = optimization;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        if (device.kind() == Device.Kind.CPU) {
            cudaWorks = false;
        }
    }

    public SessionFactory(Device device) {
        this(device, Optimization.EXTENDED, 0);
    }

    public OrtEnvironment environment() {
        return env;
    }

    /** The gate that native calls go through (see {@link OrtRuntime}). */
    OrtRuntime runtime() {
        return runtime;
    }

    /** "CPU" or "CUDA:n": where sessions run now. Meaningful after the first {@link #open}. */
    public String activeProvider() {
        return Boolean.TRUE.equals(cudaWorks) ? "CUDA:" + requested.cudaDevice() : "CPU";
    }

    /** Why CUDA is not used, when {@code auto} fell back to the CPU; empty otherwise. */
    public String fallbackReason() {
        return fallbackReason;
    }

    /**
     * Creates a session from the file path (so external weight files next to it are found).
     *
     * @param role what the file is, for messages ("UNet", "text encoder", ...)
     */
    public synchronized OrtSession open(Path onnxFile, String role) throws ModelException {
        if (!Files.isRegularFile(onnxFile)) {
            throw new ModelException("The " + role + " file " + onnxFile + " is missing.");
        }
        requireReadable(onnxFile, role);
        try (OrtSession.SessionOptions options = baseOptions()) {
            addCudaIfWanted(options);
            String path = NativePath.of(onnxFile).toString();
            return runtime.call(run -> env.createSession(path, options));
        } catch (OrtException e) {
            if (retryOnCpu(e)) {
                return open(onnxFile, role);
            }
            throw new ModelException(explainLoadFailure(onnxFile, role, e), e);
        } catch (java.io.IOException e) {
            throw new ModelException("Cannot reach " + onnxFile + " (its path has characters ONNX Runtime cannot "
                    + "take, and no link could be made in the temporary folder: " + e.getMessage()
                    + "). Rename the model folder to plain letters.", e);
        }
    }

    /**
     * The model file and the files next to it (external weights) must be readable; otherwise ONNX Runtime
     * reports them as missing or damaged, and the user would download gigabytes again for nothing.
     */
    private static void requireReadable(Path onnxFile, String role) throws ModelException {
        List<Path> files = new ArrayList<>(List.of(onnxFile));
        try (var siblings = Files.list(onnxFile.toAbsolutePath().getParent())) {
            siblings.filter(Files::isRegularFile).forEach(files::add);
        } catch (java.io.IOException | SecurityException e) {
            throw new ModelException("Cannot read the folder of the " + role + " (" + onnxFile.getParent()
                    + "): " + e.getMessage() + ". Check its permissions (your user needs to read it).", e);
        }
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new ModelException("No permission to read " + file + " (part of the " + role + "). The file "
                        + "is there; give your user read access (for example chmod a+r), no need to download it again.");
            }
        }
    }

    /**
     * With {@code auto}, a CUDA provider that was accepted but fails when the session starts (missing
     * cuDNN, an old driver) falls back to the CPU like any other CUDA failure.
     */
    private boolean retryOnCpu(OrtException e) throws ModelException {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        boolean cudaTrouble = message.contains("cuda") || message.contains("cudnn") || message.contains("cublas");
        if (Boolean.TRUE.equals(cudaWorks) && cudaTrouble) {
            cudaFailed(firstLine(e.getMessage()), e);
            return true;
        }
        return false;
    }

    /**
     * Creates a session from a graph we derived in memory (see {@link ClipSkipGraph}). External weight
     * files are looked up next to {@code originalFile}, so the derived graph shares the original's weights.
     */
    public synchronized OrtSession openDerived(byte[] model, Path originalFile, String role) throws ModelException {
        try (OrtSession.SessionOptions options = baseOptions()) {
            options.addConfigEntry("session.model_external_initializers_file_folder_path",
                    NativePath.folder(originalFile.toAbsolutePath().getParent()).toString());
            addCudaIfWanted(options);
            return runtime.call(run -> env.createSession(model, options));
        } catch (OrtException e) {
            throw new ModelException(explainLoadFailure(originalFile, role + " (derived for CLIP skip)", e), e);
        } catch (java.io.IOException e) {
            throw new ModelException("Cannot reach the folder of " + originalFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a session from a graph built in memory (a single-file checkpoint's network) whose weights
     * are supplied from Java. The caller keeps {@code weights} open as long as the session.
     *
     * @param source the checkpoint file, named in messages
     */
    public synchronized OrtSession openBuilt(byte[] model, ExternalWeights weights, Path source, String role)
            throws ModelException {
        try (OrtSession.SessionOptions options = baseOptions()) {
            weights.addTo(options);
            addCudaIfWanted(options);
            OrtSession session = env.createSession(model, options);
            weights.sessionCreated();
            return session;
        } catch (OrtException e) {
            if (retryOnCpu(e)) {
                return openBuilt(model, weights, source, role);
            }
            throw new ModelException("Cannot create the " + role + " of " + source + ": " + firstLine(e.getMessage())
                    + ". The file's tensors do not fit the network detected for it; if it is not a standard SD 1.x "
                    + "or 2.x model, put its LDM .yaml config beside it.", e);
        }
    }

    private static OrtSession.SessionOptions.OptLevel level(Optimization optimization) {
        return switch (optimization) {
            case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
            case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
            case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
        };
    }

    private OrtSession.SessionOptions baseOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(level(optimization));
        options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL); // errors come back as exceptions
        return options;
    }

    private void addCudaIfWanted(OrtSession.SessionOptions options) throws ModelException {
        if (Boolean.FALSE.equals(cudaWorks)) {
            return;
        }
        String missingDriver = missingNvidiaDriver();
        if (missingDriver != null) {
            cudaFailed(missingDriver, null);
            return;
        }
        try {
            options.addCUDA(requested.cudaDevice());
            cudaWorks = true;
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            cudaFailed(firstLine(e.getMessage()), e);
        }
    }

    private void cudaFailed(String reason, Throwable cause) throws ModelException {
        if (requested.kind() == Device.Kind.CUDA) {
            throw new ModelException("CUDA device " + requested.cudaDevice() + " cannot be used: " + reason
                    + ". Install the NVIDIA driver and CUDA 12 libraries, or choose --device cpu (or auto).", cause);
        }
        cudaWorks = false;
        fallbackReason = reason;
        LOG.debug("Running on the CPU: CUDA is not available ({}).", reason); // front ends show cudaFallbackReason
    }

    /**
     * A cheap check before asking ONNX Runtime for CUDA: on Linux without the NVIDIA kernel driver the
     * attempt can only fail, and it would first unpack a ~600 MB provider library.
     */
    private static String missingNvidiaDriver() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux") && !Files.exists(Path.of("/proc/driver/nvidia/version"))) {
            return "no NVIDIA driver found (/proc/driver/nvidia/version is absent)";
        }
        if (os.contains("mac")) {
            return "CUDA does not exist on macOS";
        }
        return null;
    }

    private static String explainLoadFailure(Path file, String role, OrtException e) {
        String detail = firstLine(e.getMessage());
        String lower = detail.toLowerCase(Locale.ROOT);
        String advice;
        if (lower.contains("external") || lower.contains("no such file") || lower.contains("not found")
                || lower.contains("open file") || lower.contains("doesn't exist") || lower.contains("no_suchfile")) {
            advice = "Its external weight file (weights.pb, model.onnx_data or model.onnx.data) may be missing "
                    + "from " + file.getParent() + ": copy the whole folder again.";
        } else if (lower.contains("protobuf") || lower.contains("parse") || lower.contains("load model")) {
            advice = "The file is damaged or incomplete (an interrupted download?): download it again.";
        } else {
            advice = "Check that the folder is an ONNX export of a Stable Diffusion model and that the file is complete.";
        }
        return "Cannot load the " + role + " (" + file + "): " + detail + ". " + advice;
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "unknown error";
        }
        String line = s.strip().lines().findFirst().orElse(s);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
