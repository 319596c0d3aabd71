package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.StepProgress;
import org.sandpaint.engine.Timings;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.image.ImageTensors;
import org.sandpaint.engine.image.Resizer;
import org.sandpaint.engine.model.VaeEncoder;
import org.sandpaint.engine.model.ModelException;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.model.UnetRun;
import org.sandpaint.engine.scheduler.Scheduler;
import org.sandpaint.engine.scheduler.StepResult;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text to image, stage by stage as diffusers' StableDiffusionPipeline: encode the prompt, prepare the
 * timesteps, prepare the latents, run the denoising loop, decode. A job of several batches repeats the
 * last four stages per batch; image k of the job uses seed + k.
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
        Clock clock = new Clock(request);
        boolean guided = request.usesGuidance();

        // 1. Encode the prompt (once for the whole job).
        long t0 = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        PromptEncoder encoder = new PromptEncoder(model, networks);
        PromptEmbeddings prompt = encoder.encode(request.prompt(), request.negativePrompt(),
                guided, request.clipSkip(), warnings);
        networkHashes = networkHashes(encoder);
        clock.text += System.nanoTime() - t0;

        List<GeneratedImage> images = new ArrayList<>();
        boolean interrupted = false;
        for (int b = 0; b < request.batchCount() && !interrupted; b++) {
            List<Long> seeds = new ArrayList<>();
            for (int i = 0; i < request.batchSize(); i++) {
                seeds.add(firstSeed + (long) b * request.batchSize() + i);
            }
            BatchRun run = new BatchRun(request, b, seeds, prompt, listener, control, clock, warnings);
            images.addAll(run.execute());
            interrupted = control.isInterrupted();
        }
        return new GenerationResult(List.copyOf(images), interrupted, clock.timings(), List.copyOf(warnings));
    }

    /** One batch: the latents of {@code batchSize} images denoised together. */

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

    private final class BatchRun {
        private final GenerationRequest request;
        private final int batchIndex;
        private final List<Long> seeds;
        private final PromptEmbeddings prompt;
        private final ProgressListener listener;
        private final GenerationControl control;
        private final Clock clock;
        private final int batch;
        private final int h;
        private final int w;
        private final float scaling;
        private final List<String> warnings;

        BatchRun(GenerationRequest request, int batchIndex, List<Long> seeds, PromptEmbeddings prompt,
                 ProgressListener listener, GenerationControl control, Clock clock, List<String> warnings) {
            this.warnings = warnings;
            this.request = request;
            this.batchIndex = batchIndex;
            this.seeds = seeds;
            this.prompt = prompt;
            this.listener = listener;
            this.control = control;
            this.clock = clock;
            this.batch = seeds.size();
            this.h = request.height() / 8;
            this.w = request.width() / 8;
            this.scaling = model.folder().vaeScalingFactor();
        }

        List<GeneratedImage> execute() throws ModelException {
            boolean guided = prompt.uncond() != null;
            InitImage init = request.initImage();

            // 2. Prepare the timesteps; img2img skips the first (1 - strength) of them, as diffusers does.
            Scheduler scheduler = request.sampler().create(model.folder().scheduler(), request.steps());
            double[] timesteps = scheduler.timesteps();
            int order = scheduler.order();
            int skippedSteps = init == null ? 0
                    : request.steps() - Math.min((int) (request.steps() * init.strength()), request.steps());
            int first = skippedSteps * order;
            int steps = request.steps() - skippedSteps;

            // 3. Prepare the latents: noise from each image's generator, or the source picture noised to
            //    the first timestep (posterior sample first, then the noise, as diffusers draws them).
            //    Inpainting also prepares the mask at latent size and, for 9-channel UNets, the latents of
            //    the picture with the masked part blanked out.
            BatchNoise noise = new BatchNoise(seeds);
            InpaintPlan plan = init == null || init.inpaint() == null ? null
                    : InpaintPlan.prepare(init, request.width(), request.height(), warnings);
            BufferedImage source = plan != null ? plan.picture() : init == null ? null
                    : Resizer.fit(init.image(), request.width(), request.height(), init.resizeMode());
            float[] latentMask = plan != null ? plan.latentMask() : null;
            float[] clean = null;
            float[] startNoise = null;
            float[] latents;
            if (init == null) {
                latents = noise.randn(batch * 4 * h * w);
                float sigma = scheduler.initNoiseSigma();
                for (int i = 0; i < latents.length; i++) {
                    latents[i] *= sigma;
                }
            } else {
                boolean fill = plan != null && init.inpaint().maskedContent() == Inpaint.MaskedContent.FILL;
                clean = encodeSource(fill ? plan.filledPicture() : source, noise);
                if (plan != null) {
                    MaskedContents.apply(init.inpaint().maskedContent(), clean, latentMask, noise);
                }
                if (first >= timesteps.length) {
                    return unchangedSource(plan != null ? plan.finish(source) : source, clean);
                }
                startNoise = noise.randn(clean.length);
                latents = scheduler.addNoise(clean, startNoise, first);
            }
            UnetConditioning conditioning = model.unet().inChannels() == 9
                    ? UnetConditioning.inpainting(latentMask, maskedSourceLatents(plan, source, noise), batch, h, w)
                    : UnetConditioning.plain();

            // 4. Denoising loop.
            Previewer previewer = new Previewer(request, (one, i) -> decodeImage(one), listener);
            float[] estimate = latents;
            boolean stopped = false;
            int lastStep = 0;
            try (UnetRun unet = model.unet().begin(guided ? 2 * batch : batch, h, w,
                    prompt.forBatch(batch), prompt.seqLen())) {
                for (int i = first; i < timesteps.length; i++) {
                    long s0 = System.nanoTime();
                    float[] input = conditioning.extend(scheduler.scaleModelInput(latents, i));
                    long s1 = System.nanoTime();
                    float[] prediction = unet.predict(guided ? Guidance.doubled(input) : input, timesteps[i]);
                    long s2 = System.nanoTime();
                    if (guided) {
                        prediction = Guidance.combine(prediction, (float) request.cfgScale());
                    }
                    StepResult result = scheduler.step(prediction, i, latents, noise);
                    latents = result.prevSample();
                    if (plan != null && model.unet().inChannels() == 4) {
                        // Keep the unmasked latents on the source's own trajectory (diffusers' 4-channel inpainting).
                        float[] known = i + 1 < timesteps.length ? scheduler.addNoise(clean, startNoise, i + 1) : clean;
                        latents = MaskedContents.blend(known, latents, latentMask);
                    }
                    estimate = result.denoised() != null ? result.denoised() : latents;
                    clock.scheduler += (s1 - s0) + (System.nanoTime() - s2);
                    clock.unet += s2 - s1;
                    clock.unetCalls++;

                    int step = (i - first + 1) / order;
                    listener.onStep(clock.progress(batchIndex, step, steps, timesteps[i]));
                    if (control.takeSkip()) {
                        return List.of();
                    }
                    if (control.isInterrupted()) {
                        stopped = i < timesteps.length - 1;
                        break;
                    }
                    if (step != lastStep && step < steps) {
                        previewer.afterStep(batchIndex, step, steps, estimate, batch, h, w);
                    }
                    lastStep = step;
                }
                clock.unetOnnx += unet.onnxNanos();
            }
            clock.preview += previewer.nanos();

            // 5. Decode. An interrupted run shows the current estimate of the clean image, the nicer partial.
            float[] finalLatents = stopped ? estimate : latents;
            long d0 = System.nanoTime();
            List<GeneratedImage> images = new ArrayList<>();
            List<BufferedImage> pictures = new ArrayList<>();
            int perImage = 4 * h * w;
            for (int i = 0; i < batch; i++) {
                float[] one = java.util.Arrays.copyOfRange(finalLatents, i * perImage, (i + 1) * perImage);
                BufferedImage picture = decodeImage(one);
                if (plan != null) {
                    picture = plan.finish(picture);
                }
                GeneratedImage image = new GeneratedImage(picture, one, seeds.get(i),
                        GenerationInfotext.of(request, seeds.get(i), identity, networkHashes), stopped);
                images.add(image);
                pictures.add(picture);
                listener.onImage(image);
            }
            clock.decode += System.nanoTime() - d0;
            previewer.finalImages(batchIndex, steps, pictures);
            return images;
        }

        /** The fitted source through the VAE encoder, one posterior sample per image, scaled. */
        private float[] encodeSource(BufferedImage source, BatchNoise noise) throws ModelException {
            return encodePixels(ImageTensors.toNchw(source), noise);
        }

        /** Pixels [1, 3, H, W] in [-1, 1] through the VAE encoder, one posterior sample per image, scaled. */
        private float[] encodePixels(float[] pixels, BatchNoise noise) throws ModelException {
            VaeEncoder encoder = model.vaeEncoder().orElseThrow(() -> new ModelException(model.folder().root()
                    + " has no vae_encoder/model.onnx, which image to image and inpainting need. Use a complete "
                    + "export of the model."));
            long t0 = System.nanoTime();
            VaeEncoder.Encoded encoded = encoder.encode(pixels, request.height(), request.width());
            int perImage = 4 * h * w;
            float[] latents = new float[batch * perImage];
            for (int i = 0; i < batch; i++) {
                float[] one = encoded.sample(noise.image(i));
                for (int k = 0; k < perImage; k++) {
                    latents[i * perImage + k] = one[k] * scaling;
                }
            }
            clock.text += System.nanoTime() - t0;
            return latents;
        }

        /**
         * For 9-channel UNets: the latents of the picture with its masked part blanked (0 in [-1, 1]), one
         * posterior sample per image; without a mask (text to image on an inpainting model) the whole picture
         * is blank, as the WebUI does.
         */
        private float[] maskedSourceLatents(InpaintPlan plan, BufferedImage source, BatchNoise noise)
                throws ModelException {
            if (model.unet().inChannels() != 9) {
                return null;
            }
            float[] pixels = source == null ? new float[3 * request.width() * request.height()] : ImageTensors.toNchw(source);
            if (plan != null) {
                float[] mask = plan.modelMask().values();
                int plane = request.width() * request.height();
                for (int c = 0; c < 3; c++) {
                    for (int k = 0; k < plane; k++) {
                        if (mask[k] >= 0.5f) {
                            pixels[c * plane + k] = 0f;
                        }
                    }
                }
            }
            return encodePixels(pixels, noise);
        }

        /** Strength 0: nothing to denoise, the source comes back exactly as fitted. */
        private List<GeneratedImage> unchangedSource(BufferedImage source, float[] latents) {
            List<GeneratedImage> images = new ArrayList<>();
            int perImage = 4 * h * w;
            for (int i = 0; i < batch; i++) {
                GeneratedImage image = new GeneratedImage(source,
                        java.util.Arrays.copyOfRange(latents, i * perImage, (i + 1) * perImage), seeds.get(i),
                        GenerationInfotext.of(request, seeds.get(i), identity, networkHashes), false);
                images.add(image);
                listener.onImage(image);
            }
            return images;
        }

        private BufferedImage decodeImage(float[] scaledLatents) throws ModelException {
            float[] unscaled = new float[scaledLatents.length];
            for (int i = 0; i < unscaled.length; i++) {
                unscaled[i] = scaledLatents[i] / scaling;
            }
            float[] rgb = model.vaeDecoder().decode(unscaled, h, w);
            return ImageTensors.fromNchw(rgb, 0, h * 8, w * 8);
        }
    }

    /** Job-wide time keeping: progress, ETA and the stage timings. */
    private static final class Clock {
        private final long start = System.nanoTime();
        private final int batchCount;
        long text;
        long unet;
        long unetOnnx;
        long scheduler;
        long preview;
        long decode;
        int unetCalls;

        Clock(GenerationRequest request) {
            this.batchCount = request.batchCount();
        }

        StepProgress progress(int batchIndex, int step, int steps, double timestep) {
            long elapsed = System.nanoTime() - start;
            double fraction = Math.min(1.0, (batchIndex + (double) step / steps) / batchCount);
            long eta = fraction > 0 ? (long) (elapsed / fraction - elapsed) : 0;
            return new StepProgress(batchIndex, batchCount, step, steps, timestep, fraction,
                    Duration.ofNanos(elapsed), Duration.ofNanos(eta));
        }

        Timings timings() {
            return new Timings(System.nanoTime() - start, text, unet, unetOnnx, scheduler, preview, decode, unetCalls);
        }
    }
}
