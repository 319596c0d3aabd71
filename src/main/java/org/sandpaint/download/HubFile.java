package org.sandpaint.download;

import java.util.Optional;

/**
 * One file of a Hub repository as its model info lists it.
 *
 * @param path    the file's path inside the repository ("unet/model.onnx")
 * @param size    its size in bytes, or -1 when the Hub did not say
 * @param sha256  the SHA-256 of a large (LFS) file's content, when known
 * @param gitBlob the git blob id (SHA-1) of a small file stored in git itself, when known
 */
public record HubFile(String path, long size, Optional<String> sha256, Optional<String> gitBlob) {
}
