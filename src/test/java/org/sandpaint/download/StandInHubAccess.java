package org.sandpaint.download;

import java.io.IOException;
import java.net.URI;

/** Lets tests of other packages start the stand-in hub with one LFS file. */
public final class StandInHubAccess implements AutoCloseable {

    private final StandInHub hub;

    private StandInHubAccess(StandInHub hub) {
        this.hub = hub;
    }

    public static StandInHubAccess with(String repo, String file, byte[] content) throws IOException {
        return new StandInHubAccess(new StandInHub().file(repo, file, content, true));
    }

    public URI endpoint() {
        return hub.endpoint();
    }

    @Override
    public void close() {
        hub.close();
    }
}
