package org.sandpaint.engine;

/**
 * Where a job's time went, in nanoseconds.
 *
 * @param total     wall time of the whole job
 * @param text      prompt encoding (text encoder included) and, for img2img, encoding the source picture
 * @param unet      UNet calls as seen from Java (includes converting buffers)
 * @param unetOnnx  time inside ONNX Runtime for the UNet
 * @param scheduler scheduler steps and guidance arithmetic
 * @param preview   preview decoding and conversion
 * @param decode    final VAE decoding and image conversion
 * @param unetCalls number of UNet evaluations
 */
public record Timings(long total, long text, long unet, long unetOnnx, long scheduler, long preview, long decode,
                      int unetCalls) {

    /**
     * The engine's own cost on the denoising path: wall time minus the network stages (text encoding,
     * UNet inside ONNX Runtime, previews, final decode). It covers buffer copies, scheduler and guidance
     * arithmetic and event delivery.
     */
    public long overhead() {
        return total - text - unetOnnx - preview - decode;
    }
}
