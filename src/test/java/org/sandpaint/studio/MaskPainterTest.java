package org.sandpaint.studio;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskPainterTest {

    private static int at(BufferedImage mask, int x, int y) {
        return mask.getRaster().getSample(x, y, 0);
    }

    @Test
    void strokesAreContinuousRoundAndUndoable() {
        MaskPainter painter = new MaskPainter(100, 50);
        assertTrue(painter.isEmpty());
        painter.stroke(10, 25, 10, false);
        painter.stroke(90, 25, 10, false); // a fast drag: the gap between dabs is filled
        painter.endStroke();
        BufferedImage mask = painter.snapshot();
        assertEquals(255, at(mask, 50, 25));
        assertEquals(0, at(mask, 50, 5));

        painter.stroke(50, 25, 6, true);
        painter.endStroke();
        assertEquals(0, at(painter.snapshot(), 50, 25), "the eraser clears");
        painter.undo();
        assertEquals(255, at(painter.snapshot(), 50, 25), "undo brings the stroke back");
        painter.undo();
        assertTrue(painter.isEmpty());
    }

    @Test
    void clearInvertAndLoad() {
        MaskPainter painter = new MaskPainter(20, 20);
        painter.invert();
        assertEquals(255, at(painter.snapshot(), 3, 3));
        painter.clear();
        assertTrue(painter.isEmpty());
        BufferedImage white = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        white.getGraphics().fillRect(0, 0, 10, 10);
        painter.load(white);
        assertFalse(painter.isEmpty());
        assertEquals(20, painter.snapshot().getWidth(), "a loaded mask takes the source's size");
    }
}
