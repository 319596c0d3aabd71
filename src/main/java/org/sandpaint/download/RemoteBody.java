package org.sandpaint.download;

import java.io.InputStream;
import java.util.Optional;

/**
 * An open file body.
 *
 * @param start      the offset of the body's first byte in the file (0 when a range was ignored)
 * @param announced  the SHA-256 the server announced for the content, when it did (the Hub's LFS etag)
 */
public record RemoteBody(InputStream stream, long start, boolean resumed, Optional<String> announced) {
}
