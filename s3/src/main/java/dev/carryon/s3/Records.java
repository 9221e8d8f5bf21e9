package dev.carryon.s3;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads and writes the {@link UploadRecord} of each upload as a small JSON object, {@code ID.info}. A PUT of
 * a whole object is atomic on every S3 service: readers see the old record or the new one, never a mix.
 */
final class Records {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            gen.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
                            return Instant.parse(p.getValueAsString());
                        }
                    }));

    private final Bucket bucket;
    private final ObjectKeys keys;

    Records(Bucket bucket, ObjectKeys keys) {
        this.bucket = bucket;
        this.keys = keys;
    }

    /** The upload's record, or empty if it has none (never created, or terminated). */
    Optional<UploadRecord> load(String id) throws IOException {
        Optional<byte[]> bytes = bucket.read(keys.info(id));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(bytes.get(), UploadRecord.class));
        } catch (IOException e) {
            throw new IOException("the record " + keys.info(id) + " is unreadable", e);
        }
    }

    /** Makes {@code record} the upload's state. */
    void save(UploadRecord record) throws IOException {
        bucket.write(keys.info(record.id()), JSON.writeValueAsBytes(record), "application/json");
    }
}
