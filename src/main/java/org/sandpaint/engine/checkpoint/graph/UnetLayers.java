package org.sandpaint.engine.checkpoint.graph;

import org.sandpaint.engine.checkpoint.UnetConfig;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.sandpaint.engine.checkpoint.graph.GraphBuilder.attr;
import static org.sandpaint.engine.checkpoint.graph.GraphBuilder.attrs;

/**
 * The layers the LDM UNet is made of, written as ONNX opset 17 nodes: convolutions and linear layers
 * whose weights are checkpoint keys, GroupNorm, LayerNorm, SiLU and exact GELU. Each layer takes its
 * checkpoint module name ({@code prefix + "input_blocks.1.0.in_layers.2"}) and reads
 * {@code .weight}/{@code .bias} under it.
 */
final class UnetLayers {

    private final GraphBuilder g;
    /** Constants shared by every layer, made once (by name). */
    private final Map<String, String> constants = new HashMap<>();

    UnetLayers(GraphBuilder g) {
        this.g = g;
    }

    GraphBuilder graph() {
        return g;
    }

    /** A square 2-D convolution with bias; NCHW in and out. */
    String conv(String x, String module, long in, long out, int kernel, int stride) {
        String w = g.weight(module + ".weight", out, in, kernel, kernel);
        String b = g.weight(module + ".bias", out);
        int pad = kernel / 2;
        return g.op("Conv", List.of(x, w, b), module, attrs("kernel_shape", kernel, kernel),
                attrs("strides", stride, stride), attrs("pads", pad, pad, pad, pad));
    }

    /** {@code x @ W^T (+ b)} on the last axis, W stored [out, in] as torch's Linear stores it. */
    String linear(String x, String module, long in, long out, boolean bias) {
        String y = g.op("MatMul", List.of(x, g.weightTransposed(module + ".weight", out, in)), module);
        return bias ? g.op("Add", List.of(y, g.weight(module + ".bias", out)), module) : y;
    }

    /**
     * torch's GroupNorm on NCHW: statistics over each group of channels and all pixels, then a per-channel
     * affine. Opset 17 has no GroupNormalization, so the groups become instances of InstanceNormalization.
     */
    String groupNorm(String x, String module, long channels, float epsilon) {
        int groups = UnetConfig.GROUPS;
        float[] ones = new float[groups];
        Arrays.fill(ones, 1f);
        String scale = shared("group_ones", () -> g.constant("group_ones", new long[]{groups}, ones));
        String bias = shared("group_zeros", () -> g.constant("group_zeros", new long[]{groups}, new float[groups]));
        String shape = shared("group_shape", () -> g.longs("group_shape", 0, groups, -1));
        String grouped = g.op("Reshape", List.of(x, shape), module);
        String normed = g.op("InstanceNormalization", List.of(grouped, scale, bias), module,
                attr("epsilon", epsilon));
        String back = g.op("Reshape", List.of(normed, g.op("Shape", List.of(x), module)), module);
        String scaled = g.op("Mul", List.of(back, g.weight(module + ".weight", channels, 1, 1)), module);
        return g.op("Add", List.of(scaled, g.weight(module + ".bias", channels, 1, 1)), module);
    }

    /** LayerNorm over the last axis (torch's default epsilon 1e-5). */
    String layerNorm(String x, String module, long width) {
        return g.op("LayerNormalization", List.of(x, g.weight(module + ".weight", width),
                g.weight(module + ".bias", width)), module, attr("axis", -1L), attr("epsilon", 1e-5f));
    }

    String silu(String x) {
        return g.op("Mul", List.of(x, g.op("Sigmoid", List.of(x), "silu")), "silu");
    }

    /** The exact GELU, {@code x/2 (1 + erf(x / sqrt 2))} (opset 17 has no Gelu). */
    String gelu(String x) {
        String erf = g.op("Erf", List.of(g.op("Mul", List.of(x, scalar("inv_sqrt2", (float) (1 / Math.sqrt(2)))),
                "gelu")), "gelu");
        String onePlus = g.op("Add", List.of(erf, scalar("one", 1f)), "gelu");
        return g.op("Mul", List.of(g.op("Mul", List.of(x, onePlus), "gelu"), scalar("half", 0.5f)), "gelu");
    }

    /** A float32 scalar constant, shared by every use of the same name. */
    String scalar(String name, float value) {
        return shared(name, () -> g.scalar(name, value));
    }

    /** An int64 vector constant (shapes, axes), shared by every use of the same name. */
    String longs(String name, long... values) {
        return shared(name, () -> g.longs(name, values));
    }

    private String shared(String name, Supplier<String> make) {
        return constants.computeIfAbsent(name, n -> make.get());
    }

    String add(String a, String b, String hint) {
        return g.op("Add", List.of(a, b), hint);
    }
}
