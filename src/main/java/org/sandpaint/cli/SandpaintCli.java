package org.sandpaint.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: a thin front end over the engine, one subcommand per task. */
@Command(name = "sandpaint", mixinStandardHelpOptions = true, versionProvider = SandpaintCli.Version.class,
        description = "Sandpaint Studio: Stable Diffusion on ONNX Runtime.",
        subcommands = {GenerateCommand.class, TokenizeCommand.class, InfoCommand.class, BenchmarkCommand.class,
                DownloadCommand.class, XyzCommand.class, StylesCommand.class, PromptScheduleCommand.class,
                ServeCommand.class})
public final class SandpaintCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the CLI and returns its exit code: 0 ok, 1 failure, 2 bad arguments. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new SandpaintCli());
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli.execute(args);
    }

    /** Shows the message of a failure (never a stack trace alone) and exits with 1. */
    static final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
            if (e instanceof IllegalArgumentException) {
                cli.getErr().println("sandpaint: " + TerminalText.neutralise(String.valueOf(e.getMessage())));
                return 2;
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            cli.getErr().println("sandpaint: " + TerminalText.neutralise(message));
            if (Boolean.getBoolean("sandpaint.debug")) {
                e.printStackTrace(cli.getErr());
            }
            return 1;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SandpaintCli.class.getPackage().getImplementationVersion();
            return new String[] {"Sandpaint Studio " + (v == null ? "dev" : v)};
        }
    }
}
