package org.sandpaint.studio;

import org.sandpaint.engine.BundledModel;

import java.nio.file.Path;

/**
 * A first prompt that works with the loaded model. The demo model draws one coloured shape on a coloured
 * background and ignores other words (its card, models/demo/README.md), so a painter's prompt would give a
 * plain white picture there.
 */
final class PromptSuggestion {

    static final String DEMO = "a red circle on a yellow background";
    static final String GENERAL = "a lighthouse on a cliff at sunset, oil painting";

    private PromptSuggestion() {
    }

    static String forModel(Path folder) {
        if (folder == null) {
            return GENERAL;
        }
        boolean demo = folder.getFileName() != null && folder.getFileName().toString().equals("demo")
                || BundledModel.find().map(d -> d.equals(folder.toAbsolutePath().normalize())).orElse(false);
        return demo ? DEMO : GENERAL;
    }
}
