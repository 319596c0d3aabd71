package org.sandpaint.cli;

import org.sandpaint.styles.PromptStyle;
import org.sandpaint.styles.StyleLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** Saved prompt styles: list them, import a WebUI styles.csv, export them as one. */
@Command(name = "styles", mixinStandardHelpOptions = true,
        description = "Saved prompt styles (the WebUI's styles.csv); apply them with generate --style NAME.",
        subcommands = {StylesCommand.ListStyles.class, StylesCommand.Import.class, StylesCommand.Export.class})
final class StylesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show each style's name, prompt and negative prompt.")
    static final class ListStyles implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Mixin
        StylesFileOption styles = new StylesFileOption();

        @Override
        public Integer call() throws Exception {
            StyleLibrary library = styles.load();
            if (library.styles().isEmpty()) {
                System.err.println("No styles in " + library.file() + ". Import a WebUI styles.csv with: sandpaint styles import FILE");
            }
            for (PromptStyle style : library.styles()) {
                System.out.println(style.name());
                System.out.println("  prompt:   " + style.prompt().replace("\n", "\n            "));
                if (!style.negativePrompt().isEmpty()) {
                    System.out.println("  negative: " + style.negativePrompt().replace("\n", "\n            "));
                }
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Add the styles of a WebUI styles.csv (a style of the same name is replaced).")
    static final class Import implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Mixin
        StylesFileOption styles = new StylesFileOption();

        @Parameters(paramLabel = "FILE", description = "The WebUI's styles.csv.")
        Path csv;

        @Override
        public Integer call() throws Exception {
            StyleLibrary library = styles.load();
            int count = library.importFile(csv);
            System.err.println("Imported " + count + " style(s) into " + library.file());
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write all styles as a WebUI styles.csv (an existing file there is replaced).")
    static final class Export implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Mixin
        StylesFileOption styles = new StylesFileOption();

        @Parameters(paramLabel = "FILE", description = "Where to write the styles.csv.")
        Path csv;

        @Override
        public Integer call() throws Exception {
            StyleLibrary library = styles.load();
            library.exportFile(csv);
            System.err.println("Exported " + library.styles().size() + " style(s) to " + csv);
            return 0;
        }
    }
}
