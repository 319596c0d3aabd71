package org.sandpaint.engine.checkpoint.lora;

import org.sandpaint.engine.text.LoraTags;

import java.util.ArrayList;
import java.util.List;

/**
 * A LoRA the prompt asks for, read from a {@code <lora:NAME:TE:UNET>} tag the WebUI's way: the first number
 * is the text-encoder multiplier (1 when absent), the second the UNet's (the first when absent); named
 * {@code te=} and {@code unet=} arguments override them.
 */
public record LoraRequest(String name, double textEncoderWeight, double unetWeight, String tag) {

    /** The {@code lora} tags among the prompt's extra-network tags, in order. */
    public static List<LoraRequest> fromTags(List<LoraTags.Tag> tags) {
        List<LoraRequest> requests = new ArrayList<>();
        for (LoraTags.Tag tag : tags) {
            if (tag.kind().equals("lora")) {
                requests.add(parse(tag));
            }
        }
        return requests;
    }

    /** @throws IllegalArgumentException when a multiplier is not a number; the message quotes the tag */
    static LoraRequest parse(LoraTags.Tag tag) {
        String text = tag.text();
        String[] items = text.substring(text.indexOf(':') + 1, text.length() - 1).split(":", -1);
        List<String> positional = new ArrayList<>();
        String te = null;
        String unet = null;
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                positional.add(item);
            } else if (item.substring(0, eq).equals("te")) {
                te = item.substring(eq + 1);
            } else if (item.substring(0, eq).equals("unet")) {
                unet = item.substring(eq + 1);
            }
        }
        double teWeight = positional.size() > 1 ? number(positional.get(1), tag) : 1.0;
        teWeight = te != null ? number(te, tag) : teWeight;
        double unetWeight = positional.size() > 2 ? number(positional.get(2), tag) : teWeight;
        unetWeight = unet != null ? number(unet, tag) : unetWeight;
        return new LoraRequest(positional.get(0), teWeight, unetWeight, text);
    }

    private static double number(String text, LoraTags.Tag tag) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The multiplier '" + text + "' in " + tag.text() + " is not a number; "
                    + "write it like <lora:name:0.8>.");
        }
    }
}
