package org.sandpaint.cli;

import org.sandpaint.engine.Parameter;
import org.sandpaint.engine.Parameters;
import picocli.CommandLine;

import java.util.Set;

/**
 * Options named like a generation parameter ({@code --steps}, {@code --cfg}, ...) take their default from
 * {@link Parameters}, so {@code --help} shows the engine's defaults and nothing restates them here.
 */
final class ParameterDefaults implements CommandLine.IDefaultValueProvider {

    /** The prompt is required; width and height default to the model's own size. */
    private static final Set<Parameter> WITHOUT_DEFAULT = Set.of(Parameters.PROMPT, Parameters.WIDTH, Parameters.HEIGHT);

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (!(arg instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        return Parameters.byName(option.longestName().replaceFirst("^--", ""))
                .filter(p -> !WITHOUT_DEFAULT.contains(p))
                .map(Parameter::defaultText)
                .orElse(null);
    }
}
