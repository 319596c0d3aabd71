package org.sandpaint.engine.pipeline;

/** How a model is named in the infotext: folder name and the WebUI-style short hash of its UNet weights. */
public record ModelIdentity(String name, String hash) {
}
