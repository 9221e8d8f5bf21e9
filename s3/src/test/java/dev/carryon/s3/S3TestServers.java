package dev.carryon.s3;

/**
 * The S3 API server the tests of this run use: S3Proxy in the test JVM, or Ceph RGW when the system property
 * {@value #PROPERTY} is {@code rgw} (the heavier suite, Maven profile {@code rgw}).
 */
public final class S3TestServers {
    public static final String PROPERTY = "carryon.test.s3";

    private S3TestServers() {
    }

    /** The server, started on first use; a test that needs one that is not installed is skipped. */
    public static S3Service shared() {
        return "rgw".equals(System.getProperty(PROPERTY)) ? CephRgw.shared() : S3ProxyServer.shared();
    }
}
