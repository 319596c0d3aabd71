package org.sandpaint.engine.checkpoint.graph;

/**
 * A weight a built graph needs from the checkpoint: the checkpoint's key, the shape it is stored in, and
 * how it enters the graph. Graph initializers are named by the checkpoint key itself, so anything that
 * replaces a weight (a LoRA merge, another VAE) names it the way the file does.
 *
 * @param key         the full checkpoint key, e.g. {@code model.diffusion_model.out.2.weight}
 * @param graphShape  the shape the graph declares for it
 * @param transposed  a 2-D weight stored [out, in] that enters the graph as [in, out] (for MatMul)
 */
public record WeightSlot(String key, long[] graphShape, boolean transposed) {

    public WeightSlot {
        graphShape = graphShape.clone();
    }

    @Override
    public long[] graphShape() {
        return graphShape.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long d : graphShape) {
            n *= d;
        }
        return n;
    }
}
