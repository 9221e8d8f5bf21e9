package dev.carryon.cli;

import dev.carryon.s3.S3Provider;
import dev.carryon.s3.S3StoreConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The --s3 options of serve: defaults by provider, and usage errors for what does not fit together. */
class S3OptionsTest {

    private static S3StoreConfig parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).registerConverter(ByteSize.class, ByteSize::parse)
                .registerConverter(Duration.class, Durations::parse).parseArgs(args);
        return serve.s3.config(Duration.ofHours(24));
    }

    @Test
    void withoutAnEndpointItIsAwsS3() {
        S3StoreConfig config = parse("--store", "s3", "--s3-bucket", "videos", "--s3-region", "eu-west-1");
        assertNull(config.endpoint());
        assertEquals(S3Provider.AWS, config.provider());
        assertFalse(config.pathStyle());
        assertEquals("eu-west-1", config.region());
        assertEquals(8L << 20, config.partSize());
    }

    @Test
    void withAnEndpointItIsGenericAndPathStyleUnlessTold() {
        S3StoreConfig config = parse("--store", "s3", "--s3-endpoint", "http://127.0.0.1:7480", "--s3-bucket", "b",
                "--s3-prefix", "uploads", "--s3-part-size", "16M");
        assertEquals(S3Provider.GENERIC, config.provider());
        assertTrue(config.pathStyle());
        assertEquals("uploads/", config.prefix());
        assertEquals(16L << 20, config.partSize());
        assertFalse(parse("--s3-endpoint", "http://h", "--s3-bucket", "b", "--s3-path-style=false").pathStyle());
        assertTrue(parse("--s3-endpoint", "http://h", "--s3-bucket", "b", "--s3-provider", "aws", "--s3-path-style")
                .pathStyle());
    }

    @Test
    void ossTakesSmallPartsButNoPathStyle() {
        S3StoreConfig oss = parse("--s3-endpoint", "https://oss-cn-hangzhou.aliyuncs.com", "--s3-bucket", "b",
                "--s3-provider", "oss", "--s3-part-size", "200K");
        assertEquals(200L << 10, oss.partSize());
        assertFalse(oss.pathStyle());
        assertThrows(IllegalArgumentException.class, () -> parse("--s3-endpoint", "https://oss.example", "--s3-bucket",
                "b", "--s3-provider", "oss", "--s3-path-style"));
    }

    @Test
    void optionsThatDoNotFitAreUsageErrors() {
        assertEquals(2, Main.commandLine().execute("serve", "--store", "s3"));
        assertEquals(2, Main.commandLine().execute("serve", "--store", "tape"));
        assertEquals(2, Main.commandLine().execute("serve", "--s3-bucket", "b"));
        assertEquals(2, Main.commandLine().execute("serve", "--store", "s3", "--s3-bucket", "b", "--s3-provider", "gcs"));
        assertEquals(2, Main.commandLine().execute("serve", "--store", "s3", "--s3-bucket", "b", "--s3-part-size", "1M"));
    }
}
