package org.sandpaint.cli;

import org.sandpaint.engine.Parameter;
import org.sandpaint.engine.Parameters;

import java.util.ListResourceBundle;

/**
 * The accepted range of each generation parameter for option descriptions, as {@code ${bundle:NAME.range}}
 * ("1-150", "1-12; 1 = last layer"); picocli reads it as the commands' resource bundle.
 */
public final class ParameterRanges extends ListResourceBundle {

    @Override
    protected Object[][] getContents() {
        return Parameters.ALL.stream()
                .map(p -> new Object[] {p.name() + ".range", range(p)})
                .toArray(Object[][]::new);
    }

    private static String range(Parameter p) {
        String hint = p.hint();
        String range = p.rangeText();
        return hint.isEmpty() ? range : range.isEmpty() ? hint : range + "; " + hint;
    }
}
