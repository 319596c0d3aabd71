package org.sandpaint.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.Sampler;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mapping from the WebUI's JSON fields to a GenerationRequest, without a server. */
class WebUiParametersTest {

    private final ServerOptions options = new ServerOptions(new ServedModel("my-model"));

    private static ObjectNode body() {
        return ApiClient.JSON.createObjectNode();
    }

    @Test
    void emptyRequestGetsTheWebUiApisDefaults() {
        GenerationRequest r = WebUiParameters.parse(body(), WebUiParameters.Mode.TXT2IMG, options, 512).request();
        assertEquals(50, r.steps());
        assertEquals(Sampler.EULER, r.sampler(), "sampler_index defaults to Euler in the WebUI's API");
        assertEquals(7.0, r.cfgScale());
        assertEquals(-1, r.seed());
        assertEquals(512, r.width());
        assertEquals(1, r.clipSkip());
        assertEquals(10, r.previewEvery(), "show_progress_every_n_steps");
    }

    @Test
    void samplerNamesAliasesAndSchedulers() {
        assertEquals(Sampler.EULER_A, sampler("sampler_name", "k_euler_a", null));
        assertEquals(Sampler.DPMPP_2M_KARRAS, sampler("sampler_name", "DPM++ 2M Karras", null));
        assertEquals(Sampler.DPMPP_2M_KARRAS, sampler("sampler_name", "DPM++ 2M", "karras"));
        assertEquals(Sampler.DPMPP_2M, sampler("sampler_name", "DPM++ 2M", "Automatic"));
        assertEquals(Sampler.UNIPC, sampler("sampler_index", "UniPC", null));
        List<String> notes = new ArrayList<>();
        ObjectNode b = body().put("sampler_name", "Euler").put("scheduler", "exponential");
        JsonFields fields = JsonFields.body(b).withDefaults(WebUiParameters.defaults(WebUiParameters.Mode.TXT2IMG, 64));
        assertEquals(Sampler.EULER, WebUiParameters.sampler(fields, notes));
        assertTrue(notes.get(0).contains("exponential"), notes.toString());
    }

    @Test
    void inpaintingDefaultsAreTheApisNotTheWindows() {
        ObjectNode b = body().put("mask", ApiClient.base64Png(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB)));
        b.putArray("init_images").add(ApiClient.base64Png(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB)));
        Inpaint inpaint = WebUiParameters.parse(b, WebUiParameters.Mode.IMG2IMG, options, 64).request().initImage().inpaint();
        assertEquals(Inpaint.MaskedContent.FILL, inpaint.maskedContent());
        assertEquals(Inpaint.Area.ONLY_MASKED, inpaint.area());
        assertEquals(0, inpaint.padding());
        assertEquals(4, inpaint.maskBlur());
        assertEquals(false, inpaint.invertMask());

        b.put("inpainting_mask_invert", true).put("inpainting_fill", 7);
        ApiError e = assertThrows(ApiError.class, () -> WebUiParameters.parse(b, WebUiParameters.Mode.IMG2IMG, options, 64));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("inpainting_fill"), e.getMessage());
    }

    @Test
    void aTransparentMaskIsReadByItsAlphaAsTheWebUiDoes() {
        BufferedImage stroke = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
        stroke.setRGB(0, 0, 0xFF000000); // opaque black: painted, so repainted
        stroke.setRGB(1, 0, 0x00FFFFFF); // transparent white: not painted, kept
        stroke.setRGB(2, 0, 0x80000000); // half transparent: at the threshold, kept
        stroke.setRGB(3, 0, 0x81000000);
        BufferedImage mask = Pictures.mask(ApiClient.base64Png(stroke), "mask");
        assertEquals(0xFFFFFF, mask.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0, mask.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0, mask.getRGB(2, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, mask.getRGB(3, 0) & 0xFFFFFF);
    }

    private Sampler sampler(String field, String name, String scheduler) {
        ObjectNode b = body().put(field, name);
        if (scheduler != null) {
            b.put("scheduler", scheduler);
        }
        return WebUiParameters.parse(b, WebUiParameters.Mode.TXT2IMG, options, 64).request().sampler();
    }
}
