package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.CodedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives, from a CLIP text encoder's ONNX graph, a variant that also outputs
 * {@code final_layer_norm(hidden_states[-n])} for every CLIP skip n (WebUI numbering), even when the
 * export has no hidden-state outputs (standard SD 1.x/2.x exports).
 *
 * <p>How: in a pre-LayerNorm transformer the residual stream runs through a chain of Adds. Starting at
 * the input of the final layer norm (the last layer's output) and walking back, each residual Add has one
 * input that a layer norm also reads (the stream) and one that only the Add reads (the attention or MLP
 * branch). The chain is [embeddings, mid 1, out 1, ..., mid L, out L]; hidden state k is entry 2k.
 * For each n the nodes of the final layer norm are copied, fed with hidden state L+1-n instead of L, and
 * the copy's result becomes the output {@code clip_skip_n}. Exports that list {@code hidden_states.K}
 * outputs give those tensors directly. Weights are never touched: the copy refers to the same
 * initializers, so the derived model costs kilobytes beyond the original.
 */
final class ClipSkipGraph {

    static final String OUTPUT_PREFIX = "clip_skip_";

    private final ModelProto derived;
    private final int layers;

    private ClipSkipGraph(ModelProto derived, int layers) {
        this.derived = derived;
        this.layers = layers;
    }

    /** Number of transformer layers found: CLIP skip can be 1..layers. */
    int layers() {
        return layers;
    }

    ModelProto model() {
        return derived;
    }

    static String outputName(int clipSkip) {
        return OUTPUT_PREFIX + clipSkip;
    }

    static ClipSkipGraph derive(Path onnxFile, String lastHiddenState) throws ModelException {
        ModelProto model = read(onnxFile);
        GraphProto graph = model.getGraph();
        Index index = new Index(graph);
        String finalInput = index.finalNormInput(lastHiddenState, onnxFile);
        List<String> hidden = hiddenStates(graph, index, finalInput, onnxFile);
        int layers = hidden.size() - 1;
        Set<String> normNodes = index.between(finalInput, lastHiddenState);

        GraphProto.Builder g = graph.toBuilder();
        ValueInfoProto original = graph.getOutputList().stream()
                .filter(o -> o.getName().equals(lastHiddenState)).findFirst().orElseThrow();
        for (int n = 2; n <= layers; n++) {
            String source = hidden.get(layers + 1 - n);
            String suffix = "_" + OUTPUT_PREFIX + n;
            for (NodeProto node : graph.getNodeList()) {
                if (!normNodes.contains(node.getName() + "\u0000" + node.getOutput(0))) {
                    continue;
                }
                NodeProto.Builder copy = node.toBuilder().setName(node.getName() + suffix);
                for (int i = 0; i < node.getInputCount(); i++) {
                    String in = node.getInput(i);
                    if (in.equals(finalInput)) {
                        copy.setInput(i, source);
                    } else if (index.producedBy(in, normNodes)) {
                        copy.setInput(i, in + suffix);
                    }
                }
                for (int i = 0; i < node.getOutputCount(); i++) {
                    String out = node.getOutput(i);
                    copy.setOutput(i, out.equals(lastHiddenState) ? outputName(n) : out + suffix);
                }
                g.addNode(copy);
            }
            g.addOutput(original.toBuilder().setName(outputName(n)));
        }
        return new ClipSkipGraph(model.toBuilder().setGraph(g).build(), layers);
    }

    /** hidden_states[0..L]: the export's own outputs when it has them, else the residual chain. */
    private static List<String> hiddenStates(GraphProto graph, Index index, String finalInput, Path file)
            throws ModelException {
        Map<Integer, String> declared = new HashMap<>();
        for (ValueInfoProto output : graph.getOutputList()) {
            String name = output.getName();
            if (name.startsWith("hidden_states.")) {
                try {
                    declared.put(Integer.parseInt(name.substring("hidden_states.".length())), name);
                } catch (NumberFormatException e) {
                    // not one of the numbered hidden states
                }
            }
        }
        if (declared.size() >= 2 && declared.containsKey(0) && declared.containsKey(declared.size() - 1)) {
            List<String> list = new ArrayList<>();
            for (int k = 0; k < declared.size(); k++) {
                list.add(declared.get(k));
            }
            return list;
        }
        List<String> chain = index.residualChain(finalInput);
        if (chain.size() < 3 || chain.size() % 2 == 0) {
            throw new ModelException("Cannot find the transformer layers in the text encoder " + file
                    + " (found a residual chain of " + chain.size() + " tensors). CLIP skip needs a standard "
                    + "export of the CLIP text model; use CLIP skip 1 with this model.");
        }
        List<String> hidden = new ArrayList<>();
        for (int i = 0; i < chain.size(); i += 2) {
            hidden.add(chain.get(i));
        }
        return hidden;
    }

    private static ModelProto read(Path file) throws ModelException {
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            return ModelProto.parseFrom(coded);
        } catch (IOException e) {
            throw new ModelException("Cannot read the text encoder graph " + file + ": " + e.getMessage()
                    + ". The file may be damaged: download it again.", e);
        }
    }

    /** Producer and consumer look-ups over a graph's nodes. */
    private static final class Index {
        private final Map<String, NodeProto> producers = new HashMap<>();
        private final Map<String, List<NodeProto>> consumers = new HashMap<>();
        private final Set<String> initializers = new HashSet<>();

        Index(GraphProto graph) {
            for (NodeProto node : graph.getNodeList()) {
                for (String out : node.getOutputList()) {
                    producers.put(out, node);
                }
                for (String in : node.getInputList()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
                }
            }
            for (TensorProto init : graph.getInitializerList()) {
                initializers.add(init.getName());
            }
        }

        private List<NodeProto> consumersOf(String tensor) {
            return consumers.getOrDefault(tensor, Collections.emptyList());
        }

        /** A layer norm reads this tensor (fused LayerNormalization, or the ReduceMean of a decomposed one). */
        private boolean readByLayerNorm(String tensor) {
            for (NodeProto c : consumersOf(tensor)) {
                String op = c.getOpType();
                if (op.equals("LayerNormalization")) {
                    return true;
                }
                if (op.equals("ReduceMean") && consumersOf(tensor).stream().anyMatch(s -> s.getOpType().equals("Sub"))) {
                    return true;
                }
            }
            return false;
        }

        /** The tensor the final layer norm normalises: searched backwards from the model output. */
        String finalNormInput(String output, Path file) throws ModelException {
            Deque<String> queue = new ArrayDeque<>(List.of(output));
            Set<String> seen = new HashSet<>();
            while (!queue.isEmpty() && seen.size() < 64) {
                String tensor = queue.poll();
                if (!seen.add(tensor)) {
                    continue;
                }
                NodeProto node = producers.get(tensor);
                if (node == null) {
                    continue;
                }
                if (node.getOpType().equals("LayerNormalization")) {
                    return node.getInput(0);
                }
                if (node.getOpType().equals("Sub") && node.getInputCount() == 2) {
                    NodeProto mean = producers.get(node.getInput(1));
                    if (mean != null && mean.getOpType().equals("ReduceMean") && mean.getInput(0).equals(node.getInput(0))) {
                        return node.getInput(0);
                    }
                }
                queue.addAll(node.getInputList());
            }
            throw new ModelException("Cannot find the final layer norm of the text encoder " + file
                    + ". CLIP skip needs a standard (not fused or optimised) export of the CLIP text model; "
                    + "use CLIP skip 1 with this model.");
        }

        /** Walks the residual Adds back from the last layer's output to the embeddings. */
        List<String> residualChain(String last) {
            List<String> chain = new ArrayList<>(List.of(last));
            String tensor = last;
            while (true) {
                NodeProto add = producers.get(tensor);
                if (add == null || !add.getOpType().equals("Add") || add.getInputCount() != 2) {
                    break;
                }
                String stream = null;
                for (String in : add.getInputList()) {
                    if (!initializers.contains(in) && readByLayerNorm(in)) {
                        stream = in;
                    }
                }
                if (stream == null) {
                    break;
                }
                chain.add(stream);
                tensor = stream;
            }
            Collections.reverse(chain);
            return chain;
        }

        /** Nodes on a path from {@code from} to {@code to}, as "name\0firstOutput" keys. */
        Set<String> between(String from, String to) {
            Set<String> downstream = new HashSet<>();
            Deque<String> queue = new ArrayDeque<>(List.of(from));
            while (!queue.isEmpty()) {
                for (NodeProto c : consumersOf(queue.poll())) {
                    if (downstream.add(key(c))) {
                        queue.addAll(c.getOutputList());
                    }
                }
            }
            Set<String> result = new LinkedHashSet<>();
            Set<String> visited = new HashSet<>();
            queue.add(to);
            while (!queue.isEmpty()) {
                NodeProto p = producers.get(queue.poll());
                if (p != null && visited.add(key(p)) && downstream.contains(key(p))) {
                    result.add(key(p));
                    queue.addAll(p.getInputList());
                }
            }
            return result;
        }

        boolean producedBy(String tensor, Set<String> nodes) {
            NodeProto p = producers.get(tensor);
            return p != null && nodes.contains(key(p));
        }

        private static String key(NodeProto node) {
            return node.getName() + "\u0000" + node.getOutput(0);
        }
    }
}
