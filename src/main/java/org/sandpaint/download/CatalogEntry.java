package org.sandpaint.download;

import java.util.List;

/**
 * A well-known model offered for download. Sizes are as the Hub listed them when the catalogue was
 * written; the download itself checks the Hub's current size and checksum.
 *
 * @param kind "checkpoint" or "vae": which models-home folder it goes to
 */
public record CatalogEntry(String name, String repo, List<String> files, long bytes, String licence, String kind,
                           String note) {

    public CatalogEntry {
        files = List.copyOf(files);
    }
}
