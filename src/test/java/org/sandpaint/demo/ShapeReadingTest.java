package org.sandpaint.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The picture reader the demo model is judged by reads pictures of known content right. */
class ShapeReadingTest {

    private static final Path PICTURES = Path.of("src/test/models/demo-scorer");

    @Test
    void readsTheTrainingGeneratorsOwnPictures() throws Exception {
        JsonNode labels = new ObjectMapper().readTree(PICTURES.resolve("labels.json").toFile());
        List<String> wrongShapes = new ArrayList<>();
        for (JsonNode label : labels) {
            ShapeReading read = ShapeReading.of(ImageIO.read(PICTURES.resolve(label.get("file").asText()).toFile()));
            String what = label.get("file").asText() + " '" + label.get("caption").asText() + "' read as " + read;
            assertEquals(label.get("background").asText(), read.background(), what);
            assertEquals(label.get("colour").asText(), read.colour(), what);
            assertEquals(label.get("position").asText(), read.position(), what);
            if (!label.get("shape").asText().equals(read.shape())) {
                wrongShapes.add(what);
            }
        }
        // Small shapes are 14 pixels across, where a circle and a square differ by a few edge pixels.
        assertTrue(wrongShapes.size() <= labels.size() / 20, "shapes misread: " + wrongShapes);
    }

    @Test
    void theEvaluationHoldsOutTheSameCombinationsAsTheTrainingCode() throws Exception {
        assertEquals(243, DemoModelEvaluation.heldOut().size(), "dataset.py holds out 243 of 2,520 combinations");
        for (JsonNode l : new ObjectMapper().readTree(PICTURES.resolve("labels.json").toFile())) {
            var labels = new DemoModelEvaluation.Labels(l.get("colour").asText(), l.get("shape").asText(),
                    l.get("size").asText(), l.get("position").asText(), l.get("background").asText());
            assertTrue(labels.heldOut(), "drawn from dataset.py's test split: " + labels);
        }
    }

    @Test
    void anEmptyPictureHasNoShape() {
        java.awt.image.BufferedImage blank = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ShapeReading read = ShapeReading.of(blank);
        assertEquals("black", read.background());
        assertEquals("none", read.colour());
    }
}
