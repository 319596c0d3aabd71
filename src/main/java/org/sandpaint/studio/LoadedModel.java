package org.sandpaint.studio;

/**
 * What the window shows about a loaded model: a value, so no view model holds on to the engine itself.
 *
 * @param name       the model folder's name
 * @param inpainting whether its UNet takes the inpainting channels
 * @param provider   where it runs ("CPU", "CUDA")
 * @param nativeSize the picture size it was trained at
 * @param cudaFallback why it runs on the CPU although the GPU was allowed ("" when it does not)
 */
public record LoadedModel(String name, boolean inpainting, String provider, int nativeSize, String cudaFallback) {

    /** "v1-5 (inpainting) on CPU". */
    public String describe() {
        return name + (inpainting ? " (inpainting)" : "") + " on " + provider;
    }
}
