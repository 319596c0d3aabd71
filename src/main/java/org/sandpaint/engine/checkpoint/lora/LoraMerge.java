package org.sandpaint.engine.checkpoint.lora;

import org.sandpaint.engine.checkpoint.TensorEntry;
import org.sandpaint.engine.checkpoint.graph.WeightSource;
import org.sandpaint.engine.ModelException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint's weights with LoRAs merged in: {@code W' = W + m * (alpha / rank) * up . down}, in float32,
 * for every module of every LoRA, so several LoRAs (negative multipliers too) simply add up.
 *
 * <p>It decorates the checkpoint's {@link WeightSource}: keys no LoRA touches are passed through untouched,
 * patched keys are read from the base and patched on the way out. Nothing is cached, so switching LoRAs
 * means building a new merge over the same base; {@link #patchedKeys()} tells the loader which networks
 * (the sessions whose graphs use one of those keys, usually the UNet and the text encoder, never the VAE)
 * need their weights fed again.
 */
public final class LoraMerge implements WeightSource {

    private record Patch(LoraFile lora, LoraModule module, LoraTarget target, float scale) {
    }

    private final WeightSource base;
    private final Map<String, List<Patch>> patches;

    private LoraMerge(WeightSource base, Map<String, List<Patch>> patches) {
        this.base = base;
        this.patches = patches;
    }

    /**
     * Checks that every module of every LoRA names a weight of the checkpoint with the shape it implies, and
     * returns the merged view.
     *
     * @param checkpointTensors the checkpoint's tensors by key ({@code SafetensorsFile.tensors()}), for names
     *                          and shapes
     * @throws ModelException naming the LoRA and the first module that does not fit
     */
    public static LoraMerge over(WeightSource base, Map<String, TensorEntry> checkpointTensors, List<LoraUse> uses)
            throws ModelException {
        LoraTargets targets = LoraTargets.of(checkpointTensors);
        Map<String, List<Patch>> patches = new HashMap<>();
        for (LoraUse use : uses) {
            LoraFile lora = use.lora();
            for (LoraModule module : lora.modules().values()) {
                LoraTarget target = targets.find(module.name()).orElseThrow(() -> new ModelException(
                        "The LoRA '" + lora.name() + "' does not fit this model: its module " + module.name()
                                + " has no counterpart among the model's weights. It was probably made for another "
                                + "model family (SD 1.x, SD 2.x, SDXL)."));
                checkShape(lora, module, target);
                double multiplier = module.isTextEncoder() ? use.textEncoderWeight() : use.unetWeight();
                if (multiplier != 0) {
                    float scale = (float) (multiplier * lora.scale(module));
                    patches.computeIfAbsent(target.key(), k -> new ArrayList<>()).add(new Patch(lora, module, target, scale));
                }
            }
        }
        return new LoraMerge(base, patches);
    }

    /** The checkpoint keys whose values differ from the base's. */
    public Set<String> patchedKeys() {
        return Set.copyOf(patches.keySet());
    }

    @Override
    public float[] values(String key) throws ModelException {
        List<Patch> list = patches.get(key);
        if (list == null) {
            return base.values(key);
        }
        float[] weight = base.values(key).clone();
        for (Patch patch : list) {
            addDelta(weight, patch);
        }
        return weight;
    }

    /** weight[firstRow + o, j] += scale * sum_k up[o, k] * down[k, j]. */
    private static void addDelta(float[] weight, Patch patch) throws ModelException {
        LoraModule module = patch.module();
        float[] up = patch.lora().values(module.up());
        float[] down = patch.lora().values(module.down());
        int rank = module.rank();
        int outputs = module.outputs();
        int rowLength = (int) module.rowLength();
        float[] row = new float[rowLength];
        for (int o = 0; o < outputs; o++) {
            Arrays.fill(row, 0f);
            for (int k = 0; k < rank; k++) {
                float u = up[o * rank + k];
                int downRow = k * rowLength;
                for (int j = 0; j < rowLength; j++) {
                    row[j] += u * down[downRow + j];
                }
            }
            int offset = (patch.target().firstRow() + o) * rowLength;
            for (int j = 0; j < rowLength; j++) {
                weight[offset + j] += patch.scale() * row[j];
            }
        }
    }

    private static void checkShape(LoraFile lora, LoraModule module, LoraTarget target) throws ModelException {
        long[] weightTail = tail(target.weight().shape());
        long[] moduleTail = tail(module.down().shape());
        if (target.rows() != module.outputs() || !Arrays.equals(trimOnes(weightTail), trimOnes(moduleTail))) {
            String weightShape = target.rows() == target.weight().dim(0) ? Arrays.toString(target.weight().shape())
                    : target.rows() + " rows of " + Arrays.toString(target.weight().shape());
            throw new ModelException("The LoRA '" + lora.name() + "' does not fit this model: its module "
                    + module.name() + " changes a weight of shape " + Arrays.toString(module.impliedShape())
                    + ", but the model's " + target.key() + " is " + weightShape + ". It was probably made for "
                    + "another model family (SD 1.x, SD 2.x, SDXL).");
        }
    }

    private static long[] tail(long[] shape) {
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** A Linear [out, in] and a 1x1 convolution [out, in, 1, 1] take the same update. */
    private static long[] trimOnes(long[] shape) {
        int n = shape.length;
        while (n > 1 && shape[n - 1] == 1) {
            n--;
        }
        return Arrays.copyOf(shape, n);
    }
}
