package org.sandpaint.engine.checkpoint.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an ONNX graph node by node. Weights are declared, not embedded: each becomes an initializer
 * named by its checkpoint key and marked as external data, and {@link WeightFile} hands ONNX Runtime the
 * values when the session is created. The graph itself is therefore a few hundred kilobytes however
 * large the model is. Higher-level layers (linear, convolution, norms, attention) are composed by the
 * network builders from the primitives here.
 */
public final class GraphBuilder {

    /** Opset 17: LayerNormalization exists; everything used here is stable since. */
    public static final int OPSET = 17;
    /** ONNX Runtime only accepts externally supplied initializers that claim an external location. */
    static final String EXTERNAL_LOCATION = "sandpaint-supplied";

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, WeightSlot> weights = new LinkedHashMap<>();
    private final Map<String, Integer> nameCounts = new LinkedHashMap<>();

    public GraphBuilder(String name) {
        graph.setName(name);
    }

    /** A float32 graph input; a negative dimension is symbolic, named by {@code dimNames} in order. */
    public String input(String name, TensorProto.DataType type, long[] dims, String... dimNames) {
        graph.addInput(valueInfo(name, type, dims, dimNames));
        return name;
    }

    /** Exposes {@code value} as the graph output {@code name}. */
    public void output(String value, String name, TensorProto.DataType type, long[] dims, String... dimNames) {
        String exposed = value.equals(name) ? value : op("Identity", List.of(value), name);
        graph.addOutput(valueInfo(exposed, type, dims, dimNames));
    }

    /** Declares a checkpoint weight used as stored (convolution kernels, biases, norms). */
    public String weight(String key, long... shape) {
        return declare(new WeightSlot(key, shape, false));
    }

    /** Declares a 2-D [out, in] weight that the graph uses as [in, out], for {@code x @ W^T}. */
    public String weightTransposed(String key, long out, long in) {
        return declare(new WeightSlot(key, new long[]{in, out}, true));
    }

    private String declare(WeightSlot slot) {
        WeightSlot known = weights.get(slot.key());
        if (known != null) {
            if (known.transposed() != slot.transposed()
                    || !java.util.Arrays.equals(known.graphShape(), slot.graphShape())) {
                throw new IllegalStateException("Weight " + slot.key() + " declared twice with different layouts");
            }
            return slot.key();
        }
        weights.put(slot.key(), slot);
        TensorProto.Builder t = TensorProto.newBuilder().setName(slot.key())
                .setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(EXTERNAL_LOCATION))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue("0"))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length")
                        .setValue(Long.toString(slot.elementCount() * 4)));
        for (long d : slot.graphShape()) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return slot.key();
    }

    /** A small float32 constant embedded in the graph (scales, epsilons, shapes of reshapes...). */
    public String constant(String hint, long[] shape, float... values) {
        String name = fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (long d : shape) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A 1-D int64 constant, e.g. the target shape of a Reshape or the axes of an Unsqueeze. */
    public String longs(String hint, long... values) {
        String name = fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A scalar float32 constant. */
    public String scalar(String hint, float value) {
        return constant(hint, new long[0], value);
    }

    /** Adds a node with one output, named after {@code hint} (made unique); returns the output's name. */
    public String op(String opType, List<String> inputs, String hint, AttributeProto... attributes) {
        return ops(opType, inputs, 1, hint, attributes).get(0);
    }

    /** Adds a node with several outputs. */
    public List<String> ops(String opType, List<String> inputs, int outputs, String hint,
                            AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(fresh(hint + "/" + opType))
                .addAllInput(inputs);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            String out = fresh(hint);
            node.addOutput(out);
            names.add(out);
        }
        for (AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return names;
    }

    public static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto attr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(value)).build();
    }

    public static AttributeProto attrs(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** The weights the graph declared, in declaration order. */
    public Map<String, WeightSlot> weights() {
        return Collections.unmodifiableMap(weights);
    }

    public ModelProto build() {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("sandpaint")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph).build();
    }

    private String fresh(String hint) {
        int n = nameCounts.merge(hint, 1, Integer::sum);
        return n == 1 ? hint : hint + "_" + n;
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, long[] dims, String[] dimNames) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        int symbolic = 0;
        for (long d : dims) {
            if (d < 0) {
                String dimName = symbolic < dimNames.length ? dimNames[symbolic] : "d" + symbolic;
                symbolic++;
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(dimName));
            } else {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            }
        }
        TypeProto type2 = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(type.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type2).build();
    }
}
