package dev.carryon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/** The {@code carryon} command. */
@Command(name = "carryon", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Resumable uploads of very large files.",
        subcommands = {ServeCommand.class, UploadCommand.class, StreamCommand.class, DownloadCommand.class,
                StatusCommand.class, RmCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main())
                .registerConverter(ByteSize.class, ByteSize::parse)
                .registerConverter(java.time.Duration.class, Durations::parse)
                .setExecutionExceptionHandler((failure, command, parsed) -> {
                    // A bad value found while running (a malformed header, say) is the caller's mistake.
                    if (failure instanceof IllegalArgumentException) {
                        command.getErr().println("carryon: " + failure.getMessage());
                        return ExitCodes.USAGE;
                    }
                    throw failure;
                });
        for (String transfer : List.of("upload", "stream", "download", "status", "rm")) {
            line.getSubcommands().get(transfer).getCommandSpec().usageMessage()
                    .exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.help());
        }
        return line;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }
}
