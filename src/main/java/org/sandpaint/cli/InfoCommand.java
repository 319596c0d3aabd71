package org.sandpaint.cli;

import org.sandpaint.engine.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Prints the generation parameters stored in a PNG (ours or the WebUI's). */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the generation parameters stored in a PNG file.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A PNG made by Sandpaint or the Stable Diffusion WebUI.")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            System.err.println("sandpaint: " + TerminalText.neutralise(file.toString()) + " does not exist.");
            return 1;
        }
        String parameters = ImageFiles.readParameters(file).orElse(null);
        if (parameters == null) {
            System.err.println("sandpaint: " + file + " has no generation parameters (no 'parameters' text in the PNG).");
            return 1;
        }
        System.out.println(TerminalText.neutralise(parameters));
        return 0;
    }
}
