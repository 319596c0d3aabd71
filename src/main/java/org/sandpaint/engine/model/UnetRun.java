package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The UNet inputs and outputs of one generation, allocated once and reused at every step. When the
 * export fixes its batch (e.g. to 1), the batch is sent in several calls, each with its own slice of the
 * text context.
 */
public final class UnetRun implements AutoCloseable {

    private final Unet unet;
    private final int batch;
    private final int chunk;
    private final FloatTensorBuffer sample;
    private final FloatTensorBuffer output;
    private final List<FloatTensorBuffer> contexts = new ArrayList<>();
    private final TimestepInput timestep;
    private final int outPerChunk;
    private long onnxNanos;

    UnetRun(Unet unet, int batch, int chunk, int height, int width, float[] context, int seqLen)
            throws OrtException, ModelException {
        this.unet = unet;
        this.batch = batch;
        this.chunk = chunk;
        var env = unet.env();
        int dim = context.length / (batch * seqLen);
        this.sample = new FloatTensorBuffer(env, unet.sampleType(), new long[] {chunk, unet.inChannels(), height, width});
        this.output = new FloatTensorBuffer(env, unet.outputType(), new long[] {chunk, 4, height, width});
        this.outPerChunk = output.size();
        for (int start = 0; start < batch; start += chunk) {
            FloatTensorBuffer c = new FloatTensorBuffer(env, unet.contextType(), new long[] {chunk, seqLen, dim});
            c.write(context, start * seqLen * dim);
            contexts.add(c);
        }
        this.timestep = new TimestepInput(env, unet.timestepInfo(), chunk, unet.part().file().toString());
    }

    /**
     * Replaces the text context (same shape as at the start), for prompts whose conditioning changes
     * between steps.
     */
    public void setContext(float[] context) {
        int perCall = context.length / contexts.size();
        for (int c = 0; c < contexts.size(); c++) {
            contexts.get(c).write(context, c * perCall);
        }
    }

    /**
     * One UNet evaluation.
     *
     * @param input    the model input [batch, inChannels, h, w] (already scaled by the scheduler)
     * @param t        the scheduler's timestep
     * @return the prediction [batch, 4, h, w]
     */
    public float[] predict(float[] input, double t) throws ModelException {
        float[] result = new float[outPerChunk * (batch / chunk)];
        OnnxTensor time = timestep.set(t);
        for (int c = 0; c * chunk < batch; c++) {
            sample.write(input, c * sample.size());
            Map<String, OnnxTensor> inputs = Map.of(
                    Unet.SAMPLE, sample.tensor(),
                    Unet.TIMESTEP, time,
                    Unet.CONTEXT, contexts.get(c).tensor());
            long start = System.nanoTime();
            try (OrtSession.Result ignored = unet.part().runInto(inputs, Map.of(unet.outputName(), output.tensor()))) {
                onnxNanos += System.nanoTime() - start;
            } catch (OrtException e) {
                throw unet.part().runFailure("UNet", e);
            }
            output.read(result, c * outPerChunk);
        }
        return result;
    }

    /** Time spent inside ONNX Runtime so far, for the benchmark. */
    public long onnxNanos() {
        return onnxNanos;
    }

    @Override
    public void close() {
        sample.close();
        output.close();
        contexts.forEach(FloatTensorBuffer::close);
        timestep.close();
    }
}
