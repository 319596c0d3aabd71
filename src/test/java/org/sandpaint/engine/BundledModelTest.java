package org.sandpaint.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BundledModelTest {

    @TempDir
    Path dir;

    private Path exported(Path models) throws IOException {
        Path demo = models.resolve("demo");
        Files.createDirectories(demo.resolve("unet"));
        Files.writeString(demo.resolve("unet/model.onnx"), "x");
        return demo;
    }

    @Test
    void propertyFolderComesFirstThenBesideTheJarThenItsParentThenTheWorkingFolder() {
        Path jar = dir.resolve("app/target/sandpaint-studio.jar");
        List<Path> candidates = BundledModel.candidates(dir.resolve("installed").toString(), Optional.of(jar), dir.resolve("cwd"));
        assertEquals(List.of(dir.resolve("installed/demo"), dir.resolve("app/target/models/demo"),
                dir.resolve("app/models/demo"), dir.resolve("cwd/models/demo")), candidates);
    }

    @Test
    void aDemoFolderWithOnlyTrainingCodeIsNotAModel() throws IOException {
        Path checkout = dir.resolve("checkout");
        Files.createDirectories(checkout.resolve("models/demo/train"));
        Path installed = exported(dir.resolve("installed"));
        List<Path> candidates = List.of(checkout.resolve("models/demo"), installed);
        assertEquals(Optional.of(installed), BundledModel.find(candidates));
        assertEquals(Optional.empty(), BundledModel.find(List.of(checkout.resolve("models/demo"))));
    }
}
