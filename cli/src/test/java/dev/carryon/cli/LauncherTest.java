package dev.carryon.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code carryon} launcher script finds a JDK and runs the jar with the arguments given. It runs from a
 * copy of the script beside a small jar whose manifest points at this build's classes, so that it has
 * nothing to build.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherTest {
    @TempDir
    Path root;

    @Test
    void helpExitsZero() throws Exception {
        Path project = Path.of(System.getProperty("basedir", "."), "..").normalize();
        Files.copy(project.resolve("carryon"), root.resolve("carryon"));
        Files.copy(project.resolve("scripts/jdk.sh"), Files.createDirectories(root.resolve("scripts")).resolve("jdk.sh"));
        writeJarOfThisClassPath(Files.createDirectories(root.resolve("cli/target")).resolve("carryon.jar"));

        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("carryon").toString(), "--help")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process launcher = builder.start();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), output);
        } finally {
            launcher.destroyForcibly();
        }
        assertEquals(0, launcher.exitValue(), output);
        assertTrue(output.contains("Usage: carryon") && output.contains("serve"), output);
        assertTrue(!output.contains("building"), "the launcher rebuilt a fresh jar: " + output);
    }

    private static void writeJarOfThisClassPath(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        main.put(Attributes.Name.CLASS_PATH, Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toUri().toString())
                .collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is all it holds
        }
    }
}
