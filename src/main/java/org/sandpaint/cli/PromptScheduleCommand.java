package org.sandpaint.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.sandpaint.engine.PromptScheduling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Prints how a prompt changes step by step: one JSON array on one line, one element per AND-part, each
 * with the schedule the WebUI's {@code get_learned_conditioning_prompt_schedules} gives for it.
 */
@Command(name = "prompt-schedule", mixinStandardHelpOptions = true,
        description = "Print the prompt editing schedule of PROMPT as JSON: one element per AND-part, "
                + "{\"text\": part, \"weight\": w, \"schedule\": [[end_step, text], ...]}.")
final class PromptScheduleCommand implements Callable<Integer> {

    // ASCII only, like Python's json.dumps, so any terminal shows it as it is.
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Option(names = "--steps", defaultValue = "20", description = "Sampling steps, 1-150 (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--hires-steps", defaultValue = "0",
            description = "Schedule the hires pass of this many steps after the --steps pass (0: the first pass).")
    int hiresSteps;

    @Parameters(index = "0", paramLabel = "PROMPT", description = "The prompt, as typed.")
    String prompt;

    @Override
    public Integer call() throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PromptScheduling.Part part : PromptScheduling.of(prompt, steps, hiresSteps)) {
            List<List<Object>> entries = new ArrayList<>();
            part.schedule().forEach(e -> entries.add(List.of(e.endStep(), e.text())));
            Map<String, Object> element = new LinkedHashMap<>();
            element.put("text", part.text());
            element.put("weight", part.weight());
            element.put("schedule", entries);
            out.add(element);
            part.warnings().forEach(w -> System.err.println("warning: " + TerminalText.neutralise(w)));
        }
        System.out.println(JSON.writeValueAsString(out));
        return 0;
    }
}
