package dev.carryon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code carryon} command. */
@Command(name = "carryon", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Resumable uploads of very large files.",
        subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .registerConverter(ByteSize.class, ByteSize::parse)
                .registerConverter(java.time.Duration.class, Durations::parse);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }
}
