package org.sandpaint.engine.checkpoint.embedding;

import net.razorvine.pickle.PickleException;
import org.sandpaint.engine.checkpoint.DType;
import org.sandpaint.engine.ModelException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A PyTorch {@code torch.save} file (the zip format, PyTorch 1.6 and later): {@code PREFIX/data.pkl} is the
 * pickle, {@code PREFIX/data/KEY} the raw bytes of each storage. Read with {@link RestrictedUnpickler}, so
 * only data comes out; sizes are capped because embeddings are kilobytes and nothing here should need more.
 */
final class TorchPickleFile {

    private static final long MAX_PICKLE_BYTES = 16L << 20;
    /** All storages of one file together; embeddings are kilobytes. */
    private static final long MAX_STORAGE_BYTES = 256L << 20;

    private TorchPickleFile() {
    }

    /** The unpickled root object: maps, lists, Object[] tuples, plain values and {@link TorchTensor}s. */
    static Object read(Path file) throws ModelException {
        checkZip(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = archivePrefix(zip, file);
            ZipEntry byteOrder = zip.getEntry(prefix + "byteorder");
            if (byteOrder != null && !text(zip, byteOrder).strip().equals("little")) {
                throw new ModelException(file + " was saved on a big-endian machine; Sandpaint reads little-endian "
                        + "PyTorch files only.");
            }
            ZipEntry pickle = zip.getEntry(prefix + "data.pkl");
            long[] storageBytes = {0};
            RestrictedUnpickler unpickler = new RestrictedUnpickler((key, dtype, count) -> {
                if (count < 0 || count > MAX_STORAGE_BYTES || (storageBytes[0] += count * dtype.bytes()) > MAX_STORAGE_BYTES) {
                    throw new IOException("its storages claim more than " + (MAX_STORAGE_BYTES >> 20) + " MB");
                }
                return storage(zip, prefix, key, dtype, count);
            });
            try (InputStream in = zip.getInputStream(pickle)) {
                return unpickler.load(new LimitedInput(in, MAX_PICKLE_BYTES));
            }
        } catch (RestrictedUnpickler.RefusedPickleException e) {
            throw new ModelException(file.getFileName() + " was refused: " + e.getMessage() + ". A .pt file is a "
                    + "Python pickle and can run code; Sandpaint reads only tensors, dicts, lists and plain values "
                    + "from it and runs nothing. Use a .safetensors version of this file.");
        } catch (ZipException e) {
            throw new ModelException(file + " is a damaged PyTorch file (" + e.getMessage() + "). Download it again.", e);
        } catch (IOException | PickleException | ClassCastException | IllegalStateException e) {
            throw new ModelException(file + " is not a PyTorch file Sandpaint can read (" + e.getMessage()
                    + "). Use a .safetensors version of it.", e);
        }
    }

    private static void checkZip(Path file) throws ModelException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 4);
            if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                return;
            }
            if (n >= 2 && (head[0] & 0xFF) == 0x80) {
                throw new ModelException(file.getFileName() + " is in PyTorch's old (before 1.6) pickle format, "
                        + "which Sandpaint does not read. Use a .safetensors version of this file.");
            }
            throw new ModelException(file + " is not a PyTorch file (it does not start like a torch.save zip).");
        } catch (IOException e) {
            throw new ModelException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** torch.save puts everything in one top-level folder, named after the file when it was written. */
    private static String archivePrefix(ZipFile zip, Path file) throws ModelException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                return name.substring(0, slash + 1);
            }
        }
        throw new ModelException(file + " is a zip file but not a PyTorch file: it has no data.pkl.");
    }

    private static ByteBuffer storage(ZipFile zip, String prefix, String key, DType dtype, long count) throws IOException {
        if (key.contains("/") || key.contains("..")) {
            throw new IOException("storage key '" + key + "' is not a plain name");
        }
        ZipEntry entry = zip.getEntry(prefix + "data/" + key);
        if (entry == null) {
            throw new IOException("storage " + key + " is missing");
        }
        long bytes = count * dtype.bytes();
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] data = in.readNBytes((int) bytes);
            if (data.length != bytes) {
                throw new IOException("storage " + key + " holds " + data.length + " bytes, not " + bytes);
            }
            return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static String text(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readNBytes(64), StandardCharsets.US_ASCII);
        }
    }

    /** Stops a pickle that claims to be larger than any embedding's. */
    private static final class LimitedInput extends java.io.FilterInputStream {
        private long left;

        LimitedInput(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                throw new IOException("the pickle is larger than " + (MAX_PICKLE_BYTES >> 20) + " MB");
            }
            left--;
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("the pickle is larger than " + (MAX_PICKLE_BYTES >> 20) + " MB");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
