package org.sandpaint.engine;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the demo model that ships with Sandpaint (models/demo), used when the user has chosen no model.
 * It sits in different places depending on how Sandpaint runs: an installed app says where with the
 * {@code sandpaint.models} system property (jpackage puts it next to the jar), a source checkout has it
 * beside target/, and the working folder is the last resort.
 */
public final class BundledModel {

    /** System property naming the folder that holds the bundled models (set by the installers' launcher). */
    public static final String MODELS_PROPERTY = "sandpaint.models";
    static final String DEMO = "demo";

    private BundledModel() {
    }

    /** The demo model's folder, when one was exported there. */
    public static Optional<Path> find() {
        return find(candidates(System.getProperty(MODELS_PROPERTY), applicationJar(), Path.of("")));
    }

    /** The first candidate folder that holds an exported model (the demo folder also holds training code). */
    static Optional<Path> find(List<Path> candidates) {
        return candidates.stream()
                .filter(dir -> Files.isRegularFile(dir.resolve("unet/model.onnx")))
                .map(dir -> dir.toAbsolutePath().normalize())
                .findFirst();
    }

    /** Where to look, in order: the property's folder, beside the jar and its parent, the working folder. */
    static List<Path> candidates(String property, Optional<Path> jar, Path workingDir) {
        List<Path> dirs = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            dirs.add(Path.of(property).resolve(DEMO));
        }
        jar.map(Path::getParent).ifPresent(dir -> {
            dirs.add(dir.resolve("models").resolve(DEMO));
            if (dir.getParent() != null) {
                dirs.add(dir.getParent().resolve("models").resolve(DEMO)); // target/../models in a checkout
            }
        });
        dirs.add(workingDir.resolve("models").resolve(DEMO));
        return dirs;
    }

    private static Optional<Path> applicationJar() {
        try {
            Path location = Path.of(BundledModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
