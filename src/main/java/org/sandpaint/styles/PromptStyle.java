package org.sandpaint.styles;

/**
 * A saved prompt style, as the WebUI keeps them in its styles.csv.
 *
 * @param prompt         added to the user's prompt; where it holds {@code {prompt}}, the user's prompt goes there
 * @param negativePrompt the same for the negative prompt
 */
public record PromptStyle(String name, String prompt, String negativePrompt) {

    /** The WebUI's placeholder for the user's prompt inside a style. */
    public static final String PLACEHOLDER = "{prompt}";

    public PromptStyle {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A style needs a name.");
        }
        prompt = prompt == null ? "" : prompt;
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
    }

    /**
     * The WebUI's {@code merge_prompts}: a style holding {@code {prompt}} wraps the user's text there (every
     * occurrence); otherwise both are joined with ", ", leaving out whichever is blank.
     */
    public static String merge(String style, String prompt) {
        if (style.contains(PLACEHOLDER)) {
            return style.replace(PLACEHOLDER, prompt);
        }
        String user = prompt.strip();
        String added = style.strip();
        return user.isEmpty() ? added : added.isEmpty() ? user : user + ", " + added;
    }

    public String applyToPrompt(String userPrompt) {
        return merge(prompt, userPrompt);
    }

    public String applyToNegative(String userNegative) {
        return merge(negativePrompt, userNegative);
    }
}
