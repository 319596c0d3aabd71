package org.sandpaint.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a plot's pictures out as the WebUI's {@code images.image_grid} and {@code draw_grid_annotations} do:
 * a sub-grid per Z value (X across, Y down) with the X labels in a band on top and the Y labels in a band at
 * the left, the sub-grids side by side with the Z labels above them. Black text on white, words wrapped to
 * the cell's width, a word too wide drawn smaller.
 *
 * <p>The WebUI's font is (width + height) / 25 pixels, which is 5 pixels on a 64x64 cell; here it is at
 * least {@link #MIN_FONT} and the left band at least six characters wide, so small plots stay readable.
 */
final class GridImage {

    static final int MIN_FONT = 12;
    private static final int SMALLEST_FONT = 7;
    /** Cells that were not rendered (an interrupted plot). */
    private static final Color BLANK = new Color(64, 64, 64);

    private GridImage() {
    }

    /**
     * @param cells  pictures in grid order (X fastest, then Y, then Z); null for a cell not rendered
     * @param xLabels one per column ("" for no label); {@code yLabels} one per row, {@code zLabels} one per sub-grid
     */
    static BufferedImage draw(List<BufferedImage> cells, List<String> xLabels, List<String> yLabels, List<String> zLabels) {
        int nx = xLabels.size();
        int ny = yLabels.size();
        int w = cells.stream().filter(c -> c != null).mapToInt(BufferedImage::getWidth).max().orElse(64);
        int h = cells.stream().filter(c -> c != null).mapToInt(BufferedImage::getHeight).max().orElse(64);
        List<BufferedImage> subGrids = new ArrayList<>();
        for (int z = 0; z < zLabels.size(); z++) {
            BufferedImage plain = new BufferedImage(nx * w, ny * h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = plain.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, plain.getWidth(), plain.getHeight());
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    BufferedImage cell = cells.get(x + y * nx + z * nx * ny);
                    if (cell == null) {
                        g.setColor(BLANK);
                        g.fillRect(x * w, y * h, w, h);
                    } else {
                        // Cells of a size axis differ: each is centred in the largest cell's box.
                        g.drawImage(cell, x * w + (w - cell.getWidth()) / 2, y * h + (h - cell.getHeight()) / 2, null);
                    }
                }
            }
            g.dispose();
            subGrids.add(annotate(plain, w, h, xLabels, yLabels, w, h));
        }
        int sw = subGrids.get(0).getWidth();
        int sh = subGrids.get(0).getHeight();
        BufferedImage row = new BufferedImage(sw * subGrids.size(), sh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = row.createGraphics();
        for (int z = 0; z < subGrids.size(); z++) {
            g.drawImage(subGrids.get(z), z * sw, 0, null);
        }
        g.dispose();
        return annotate(row, sw, sh, zLabels, List.of(""), w, h);
    }

    /**
     * Adds the label bands to a grid of {@code cols x rows} boxes of {@code boxW x boxH}.
     *
     * @param cellW the pictures' size, which sets the font as in the WebUI (also for the Z titles)
     */
    private static BufferedImage annotate(BufferedImage grid, int boxW, int boxH, List<String> columns, List<String> rows,
                                          int cellW, int cellH) {
        int fontSize = Math.max(MIN_FONT, (cellW + cellH) / 25);
        int spacing = fontSize / 2;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, fontSize);
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = scratch.createGraphics();
        boolean rowLabels = rows.stream().anyMatch(r -> !r.isBlank());
        int padLeft = rowLabels ? Math.max(cellW * 3 / 4, 6 * fontSize) : 0;
        List<List<Line>> top = columns.stream().map(t -> lines(measure, t, font, boxW - spacing)).toList();
        List<List<Line>> left = rows.stream().map(t -> lines(measure, t, font, padLeft - spacing)).toList();
        measure.dispose();
        int padTop = top.stream().mapToInt(ls -> height(ls, spacing)).max().orElse(0);
        padTop = padTop == 0 ? 0 : padTop + 2 * spacing;

        BufferedImage out = new BufferedImage(grid.getWidth() + padLeft, grid.getHeight() + padTop, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(grid, padLeft, padTop, null);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        for (int c = 0; c < top.size(); c++) {
            drawCentred(g, top.get(c), padLeft + boxW * c + boxW / 2, padTop / 2 - height(top.get(c), spacing) / 2, spacing);
        }
        for (int r = 0; r < left.size(); r++) {
            drawCentred(g, left.get(r), padLeft / 2, padTop + boxH * r + boxH / 2 - height(left.get(r), spacing) / 2, spacing);
        }
        g.dispose();
        return out;
    }

    /** One line of a label with the font it fits in. */
    private record Line(String text, Font font, int width, int ascent, int height) {
    }

    /** Words wrapped to {@code allowed} pixels; a single word wider than that gets a smaller font. */
    private static List<Line> lines(Graphics2D g, String text, Font font, int allowed) {
        List<String> wrapped = new ArrayList<>();
        FontMetrics metrics = g.getFontMetrics(font);
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int last = wrapped.size() - 1;
            if (last >= 0 && metrics.stringWidth(wrapped.get(last) + " " + word) <= allowed) {
                wrapped.set(last, wrapped.get(last) + " " + word);
            } else {
                wrapped.add(word);
            }
        }
        List<Line> lines = new ArrayList<>();
        for (String line : wrapped) {
            Font f = font;
            while (g.getFontMetrics(f).stringWidth(line) > allowed && f.getSize() > SMALLEST_FONT) {
                f = f.deriveFont((float) f.getSize() - 1);
            }
            FontMetrics m = g.getFontMetrics(f);
            lines.add(new Line(line, f, m.stringWidth(line), m.getAscent(), m.getAscent() + m.getDescent()));
        }
        return lines;
    }

    private static int height(List<Line> lines, int spacing) {
        return lines.isEmpty() ? 0 : lines.stream().mapToInt(l -> l.height() + spacing).sum() - spacing;
    }

    private static void drawCentred(Graphics2D g, List<Line> lines, int centreX, int top, int spacing) {
        int y = top;
        for (Line line : lines) {
            g.setFont(line.font());
            g.drawString(line.text(), centreX - line.width() / 2, y + line.ascent());
            y += line.height() + spacing;
        }
    }
}
