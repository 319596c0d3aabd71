package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.model.UnetRun;
import org.sandpaint.engine.scheduler.SamplerSchedulers;
import org.sandpaint.engine.scheduler.Scheduler;
import org.sandpaint.engine.scheduler.StepResult;
import org.sandpaint.engine.text.ScheduleTiming;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A generation, stage by stage as diffusers' pipelines: encode the prompt, prepare the timesteps, start
 * the latents, add the UNet's conditioning, run the denoising loop, decode. Text to image, image to image
 * and inpainting differ only in how the latents start ({@link LatentStart}). A job of several batches
 * repeats the stages after the prompt per batch; image k of the job uses seed + k.
 */
public final class StableDiffusionPipeline {

    private final StableDiffusionModel model;
    private final ModelIdentity identity;
    private final PromptNetworks networks;
    /** TI and Lora hashes of the networks this job's prompts used, for the infotext; set by stage 1. */
    private Map<String, String> networkHashes = Map.of();

    public StableDiffusionPipeline(StableDiffusionModel model, ModelIdentity identity) {
        this(model, identity, PromptNetworks.NONE);
    }

    public StableDiffusionPipeline(StableDiffusionModel model, ModelIdentity identity, PromptNetworks networks) {
        this.model = model;
        this.identity = identity;
        this.networks = networks;
    }

    public GenerationResult generate(GenerationRequest request, long firstSeed, ProgressListener listener,
                                     GenerationControl control) throws ModelException {
        JobClock clock = new JobClock(request.batchCount());
        boolean guided = request.usesGuidance();

        // 1. Encode the prompt (once for the whole job).
        long t0 = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        // The WebUI's schedules count a second-order sampler's steps twice, one per UNet call.
        int order = SamplerSchedulers.create(request.sampler(), request.scheduleType(), model.folder().scheduler(),
                request.steps()).order();
        PromptEncoder encoder = new PromptEncoder(model, networks);
        PromptConditioning prompt = encoder.encode(request.prompt(), request.negativePrompt(),
                guided, request.clipSkip(), ScheduleTiming.of(request.steps() * order), warnings);
        networkHashes = networkHashes(encoder);
        clock.text += System.nanoTime() - t0;

        LatentStart start = LatentStart.forRequest(request, model.unet().inChannels());
        LatentCodec codec = new LatentCodec(model, clock, request.width(), request.height());
        List<GeneratedImage> images = new ArrayList<>();
        boolean keep = listener.keepImagesInResult();
        boolean interrupted = false;
        for (int b = 0; b < request.batchCount() && !interrupted; b++) {
            List<Long> seeds = new ArrayList<>();
            List<Long> subseeds = new ArrayList<>();
            for (int i = 0; i < request.batchSize(); i++) {
                long index = (long) b * request.batchSize() + i;
                // With a variation strength the WebUI keeps one seed for the job and counts the variation seeds.
                seeds.add(firstSeed + (request.variation().varies() ? 0 : index));
                subseeds.add(request.variation().subseed() + index);
            }
            BatchSetup setup = new BatchSetup(request, seeds, subseeds, new BatchNoise(seeds), codec, warnings);
            List<GeneratedImage> batch = new BatchRun(setup, b, start, prompt, listener, control, clock).execute();
            if (keep) {
                images.addAll(batch);
            }
            interrupted = control.isInterrupted();
        }
        return new GenerationResult(List.copyOf(images), interrupted, clock.timings(), List.copyOf(warnings));
    }

    /** The WebUI's "TI hashes" and "Lora hashes" for the embeddings and LoRAs the prompts used. */
    private Map<String, String> networkHashes(PromptEncoder encoder) {
        Map<String, String> params = new LinkedHashMap<>();
        String ti = PromptNetworks.hashes(encoder.embeddingsUsed(), networks.embeddingHashes());
        if (!ti.isEmpty()) {
            params.put("TI hashes", ti);
        }
        String lora = PromptNetworks.hashes(encoder.lorasUsed(), networks.loraHashes());
        if (!lora.isEmpty()) {
            params.put("Lora hashes", lora);
        }
        return params;
    }

    /** One batch: the latents of {@code batchSize} images denoised together. */
    private final class BatchRun {
        private final BatchSetup setup;
        private final GenerationRequest request;
        private final int batchIndex;
        private final LatentStart start;
        private final PromptConditioning prompt;
        private final ProgressListener listener;
        private final GenerationControl control;
        private final JobClock clock;
        private final Previewer previewer;

        BatchRun(BatchSetup setup, int batchIndex, LatentStart start, PromptConditioning prompt,
                 ProgressListener listener, GenerationControl control, JobClock clock) {
            this.setup = setup;
            this.request = setup.request();
            this.batchIndex = batchIndex;
            this.start = start;
            this.prompt = prompt;
            this.listener = listener;
            this.control = control;
            this.clock = clock;
            this.previewer = new Previewer(request, (one, i) -> setup.codec().decode(one), listener);
        }

        List<GeneratedImage> execute() throws ModelException {
            // 2. Prepare the timesteps; a start from a picture skips the first (1 - strength) of them.
            Scheduler scheduler = SamplerSchedulers.create(request.sampler(), request.scheduleType(),
                    model.folder().scheduler(), request.steps());
            int skipped = start.skippedSteps(request.steps());
            int first = skipped * scheduler.order();

            // 3. Start the latents (noise, or the source noised to the first remaining timestep).
            StartLatents latents = start.prepare(setup, scheduler, first);
            if (latents.finished() != null) {
                return unchangedSource(latents.finished(), latents.latents());
            }

            // 4. The UNet's extra input channels (the mask and masked picture for inpainting models).
            UnetConditioning conditioning = UnetConditioning.forModel(model.unet().inChannels(), latents, setup);

            // 5. Denoising loop.
            Denoised denoised = denoise(scheduler, first, request.steps() - skipped, latents, conditioning);
            if (denoised == null) {
                return List.of();
            }

            // 6. Decode. An interrupted run shows the current estimate of the clean image, the nicer partial.
            return decode(denoised, latents, request.steps() - skipped);
        }

        /** The final latents; {@code stopped} when interrupted before the last step. Null when skipped. */
        private record Denoised(float[] latents, boolean stopped) {
        }

        private Denoised denoise(Scheduler scheduler, int first, int steps, StartLatents start,
                                 UnetConditioning conditioning) throws ModelException {
            int conditions = prompt.conditionsPerImage();
            int batch = setup.batch();
            double[] timesteps = scheduler.timesteps();
            int order = scheduler.order();
            float[] latents = start.latents();
            float[] estimate = latents;
            boolean stopped = false;
            int lastStep = 0;
            int[] selection = prompt.selectionAt(0);
            try (UnetRun unet = model.unet().begin(conditions * batch, setup.h(), setup.w(),
                    prompt.contextFor(selection, batch), prompt.seqLen())) {
                for (int i = first; i < timesteps.length; i++) {
                    long s0 = System.nanoTime();
                    // Prompt editing: the WebUI's denoiser counts its calls from 0 in each run.
                    int[] now = prompt.selectionAt(i - first);
                    if (!Arrays.equals(now, selection)) {
                        selection = now;
                        unet.setContext(prompt.contextFor(selection, batch));
                    }
                    float[] input = conditioning.extend(scheduler.scaleModelInput(latents, i));
                    long s1 = System.nanoTime();
                    float[] prediction = unet.predict(conditions > 1 ? Guidance.repeated(input, conditions) : input,
                            timesteps[i]);
                    long s2 = System.nanoTime();
                    if (prompt.combined()) {
                        prediction = Guidance.combine(prediction, prompt.weights(), request.cfgScale());
                    }
                    StepResult result = scheduler.step(prediction, i, latents, setup.noise());
                    latents = start.constraint().apply(result.prevSample(), i);
                    estimate = result.denoised() != null ? result.denoised() : latents;
                    clock.scheduler += (s1 - s0) + (System.nanoTime() - s2);
                    clock.unet += s2 - s1;
                    clock.unetCalls++;

                    int step = (i - first + 1) / order;
                    listener.onStep(clock.progress(batchIndex, step, steps, timesteps[i]));
                    if (control.takeSkip()) {
                        clock.unetOnnx += unet.onnxNanos();
                        clock.preview += previewer.nanos();
                        return null;
                    }
                    if (control.isInterrupted()) {
                        stopped = i < timesteps.length - 1;
                        break;
                    }
                    if (step != lastStep && step < steps) {
                        previewer.afterStep(batchIndex, step, steps, estimate, batch, setup.h(), setup.w());
                    }
                    lastStep = step;
                }
                clock.unetOnnx += unet.onnxNanos();
            }
            clock.preview += previewer.nanos();
            return new Denoised(stopped ? estimate : latents, stopped);
        }

        /** Each image alone through the VAE decoder; the listener gets it as soon as it is decoded. */
        private List<GeneratedImage> decode(Denoised denoised, StartLatents start, int steps) throws ModelException {
            long d0 = System.nanoTime();
            List<GeneratedImage> images = new ArrayList<>();
            List<BufferedImage> pictures = new ArrayList<>();
            int perImage = 4 * setup.h() * setup.w();
            for (int i = 0; i < setup.batch(); i++) {
                float[] one = Arrays.copyOfRange(denoised.latents(), i * perImage, (i + 1) * perImage);
                BufferedImage picture = start.finish(setup.codec().decode(one));
                GeneratedImage image = image(picture, one, i, denoised.stopped());
                images.add(image);
                pictures.add(picture);
                listener.onImage(image);
            }
            clock.decode += System.nanoTime() - d0;
            previewer.finalImages(batchIndex, steps, pictures);
            return images;
        }

        /** Strength 0: nothing to denoise, the source comes back exactly as fitted. */
        private List<GeneratedImage> unchangedSource(BufferedImage source, float[] latents) {
            List<GeneratedImage> images = new ArrayList<>();
            int perImage = 4 * setup.h() * setup.w();
            for (int i = 0; i < setup.batch(); i++) {
                GeneratedImage image = image(source, Arrays.copyOfRange(latents, i * perImage, (i + 1) * perImage),
                        i, false);
                images.add(image);
                listener.onImage(image);
            }
            return images;
        }

        private GeneratedImage image(BufferedImage picture, float[] latents, int index, boolean interrupted) {
            long seed = setup.seeds().get(index);
            return new GeneratedImage(picture, latents, seed,
                    Infotext.of(request, seed, setup.subseeds().get(index), identity.name(), identity.hash())
                            .withNetworkHashes(networkHashes), interrupted);
        }
    }
}
