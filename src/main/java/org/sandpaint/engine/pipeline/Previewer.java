package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.Preview;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.image.ImageTensors;
import org.sandpaint.engine.ModelException;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides when to show the forming images and makes the pictures: with method Full, a VAE decode of the
 * scheduler's current estimate every N steps and the cheap linear preview on the steps between; with
 * Approx cheap, the cheap preview every N steps. Previews only read the latents, so they never change
 * the result.
 */
final class Previewer {

    private final int every;
    private final PreviewMethod method;
    private final LatentDecoder decoder;
    private final ProgressListener listener;
    private long nanos;

    /** Decodes one image's scaled latents [4, h, w] to a picture. */
    interface LatentDecoder {
        BufferedImage decode(float[] latents, int imageIndex) throws ModelException;
    }

    Previewer(GenerationRequest request, LatentDecoder decoder, ProgressListener listener) {
        this.every = request.previewEvery();
        this.method = request.previewMethod();
        this.decoder = decoder;
        this.listener = listener;
    }

    /**
     * Called after each completed step (not on the last one: the final image is its own full preview).
     *
     * @param estimate the current denoised estimate, scaled latents [batch, 4, h, w]
     */
    void afterStep(int batchIndex, int step, int totalSteps, float[] estimate, int batch, int h, int w)
            throws ModelException {
        if (every <= 0) {
            return;
        }
        boolean checkpoint = step % every == 0;
        boolean full = checkpoint && method == PreviewMethod.FULL;
        boolean cheap = method == PreviewMethod.FULL ? !checkpoint : checkpoint;
        if (!full && !cheap) {
            return;
        }
        long start = System.nanoTime();
        int perImage = 4 * h * w;
        List<BufferedImage> images = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            float[] one = java.util.Arrays.copyOfRange(estimate, i * perImage, (i + 1) * perImage);
            images.add(full ? decoder.decode(one, i) : ImageTensors.approxCheap(one, 0, h, w, ImageTensors.sd1ApproxMatrix()));
        }
        nanos += System.nanoTime() - start;
        listener.onPreview(new Preview(batchIndex, step, totalSteps, full, List.copyOf(images)));
    }

    /** The finished images, announced as the last full preview. */
    void finalImages(int batchIndex, int totalSteps, List<BufferedImage> images) {
        if (every > 0) {
            listener.onPreview(new Preview(batchIndex, totalSteps, totalSteps, true, List.copyOf(images)));
        }
    }

    long nanos() {
        return nanos;
    }
}
