package org.sandpaint.download;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The short list of well-known models the studio offers (a resource, so it is data, not code). */
public final class ModelCatalog {

    private ModelCatalog() {
    }

    public static List<CatalogEntry> load() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream("catalog.json")) {
            if (in == null) {
                throw new IllegalStateException("catalog.json is missing from the application");
            }
            return List.copyOf(new ObjectMapper().readValue(in, new TypeReference<List<CatalogEntry>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("catalog.json in the application is damaged", e);
        }
    }
}
