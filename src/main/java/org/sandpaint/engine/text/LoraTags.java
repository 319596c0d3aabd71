package org.sandpaint.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the WebUI's extra-network tags ({@code <lora:name:0.8>}, {@code <lyco:...>},
 * {@code <hypernet:...>}) from a prompt before it reaches the text encoder, and reports them.
 *
 * <p>Mirrors {@code extra_networks.parse_prompt}: every tag of the form {@code <word:anything but '>'>} is
 * cut out and replaced by nothing (the spaces around it stay; CLIP's tokenizer ignores extra spaces).
 * Like the WebUI this also removes tags of kinds it does not know, so a prompt gives the same text
 * encoding here as there. Nothing is applied: the caller tells the user which tags were ignored.
 */
public final class LoraTags {

    // Python's \w is Unicode-aware; UNICODE_CHARACTER_CLASS makes Java's the same.
    private static final Pattern TAG = Pattern.compile("<(\\w+):([^>]+)>", Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * One removed tag.
     *
     * @param kind the word before the first colon, e.g. "lora"
     * @param name the first argument, e.g. the LoRA's file name
     * @param text the whole tag as written, e.g. {@code <lora:foo:0.8>}, for messages
     */
    public record Tag(String kind, String name, String text) {
    }

    /** The prompt without its tags, and the tags in the order they appeared. */
    public record Stripped(String prompt, List<Tag> tags) {
        public Stripped {
            tags = List.copyOf(tags);
        }
    }

    private LoraTags() {
    }

    public static Stripped strip(String prompt) {
        List<Tag> tags = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        Matcher m = TAG.matcher(prompt == null ? "" : prompt);
        while (m.find()) {
            String args = m.group(2);
            int colon = args.indexOf(':');
            tags.add(new Tag(m.group(1), colon < 0 ? args : args.substring(0, colon), m.group()));
            m.appendReplacement(rest, "");
        }
        m.appendTail(rest);
        return new Stripped(rest.toString(), tags);
    }
}
