package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.image.Infotext;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The WebUI "parameters" text of one image, keys in the WebUI's order. */
final class GenerationInfotext {

    static final String VERSION = "Sandpaint " + version();

    private GenerationInfotext() {
    }

    static Infotext of(GenerationRequest request, long seed, ModelIdentity model) {
        return of(request, seed, model, Map.of());
    }

    /** @param networks extra-network values ("TI hashes", "Lora hashes"), placed before Version as the WebUI does */
    static Infotext of(GenerationRequest request, long seed, ModelIdentity model, Map<String, String> networks) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Steps", Integer.toString(request.steps()));
        p.put("Sampler", request.sampler().displayName());
        p.put("CFG scale", number(request.cfgScale()));
        p.put("Seed", Long.toString(seed));
        p.put("Size", request.width() + "x" + request.height());
        if (!model.hash().isEmpty()) {
            p.put("Model hash", model.hash());
        }
        p.put("Model", model.name());
        if (request.initImage() != null) {
            p.put("Denoising strength", number(request.initImage().strength()));
        }
        Inpaint inpaint = request.initImage() == null ? null : request.initImage().inpaint();
        if (request.clipSkip() > 1) {
            p.put("Clip skip", Integer.toString(request.clipSkip()));
        }
        p.put("RNG", "CPU");
        if (inpaint != null) {
            p.put("Mask blur", Integer.toString(inpaint.maskBlur()));
            if (inpaint.invertMask()) {
                p.put("Mask mode", "Inpaint not masked");
            }
            p.put("Inpaint area", inpaint.area().displayName());
            if (inpaint.area() == Inpaint.Area.ONLY_MASKED) {
                p.put("Masked area padding", Integer.toString(inpaint.padding()));
            }
            p.put("Masked content", inpaint.maskedContent().displayName());
        }
        p.putAll(networks);
        p.put("Version", VERSION);
        return new Infotext(request.prompt(), request.negativePrompt(), new LinkedHashMap<>(p));
    }

    /** 7 rather than 7.0, as the WebUI prints whole CFG scales. */
    static String number(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    private static String version() {
        String v = GenerationInfotext.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
