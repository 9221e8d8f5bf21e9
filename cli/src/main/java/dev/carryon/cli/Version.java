package dev.carryon.cli;

import picocli.CommandLine;

/** The version printed by {@code carryon --version}, from the jar's manifest when there is one. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"carryon " + (version == null ? "development build" : version)};
    }

    /** The version number, or {@code dev} for a build without a manifest. */
    static String number() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
