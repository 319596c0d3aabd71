package org.sandpaint.cli;

import org.sandpaint.engine.Engine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** Prints the raw CLIP token ids of a text: BOS ... EOS, no padding, no truncation, no prompt syntax. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Print the CLIP token ids of TEXT as a JSON array (BOS ... EOS, no padding).")
final class TokenizeCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ModelOption model = new ModelOption();

    @Parameters(index = "0", paramLabel = "TEXT", description = "The text to tokenize.")
    String text;

    @Override
    public Integer call() throws Exception {
        int[] ids = Engine.tokenize(model.check(), text);
        System.out.println(Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]")));
        return 0;
    }
}
