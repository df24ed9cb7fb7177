package io.quarkiverse.session.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;

/**
 * Lets the tests see what the store holds, without a session of their own.
 */
@Path("/store")
public class StoreProbeResource {

    @Inject
    SessionStore store;

    @ConfigProperty(name = "quarkus.session.store", defaultValue = "memory")
    String storeName;

    @ConfigProperty(name = "quarkus.session.filesystem.path", defaultValue = "./sessions")
    java.nio.file.Path filesystemPath;

    @GET
    @Path("/size")
    public int size() {
        return keys().size();
    }

    /** The key of every session, listed a page of {@code pageSize} at a time, one a line. */
    @GET
    @Path("/keys")
    public String keyList(@QueryParam("pageSize") @DefaultValue("500") int pageSize) {
        return String.join("\n", keys(pageSize));
    }

    /**
     * Everything the store holds, as it holds it. The filesystem store: the name and the bytes of every file under its
     * directory. The memory store, whose entries live inside its own structures: for each session, its key and every
     * value's key and bytes, as the store returns them.
     */
    @GET
    @Path("/raw")
    @Produces(MediaType.TEXT_PLAIN)
    public String raw() throws IOException {
        StringBuilder raw = new StringBuilder();
        if (storeName.equals("filesystem")) {
            try (Stream<java.nio.file.Path> files = Files.walk(filesystemPath)) {
                for (java.nio.file.Path file : files.filter(Files::isRegularFile).toList()) {
                    byte[] content;
                    try {
                        content = Files.readAllBytes(file);
                    } catch (NoSuchFileException e) {
                        // Expired and swept, or renamed into place, since the walk saw it.
                        continue;
                    }
                    raw.append(filesystemPath.relativize(file)).append('\n')
                            .append(new String(content, StandardCharsets.ISO_8859_1)).append('\n');
                }
            }
            return raw.toString();
        }
        for (String hex : keys()) {
            SessionRecord session = store.load(SessionKey.ofHex(hex)).await().indefinitely();
            raw.append(hex).append('\n');
            if (session != null) {
                for (Map.Entry<String, byte[]> value : session.values().entrySet()) {
                    raw.append(value.getKey()).append('=')
                            .append(new String(value.getValue(), StandardCharsets.ISO_8859_1)).append('\n');
                }
            }
        }
        return raw.toString();
    }

    private List<String> keys() {
        return keys(500);
    }

    private List<String> keys(int pageSize) {
        List<String> keys = new ArrayList<>();
        String cursor = null;
        do {
            SessionPage page = store.list(cursor, pageSize).await().indefinitely();
            page.sessions().forEach(session -> keys.add(session.key().toHex()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return keys;
    }
}
