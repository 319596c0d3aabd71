package org.sandpaint.studio;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The inpainting brush's canvas: a mask the size of the source picture, white where the artist paints.
 * Strokes are round and continuous; each finished stroke can be undone. Plain AWT, so it is tested
 * without a window.
 */
final class MaskPainter {

    private static final int UNDO_LIMIT = 50;

    private BufferedImage mask;
    private final Deque<BufferedImage> undo = new ArrayDeque<>();
    private double lastX = Double.NaN;
    private double lastY;

    MaskPainter(int width, int height) {
        mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    }

    /** Paints (or erases) a round dab at (x, y) in picture pixels, joined to the previous dab of the stroke. */
    void stroke(double x, double y, double diameter, boolean erase) {
        if (Double.isNaN(lastX)) {
            remember();
        }
        Graphics2D g = mask.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(erase ? Color.BLACK : Color.WHITE);
        g.setStroke(new BasicStroke((float) diameter, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double fromX = Double.isNaN(lastX) ? x : lastX;
        double fromY = Double.isNaN(lastX) ? y : lastY;
        g.draw(new java.awt.geom.Line2D.Double(fromX, fromY, x, y));
        g.dispose();
        lastX = x;
        lastY = y;
    }

    void endStroke() {
        lastX = Double.NaN;
    }

    void undo() {
        if (!undo.isEmpty()) {
            mask = undo.pop();
        }
    }

    void clear() {
        remember();
        mask = new BufferedImage(mask.getWidth(), mask.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    }

    void invert() {
        remember();
        BufferedImage out = new BufferedImage(mask.getWidth(), mask.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < mask.getHeight(); y++) {
            for (int x = 0; x < mask.getWidth(); x++) {
                out.getRaster().setSample(x, y, 0, 255 - mask.getRaster().getSample(x, y, 0));
            }
        }
        mask = out;
    }

    /** Replaces the mask with a loaded picture (scaled to the source size). */
    void load(BufferedImage picture) {
        remember();
        BufferedImage out = new BufferedImage(mask.getWidth(), mask.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.drawImage(picture, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        mask = out;
    }

    /** A copy of the current mask, safe to hand to the engine while painting goes on. */
    BufferedImage snapshot() {
        BufferedImage copy = new BufferedImage(mask.getWidth(), mask.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        copy.setData(mask.getData());
        return copy;
    }

    boolean isEmpty() {
        for (int y = 0; y < mask.getHeight(); y++) {
            for (int x = 0; x < mask.getWidth(); x++) {
                if (mask.getRaster().getSample(x, y, 0) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private void remember() {
        undo.push(snapshot());
        while (undo.size() > UNDO_LIMIT) {
            undo.removeLast();
        }
    }
}
