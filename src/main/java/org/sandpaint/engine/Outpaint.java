package org.sandpaint.engine;

import org.sandpaint.engine.image.OutpaintCanvas;

import java.awt.image.BufferedImage;

/**
 * Outpainting: the source picture's canvas extended by some pixels on each side and the new area painted,
 * the seam blended. It is an inpainting run on the bigger picture ({@link #applyTo}), so it works on 4- and
 * 9-channel models alike and keeps every source pixel outside the seam.
 *
 * <p>Sizes follow the WebUI's outpainting scripts: each side grows by a multiple of 8 (their slider's step),
 * and when the source's side is no multiple of 8 the canvas is rounded up, the extra shared between the
 * two sides in proportion (their rounding is to 64; the engine only needs 8).
 */
public record Outpaint(int left, int right, int up, int down) {

    public Outpaint {
        check("left", left);
        check("right", right);
        check("up", up);
        check("down", down);
        if (left + right + up + down == 0) {
            throw new IllegalArgumentException("Outpainting needs at least one side to extend, e.g. 64,64,0,0 "
                    + "(left, right, up, down in pixels).");
        }
    }

    private static void check(String side, int pixels) {
        if (pixels < 0 || pixels % 8 != 0) {
            throw new IllegalArgumentException("Outpainting " + side + " must be 0 or more pixels in steps of 8, got "
                    + pixels + ".");
        }
        if (pixels > Parameters.WIDTH.max()) {
            throw new IllegalArgumentException("Outpainting " + side + " by " + pixels + " pixels is more than a picture "
                    + "can have (" + Parameters.WIDTH.max() + ").");
        }
    }

    /** Reads {@code left,right,up,down} in pixels, e.g. {@code 64,64,0,0}. */
    public static Outpaint parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("Outpainting takes four numbers, left,right,up,down in pixels "
                    + "(e.g. 64,64,0,0), got '" + text + "'.");
        }
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Outpainting takes whole numbers of pixels, left,right,up,down "
                        + "(e.g. 64,64,0,0); '" + parts[i].strip() + "' is not one.");
            }
        }
        return new Outpaint(v[0], v[1], v[2], v[3]);
    }

    /**
     * The inpainting request that outpaints {@code request}'s source: the size becomes the canvas', the source
     * the canvas (new area pre-filled with its blurred border), the mask the new area plus a seam of
     * {@code 2 * maskBlur} pixels into the source (the WebUI's poor man's outpainting), blurred by
     * {@code maskBlur}; the whole picture is repainted.
     *
     * @param maskedContent what the new area starts from: fill, original (the blurred border), latent noise or nothing
     */
    public GenerationRequest applyTo(GenerationRequest request, int maskBlur, Inpaint.MaskedContent maskedContent) {
        InitImage init = request.initImage();
        if (init == null) {
            throw new IllegalArgumentException("Outpainting needs a source picture (--init-image) to extend.");
        }
        if (init.inpaint() != null) {
            throw new IllegalArgumentException("Outpainting makes its own mask (the new area): leave out the inpainting mask.");
        }
        Parameters.MASK_BLUR.check(maskBlur);
        BufferedImage source = init.image();
        int[] horizontal = sides(source.getWidth(), left, right, "wide");
        int[] vertical = sides(source.getHeight(), up, down, "high");
        OutpaintCanvas.Canvas canvas = OutpaintCanvas.expand(source, horizontal[0], horizontal[1], vertical[0], vertical[1],
                2 * maskBlur);
        Inpaint inpaint = new Inpaint(canvas.mask(), maskBlur, false, maskedContent, Inpaint.Area.WHOLE_PICTURE,
                Parameters.INPAINT_PADDING.defaultValue());
        InitImage outpaint = new InitImage(canvas.picture(), init.strength(), ResizeMode.JUST_RESIZE, inpaint);
        return request.toBuilder().size(canvas.picture().getWidth(), canvas.picture().getHeight()).initImage(outpaint).build();
    }

    /** The pixels added before and after along one side, the total rounded up to a multiple of 8. */
    private static int[] sides(int size, int before, int after, String dimension) {
        int target = (size + before + after + 7) / 8 * 8;
        int max = Parameters.WIDTH.max();
        if (target > max) {
            throw new IllegalArgumentException("Outpainting would make the picture " + target + " pixels " + dimension
                    + " (the source is " + size + "); at most " + max + ": extend it by less.");
        }
        int extra = target - size;
        if (before + after == 0) {
            return new int[] {0, extra}; // a side that is no multiple of 8 gets the few pixels it lacks at the end
        }
        int b = before > 0 ? before * extra / (before + after) : 0;
        return new int[] {b, extra - b};
    }
}
