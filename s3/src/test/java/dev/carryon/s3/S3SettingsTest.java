package dev.carryon.s3;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Provider profiles, settings and part sizes: the numbers the services' rules impose. */
class S3SettingsTest {
    private static final long MIB = 1L << 20;
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");

    @Test
    void partsOfAKnownLengthFitInTenThousand() {
        assertEquals(8 * MIB, PartSizes.first(1L << 30, 8 * MIB, S3Provider.AWS));
        assertEquals(11 * MIB, PartSizes.first(100L << 30, 8 * MIB, S3Provider.AWS));
        long huge = 5L << 40;
        long first = PartSizes.first(huge, 8 * MIB, S3Provider.AWS);
        assertTrue(first * S3Provider.MAX_PARTS >= huge && first <= S3Provider.MAX_PART_SIZE);
        assertEquals(5 * MIB, PartSizes.first(-1, MIB, S3Provider.CEPH), "never below the provider's minimum");
    }

    @Test
    void partsOfAnUnknownLengthGrowSoTenThousandHoldFiveTebibytes() {
        for (long first : new long[]{5 * MIB, 8 * MIB}) {
            long total = 0;
            for (int n = 1; n <= S3Provider.MAX_PARTS; n++) {
                long size = PartSizes.of(n, first);
                assertTrue(size >= first && size <= S3Provider.MAX_PART_SIZE);
                total += size;
            }
            assertTrue(total >= 4_800L << 30, first + ": " + total);
        }
        assertEquals(8 * MIB, PartSizes.of(1000, 8 * MIB));
        assertEquals(16 * MIB, PartSizes.of(1001, 8 * MIB));
    }

    @Test
    void providersHaveTheirOwnRules() {
        assertEquals(100 * 1024, S3Provider.OSS.minPartSize());
        assertEquals(5 * MIB, S3Provider.named("Ceph").minPartSize());
        assertFalse(S3Provider.OSS.pathStyleAllowed());
        assertTrue(S3Provider.MINIO.pathStyleByDefault());
        assertFalse(S3Provider.AWS.pathStyleByDefault());
        assertTrue(S3Provider.AWS.awsChecksums());
        assertFalse(S3Provider.GENERIC.awsChecksums());
        assertThrows(IllegalArgumentException.class, () -> S3Provider.named("gcs"));
    }

    @Test
    void settingsAreCheckedAgainstTheProvider() {
        S3StoreConfig oss = S3StoreConfig.of(ENDPOINT, "b", null, S3Provider.OSS);
        assertFalse(oss.pathStyle());
        assertEquals("us-east-1", oss.region());
        assertThrows(IllegalArgumentException.class, () -> oss.withPathStyle(true));
        assertEquals(200 * 1024, oss.withPartSize(200 * 1024).partSize());
        assertThrows(IllegalArgumentException.class,
                () -> S3StoreConfig.of(ENDPOINT, "b", null, S3Provider.MINIO).withPartSize(MIB));
        assertThrows(IllegalArgumentException.class, () -> S3StoreConfig.of(ENDPOINT, " ", null, S3Provider.AWS));
    }

    @Test
    void aPrefixNamesAFolder() {
        S3StoreConfig config = S3StoreConfig.of(ENDPOINT, "b", null, S3Provider.GENERIC);
        assertEquals("", config.prefix());
        assertEquals("uploads/", config.withPrefix("uploads").prefix());
        assertEquals("a/b/", config.withPrefix("/a/b/").prefix());
    }
}
