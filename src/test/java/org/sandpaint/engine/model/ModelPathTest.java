package org.sandpaint.engine.model;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.ModelException;
import org.sandpaint.testing.TestModels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model folders whose files are fine but whose path or permissions used to read as "damaged". */
class ModelPathTest {

    @TempDir
    Path dir;

    /** ONNX Runtime's binding mangled characters outside the basic plane: "File doesn't exist ... damaged". */
    @Test
    void emojiInTheModelPathLoadsAndGenerates() throws Exception {
        Path model = copy(TestModels.folder("tiny-optimum"), dir.resolve("models 🎨 絵"));
        try (Engine engine = Engine.open(model, EngineOptions.defaults().withDevice(Device.CPU))) {
            var result = engine.generate(GenerationRequest.builder("a red circle").steps(2).seed(1).size(64, 64)
                    .clipSkip(2).build(), null, null);
            assertEquals(1, result.images().size());
        }
    }

    @Test
    void unreadableFileSaysPermissionNotDamage() throws Exception {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "Skipped: running as root, which reads any file whatever its permissions");
        Path model = copy(TestModels.folder("tiny-optimum"), dir.resolve("model"));
        Path weights = model.resolve("unet/model.onnx_data");
        Files.setPosixFilePermissions(weights, PosixFilePermissions.fromString("-w-------"));
        ModelException e = assertThrows(ModelException.class,
                () -> Engine.open(model, EngineOptions.defaults().withDevice(Device.CPU)).close());
        assertTrue(e.getMessage().contains("No permission to read " + weights), e.getMessage());
        assertFalse(e.getMessage().contains("download it again"), e.getMessage());
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
