package org.sandpaint.demo;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a picture of the demo model's world shows: the background colour, and the colour, shape and
 * position of the one shape on it. It reads generated pictures the way a person would check them, so
 * the demo model's tests and its accuracy grid can compare them with the prompt. Checked first on pictures
 * drawn by the training data generator, whose answers are known (ShapeReadingTest).
 *
 * @param background nearest palette colour of the picture's border
 * @param colour     nearest palette colour of the shape's pixels, or "none" when nothing stands out
 * @param shape      circle, square or triangle, from how much of its bounding box the shape fills
 * @param position   center, top left, top right, bottom left or bottom right, from the middle of its bounding box
 * @param pixels     how many pixels differ clearly from the background
 * @param x          the middle of the shape's bounding box, 0 (left) to 1 (right)
 * @param y          the middle of the shape's bounding box, 0 (top) to 1 (bottom)
 */
public record ShapeReading(String background, String colour, String shape, String position, int pixels,
                           double x, double y) {

    /** The data generator's palette (models/demo/train/dataset.py). */
    static final Map<String, int[]> PALETTE = new LinkedHashMap<>();

    static {
        PALETTE.put("red", new int[] {220, 30, 35});
        PALETTE.put("green", new int[] {35, 165, 60});
        PALETTE.put("blue", new int[] {35, 75, 225});
        PALETTE.put("yellow", new int[] {245, 215, 35});
        PALETTE.put("white", new int[] {245, 245, 245});
        PALETTE.put("black", new int[] {20, 20, 20});
        PALETTE.put("purple", new int[] {135, 45, 175});
        PALETTE.put("orange", new int[] {245, 135, 25});
    }

    /** A pixel belongs to the shape when it is at least this far (sum of channel differences) from the background. */
    private static final int SHAPE_DISTANCE = 55; // orange and yellow, the closest pair, are 90 apart
    private static final int FRAME = 2;
    /** Shapes whose middle is closer to the picture's than this (as a fraction of the side) count as centred. */
    private static final double CENTRE = 0.09;

    public static ShapeReading of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] bg = borderMedian(image);
        boolean[][] differs = new boolean[h][w];
        int[] rowCounts = new int[h];
        int[] columnCounts = new int[w];
        // Shapes keep 4 pixels from the edges; generated pictures often have a faint line along them.
        for (int j = FRAME; j < h - FRAME; j++) {
            for (int i = FRAME; i < w - FRAME; i++) {
                int[] p = rgb(image.getRGB(i, j));
                if (Math.abs(p[0] - bg[0]) + Math.abs(p[1] - bg[1]) + Math.abs(p[2] - bg[2]) > SHAPE_DISTANCE) {
                    differs[j][i] = true;
                    rowCounts[j]++;
                    columnCounts[i]++;
                }
            }
        }
        String background = nearest(bg);
        Extent rows = extent(rowCounts);
        Extent columns = extent(columnCounts);
        // The shape: the differing pixels inside its bounding box (not stray ones elsewhere).
        long r = 0, g = 0, b = 0;
        int n = 0;
        for (int j = rows.first(); j <= rows.last(); j++) {
            for (int i = columns.first(); i <= columns.last(); i++) {
                if (differs[j][i]) {
                    int[] p = rgb(image.getRGB(i, j));
                    r += p[0];
                    g += p[1];
                    b += p[2];
                    n++;
                }
            }
        }
        if (n < 12) {
            return new ShapeReading(background, "none", "none", "none", n, -1, -1);
        }
        // Where: the middle of the bounding box (a triangle's centroid sits a sixth of its height low).
        double x = columns.middle() / w;
        double y = rows.middle() / h;
        String colour = nearest(new int[] {(int) (r / n), (int) (g / n), (int) (b / n)});
        return new ShapeReading(background, colour, shapeOf(n, rows, columns), positionOf(x, y), n, x, y);
    }

    /** Fill of the bounding box: a square fills it, a circle ~79%, a triangle pointing up half. */
    private static String shapeOf(int pixels, Extent rows, Extent columns) {
        double fill = pixels / Math.max(1.0, (double) rows.length() * columns.length());
        if (fill > 0.86) {
            return "square";
        }
        return fill > 0.64 ? "circle" : "triangle";
    }

    /** First and last index of a run of rows or columns. */
    record Extent(int first, int last) {
        int length() {
            return last - first + 1;
        }

        double middle() {
            return (first + last + 1) / 2.0;
        }
    }

    /**
     * First and last row (or column) holding a real part of the shape: at least a twelfth as many shape
     * pixels as the fullest one, so a few stray pixels do not stretch the box.
     */
    static Extent extent(int[] counts) {
        int fullest = java.util.Arrays.stream(counts).max().orElse(0);
        int needed = Math.max(2, fullest / 12);
        int first = 0;
        while (first < counts.length - 1 && counts[first] < needed) {
            first++;
        }
        int last = counts.length - 1;
        while (last > first && counts[last] < needed) {
            last--;
        }
        return new Extent(first, last);
    }

    private static String positionOf(double x, double y) {
        if (Math.abs(x - 0.5) < CENTRE || Math.abs(y - 0.5) < CENTRE) {
            return Math.abs(x - 0.5) < CENTRE && Math.abs(y - 0.5) < CENTRE ? "center" : "edge";
        }
        return (y < 0.5 ? "top" : "bottom") + " " + (x < 0.5 ? "left" : "right");
    }

    static String nearest(int[] rgb) {
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Map.Entry<String, int[]> e : PALETTE.entrySet()) {
            int[] c = e.getValue();
            double d = Math.pow(rgb[0] - c[0], 2) + Math.pow(rgb[1] - c[1], 2) + Math.pow(rgb[2] - c[2], 2);
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getKey();
            }
        }
        return best;
    }

    private static int[] borderMedian(BufferedImage image) {
        List<int[]> border = new ArrayList<>();
        int w = image.getWidth();
        int h = image.getHeight();
        for (int i = 0; i < w; i++) {
            border.add(rgb(image.getRGB(i, 0)));
            border.add(rgb(image.getRGB(i, h - 1)));
        }
        for (int j = 1; j < h - 1; j++) {
            border.add(rgb(image.getRGB(0, j)));
            border.add(rgb(image.getRGB(w - 1, j)));
        }
        int[] out = new int[3];
        for (int c = 0; c < 3; c++) {
            int channel = c;
            int[] values = border.stream().mapToInt(v -> v[channel]).sorted().toArray();
            out[c] = values[values.length / 2];
        }
        return out;
    }

    private static int[] rgb(int v) {
        return new int[] {(v >> 16) & 255, (v >> 8) & 255, v & 255};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s at %s on %s (%d px, middle %.2f,%.2f)", colour, shape, position,
                background, pixels, x, y) + (Arrays.asList("none").contains(colour) ? " - nothing drawn" : "");
    }
}
