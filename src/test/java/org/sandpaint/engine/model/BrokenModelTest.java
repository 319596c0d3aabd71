package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.testing.TestModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged downloads must give a message that names the file and says what to do. */
class BrokenModelTest {

    @TempDir
    Path temp;

    private Path copyOfTinyModel() throws IOException {
        Path source = TestModels.folder("tiny-optimum");
        try (Stream<Path> files = Files.walk(source, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = temp.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return temp;
    }

    private static ModelException openFails(Path dir) {
        return assertThrows(ModelException.class,
                () -> Engine.open(dir, EngineOptions.defaults().withDevice(Device.CPU)).close());
    }

    @Test
    void truncatedUnetIsReportedAsDamaged() throws IOException {
        Path dir = copyOfTinyModel();
        Path unet = dir.resolve("unet/model.onnx");
        byte[] bytes = Files.readAllBytes(unet);
        Files.write(unet, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        ModelException e = openFails(dir);
        assertTrue(e.getMessage().contains("unet"), e.getMessage());
        assertTrue(e.getMessage().contains("download it again") || e.getMessage().contains("copy the whole folder"),
                e.getMessage());
    }

    @Test
    void missingExternalWeightsAreNamed() throws IOException {
        Path dir = copyOfTinyModel();
        Files.delete(dir.resolve("unet/model.onnx_data"));
        ModelException e = openFails(dir);
        assertTrue(e.getMessage().contains("UNet"), e.getMessage());
        assertTrue(e.getMessage().contains("weight"), e.getMessage());
    }

    @Test
    void garbageTextEncoderIsReported() throws IOException {
        Path dir = copyOfTinyModel();
        Files.writeString(dir.resolve("text_encoder/model.onnx"), "<html>404 not found</html>");
        ModelException e = openFails(dir);
        assertTrue(e.getMessage().contains("text encoder"), e.getMessage());
    }
}
