package org.sandpaint.download;

/** Where a file's bytes come from: a Hub repository or a plain web address. */
public interface RemoteSource {

    /** Opens the content from byte {@code offset} (the server may answer from 0 instead). */
    RemoteBody open(long offset) throws DownloadException;

    /** Where the file comes from, for messages ("owner/name", or the host of a URL). */
    String origin();
}
