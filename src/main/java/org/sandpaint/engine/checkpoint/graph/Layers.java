package org.sandpaint.engine.checkpoint.graph;

import java.util.List;

import static org.sandpaint.engine.checkpoint.graph.GraphBuilder.attr;
import static org.sandpaint.engine.checkpoint.graph.GraphBuilder.attrs;

/**
 * The PyTorch layers the text encoders and the VAE are made of, written as ONNX nodes: each method takes
 * the input value's name and the checkpoint key of the layer (without {@code .weight}/{@code .bias}) and
 * returns the output value's name. Shapes are the ones the architecture implies; {@link WeightFile}
 * refuses a file whose tensors disagree.
 */
final class Layers {

    private final GraphBuilder g;

    Layers(GraphBuilder g) {
        this.g = g;
    }

    GraphBuilder graph() {
        return g;
    }

    /** nn.Conv2d with bias; {@code pads} = top, left, bottom, right. */
    String conv(String x, String key, long out, long in, int kernel, int stride, long... pads) {
        String w = g.weight(key + ".weight", out, in, kernel, kernel);
        String b = g.weight(key + ".bias", out);
        return g.op("Conv", List.of(x, w, b), key, attrs("kernel_shape", kernel, kernel),
                attrs("strides", stride, stride), attrs("pads", pads));
    }

    /** A 3x3 convolution keeping the size (padding 1). */
    String conv3x3(String x, String key, long out, long in) {
        return conv(x, key, out, in, 3, 1, 1, 1, 1, 1);
    }

    /**
     * A 1x1 convolution. A weight stored as a Linear [out, in] has the same bytes as [out, in, 1, 1], so
     * both forms of the VAE's attention projections load through here.
     */
    String conv1x1(String x, String key, long out, long in) {
        return conv(x, key, out, in, 1, 1, 0, 0, 0, 0);
    }

    /** nn.Linear on the last axis: {@code x @ W^T + b}. */
    String linear(String x, String key, long out, long in) {
        String w = g.weightTransposed(key + ".weight", out, in);
        String b = g.weight(key + ".bias", out);
        return g.op("Add", List.of(g.op("MatMul", List.of(x, w), key + "/matmul"), b), key);
    }

    /** nn.Linear whose weight and bias have other names (OpenCLIP's packed in_proj_weight). */
    String linear(String x, String weightKey, String biasKey, long out, long in) {
        String w = g.weightTransposed(weightKey, out, in);
        String b = g.weight(biasKey, out);
        // Values are named after the weight, never as it: initializer names are the checkpoint keys.
        return g.op("Add", List.of(g.op("MatMul", List.of(x, w), weightKey + "/matmul"), b), weightKey + "/out");
    }

    /** nn.LayerNorm over the last axis. */
    String layerNorm(String x, String key, long dim, float eps) {
        String w = g.weight(key + ".weight", dim);
        String b = g.weight(key + ".bias", dim);
        return g.op("LayerNormalization", List.of(x, w, b), key, attr("axis", -1L), attr("epsilon", eps));
    }

    /**
     * nn.GroupNorm on [B, C, H, W]: opset 17 has no GroupNormalization, so the groups are normalised as
     * the instances of a [B, G, C/G*H*W] tensor, then the per-channel affine is applied.
     */
    String groupNorm(String x, String key, long channels, int groups, float eps) {
        float[] ones = new float[groups];
        java.util.Arrays.fill(ones, 1f);
        String grouped = g.op("Reshape", List.of(x, g.longs("group_shape", 0, groups, -1)), key + "/grouped");
        String normed = g.op("InstanceNormalization", List.of(grouped,
                g.constant("ones", new long[]{groups}, ones),
                g.constant("zeros", new long[]{groups}, new float[groups])), key + "/normed", attr("epsilon", eps));
        String back = g.op("Reshape", List.of(normed, g.op("Shape", List.of(x), key + "/shape")), key + "/ungrouped");
        // The stored [C] scale and shift have the bytes of [C, 1, 1], which broadcast over H and W.
        String w = g.weight(key + ".weight", channels, 1, 1);
        String b = g.weight(key + ".bias", channels, 1, 1);
        return g.op("Add", List.of(g.op("Mul", List.of(back, w), key + "/scaled"), b), key);
    }

    String silu(String x, String hint) {
        return g.op("Mul", List.of(x, g.op("Sigmoid", List.of(x), hint + "/sigmoid")), hint);
    }

    /** CLIP's quick_gelu: x * sigmoid(1.702 x). */
    String quickGelu(String x, String hint) {
        String scaled = g.op("Mul", List.of(x, g.scalar("gelu_scale", 1.702f)), hint + "/scaled");
        return g.op("Mul", List.of(x, g.op("Sigmoid", List.of(scaled), hint + "/sigmoid")), hint);
    }

    /** The exact (erf) GELU of nn.GELU(); opset 17 has no Gelu operator. */
    String gelu(String x, String hint) {
        String erf = g.op("Erf", List.of(g.op("Mul", List.of(x, g.scalar("inv_sqrt2", (float) (1 / Math.sqrt(2)))),
                hint + "/scaled")), hint + "/erf");
        String onePlus = g.op("Add", List.of(erf, g.scalar("one", 1f)), hint + "/one_plus");
        return g.op("Mul", List.of(g.op("Mul", List.of(x, onePlus), hint + "/x"), g.scalar("half", 0.5f)), hint);
    }

    String add(String a, String b, String hint) {
        return g.op("Add", List.of(a, b), hint);
    }

    String mul(String a, String b, String hint) {
        return g.op("Mul", List.of(a, b), hint);
    }

    String reshape(String x, String hint, long... shape) {
        return g.op("Reshape", List.of(x, g.longs(hint + "_shape", shape)), hint);
    }

    String transpose(String x, String hint, long... perm) {
        return g.op("Transpose", List.of(x), hint, attrs("perm", perm));
    }

    String matmul(String a, String b, String hint) {
        return g.op("MatMul", List.of(a, b), hint);
    }

    String softmax(String x, String hint) {
        return g.op("Softmax", List.of(x), hint, attr("axis", -1L));
    }
}
