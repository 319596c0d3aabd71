package org.sandpaint.cli;

import org.sandpaint.engine.checkpoint.BundledTokenizer;
import org.sandpaint.engine.checkpoint.Checkpoint;
import org.sandpaint.engine.checkpoint.DiffusersFolder;
import org.sandpaint.engine.model.ModelFolder;
import org.sandpaint.engine.text.ClipTokenizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
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
        try (ClipTokenizer tokenizer = tokenizer(model.folder())) {
            int[] ids = tokenizer.encodeRaw(text);
            System.out.println(Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]")));
        }
        return 0;
    }

    /** The folder's tokenizer, or for a single-file checkpoint the one Sandpaint ships (checking the file first). */
    private ClipTokenizer tokenizer(Path path) throws Exception {
        if (Checkpoint.isCheckpointFile(path)) {
            try (Checkpoint checkpoint = Checkpoint.open(path, model.overrides())) {
                return BundledTokenizer.load(checkpoint.architecture().family());
            }
        }
        if (DiffusersFolder.isDiffusersFolder(path)) {
            return ClipTokenizer.load(path.resolve("tokenizer"));
        }
        return ClipTokenizer.load(ModelFolder.open(path).tokenizer());
    }
}
