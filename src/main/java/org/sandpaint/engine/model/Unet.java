package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;

import java.util.Set;

/**
 * The denoising UNet. Reads from the export how it wants its inputs (channels, fixed batch, timestep
 * form, float16) so that {@link UnetRun} can feed it.
 */
public final class Unet implements AutoCloseable {

    static final String SAMPLE = "sample";
    static final String TIMESTEP = "timestep";
    static final String CONTEXT = "encoder_hidden_states";

    private final OnnxPart part;
    private final OrtEnvironment env;
    private final OnnxJavaType sampleType;
    private final OnnxJavaType contextType;
    private final TensorInfo timestep;
    private final String outputName;
    private final OnnxJavaType outputType;
    private final int inChannels;
    private final int fixedBatch;
    private final int fixedSequence;

    Unet(OnnxPart part, OrtEnvironment env) throws ModelException {
        this.part = part;
        this.env = env;
        TensorInfo sample = part.input(SAMPLE);
        part.requireRank(sample, SAMPLE, 4);
        this.sampleType = part.floatType(sample, SAMPLE);
        TensorInfo context = part.input(CONTEXT);
        part.requireRank(context, CONTEXT, 3);
        this.contextType = part.floatType(context, CONTEXT);
        this.timestep = part.input(TIMESTEP);
        Set<String> outputs = part.outputNames();
        this.outputName = outputs.contains("out_sample") || outputs.size() != 1 ? "out_sample" : outputs.iterator().next();
        this.outputType = part.floatType(part.output(outputName), outputName);
        long channels = sample.getShape()[1];
        this.inChannels = channels > 0 ? (int) channels : 4;
        this.fixedBatch = (int) Math.max(sample.getShape()[0], -1);
        this.fixedSequence = (int) Math.max(context.getShape()[1], -1);
        if (part.hasInput("text_embeds") || part.hasInput("timestep_cond")) {
            throw new ModelException("The UNet (" + part.file() + ") needs "
                    + (part.hasInput("text_embeds") ? "SDXL's extra inputs (text_embeds, time_ids)" : "LCM's timestep_cond")
                    + ", which Sandpaint does not support yet. Use an SD 1.x or 2.x model.");
        }
    }

    /** 4 for ordinary models, 9 for inpainting models (latents + mask + masked-image latents). */
    public int inChannels() {
        return inChannels;
    }

    /** The batch size the export is fixed to, or -1 when any batch is accepted. */
    public int fixedBatch() {
        return fixedBatch;
    }

    /**
     * Prepares the buffers of one generation: {@code batch} samples of {@code inChannels x h x w} and their
     * text context {@code [batch, seqLen, dim]}, fixed for the whole run.
     */
    public UnetRun begin(int batch, int height, int width, float[] context, int seqLen) throws ModelException {
        if (fixedSequence > 0 && fixedSequence != seqLen) {
            throw new ModelException("This model's UNet (" + part.file() + ") accepts exactly " + fixedSequence
                    + " text tokens, but the prompt needs " + seqLen + " (" + seqLen / 77 + " chunks of 75 tokens). "
                    + "Shorten the prompt and negative prompt to 75 tokens each and remove BREAK.");
        }
        int chunk = fixedBatch > 0 ? fixedBatch : batch;
        if (batch % chunk != 0) {
            throw new ModelException("The UNet (" + part.file() + ") only accepts batches of " + fixedBatch + ".");
        }
        try {
            return new UnetRun(this, batch, chunk, height, width, context, seqLen);
        } catch (OrtException e) {
            throw new ModelException("Cannot prepare the UNet inputs: " + e.getMessage(), e);
        }
    }

    OnnxPart part() {
        return part;
    }

    OrtEnvironment env() {
        return env;
    }

    OnnxJavaType sampleType() {
        return sampleType;
    }

    OnnxJavaType contextType() {
        return contextType;
    }

    OnnxJavaType outputType() {
        return outputType;
    }

    TensorInfo timestepInfo() {
        return timestep;
    }

    String outputName() {
        return outputName;
    }

    @Override
    public void close() {
        part.close();
    }
}
