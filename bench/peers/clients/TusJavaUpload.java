import io.tus.java.client.TusClient;
import io.tus.java.client.TusExecutor;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;

import java.io.File;
import java.net.URL;

/**
 * Uploads FILE to ENDPOINT with tus-java-client in requests of CHUNK bytes, and prints the upload URL.
 * Usage: java -cp tus-java-client.jar:. TusJavaUpload FILE ENDPOINT CHUNK
 */
public class TusJavaUpload {
    public static void main(String[] args) throws Exception {
        TusClient client = new TusClient();
        client.setUploadCreationURL(new URL(args[1]));
        client.enableResuming(new TusURLMemoryStore());
        TusUpload upload = new TusUpload(new File(args[0]));
        int chunk = Integer.parseInt(args[2]);
        new TusExecutor() {
            @Override
            protected void makeAttempt() throws io.tus.java.client.ProtocolException, java.io.IOException {
                TusUploader uploader = client.resumeOrCreateUpload(upload);
                uploader.setChunkSize(1 << 20);
                uploader.setRequestPayloadSize(chunk);
                while (uploader.uploadChunk() > -1) {
                    // the request goes on until the payload size is reached, then a new one starts
                }
                uploader.finish();
                System.out.println(uploader.getUploadURL());
            }
        }.makeAttempts();
    }
}
