package org.sandpaint.engine.checkpoint.embedding;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import org.sandpaint.engine.checkpoint.DType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the pickle inside a PyTorch {@code .pt} file without ever running what it names. Pickles call
 * Python functions by name ("globals"); this unpickler resolves only an allow-list that builds data:
 * tensors ({@code torch._utils._rebuild_tensor_v2}, {@code _rebuild_parameter}, the float and integer
 * storage types), {@code collections.OrderedDict}, plus the dicts, lists, tuples and plain values pickle
 * makes without globals. Any other global ({@code os.system}, {@code builtins.eval}, a class) and the
 * opcodes that instantiate classes or set object state are refused with {@link RefusedPickleException}
 * before anything is called; there is no fallback that builds unknown objects.
 *
 * <p>Pyrolite (net.razorvine:pickle) does the parsing; this class only narrows what its opcodes may reach.
 */
final class RestrictedUnpickler extends Unpickler {

    /** Reads a storage's bytes from the archive by its key ({@code data/KEY}). */
    interface Storages {
        ByteBuffer load(String key, DType dtype, long elementCount) throws IOException;
    }

    /** A pickle that tries to reach something the allow-list does not hold. */
    static final class RefusedPickleException extends PickleException {
        RefusedPickleException(String message) {
            super(message);
        }
    }

    /** A storage type named in a persistent id: data, never called. */
    private record StorageType(String name, DType dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new RefusedPickleException("the pickle calls the storage type " + name + ", which PyTorch never does");
        }
    }

    private static final Map<String, DType> STORAGE_TYPES = Map.of(
            "torch.FloatStorage", DType.F32, "torch.HalfStorage", DType.F16, "torch.BFloat16Storage", DType.BF16,
            "torch.DoubleStorage", DType.F64, "torch.LongStorage", DType.I64, "torch.IntStorage", DType.I32,
            "torch.ShortStorage", DType.I16, "torch.CharStorage", DType.I8, "torch.ByteStorage", DType.U8,
            "torch.BoolStorage", DType.BOOL);

    /** No value in an embedding's pickle comes near this; a larger claim is an attack or damage. */
    private static final long MAX_VALUE_BYTES = 16L << 20;

    private final Storages storages;
    private final Map<String, ByteBuffer> loaded = new LinkedHashMap<>();

    RestrictedUnpickler(Storages storages) {
        this.storages = storages;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new RefusedPickleException("the pickle names a global with non-text parts");
                }
                stack.add(resolve(m, n));
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST, Opcodes.OBJ -> throw new RefusedPickleException("the pickle instantiates a class");
            case Opcodes.BUILD -> throw new RefusedPickleException("the pickle sets an object's state (BUILD)");
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 ->
                    throw new RefusedPickleException("the pickle uses the copyreg extension registry");
            // Values with a length prefix: checked before anything is allocated for them.
            case Opcodes.BINBYTES, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> {
                stack.add(sized(key == Opcodes.BINBYTES ? 4 : 8));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BINUNICODE, Opcodes.BINUNICODE8 -> {
                stack.add(new String(sized(key == Opcodes.BINUNICODE ? 4 : 8), StandardCharsets.UTF_8));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BINSTRING -> {
                stack.add(PickleUtils.rawStringFromBytes(sized(4)));
                return NO_RETURN_VALUE;
            }
            case Opcodes.LONG4 -> {
                stack.add(PickleUtils.decode_long(sized(4)));
                return NO_RETURN_VALUE;
            }
            default -> {
                return super.dispatch(key);
            }
        }
    }

    /** Reads a little-endian length of {@code width} bytes, then that many bytes if the length is sane. */
    private byte[] sized(int width) throws IOException {
        byte[] prefix = PickleUtils.readbytes(input, width);
        long length = 0;
        for (int i = width - 1; i >= 0; i--) {
            length = (length << 8) | (prefix[i] & 0xFF);
        }
        if (length < 0 || length > MAX_VALUE_BYTES) {
            throw new RefusedPickleException("the pickle claims a value of " + Long.toUnsignedString(length) + " bytes");
        }
        return PickleUtils.readbytes(input, (int) length);
    }

    private IObjectConstructor resolve(String module, String name) {
        String global = module + "." + name;
        DType storage = STORAGE_TYPES.get(global);
        if (storage != null) {
            return new StorageType(global, storage);
        }
        return switch (global) {
            case "collections.OrderedDict" -> args -> new LinkedHashMap<>();
            case "torch._utils._rebuild_tensor_v2" -> this::rebuildTensor;
            case "torch._utils._rebuild_parameter" -> args -> {
                if (args.length < 1 || !(args[0] instanceof TorchTensor tensor)) {
                    throw new RefusedPickleException("_rebuild_parameter was given something other than a tensor");
                }
                return tensor;
            };
            default -> throw new RefusedPickleException("the pickle calls " + global);
        };
    }

    /** (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]) -> a tensor view. */
    private Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage) || !(args[1] instanceof Number offset)
                || !(args[2] instanceof Object[] size) || !(args[3] instanceof Object[] stride) || size.length != stride.length) {
            throw new RefusedPickleException("_rebuild_tensor_v2 was given arguments that are not a tensor's");
        }
        long[] sizes = longs(size);
        long[] strides = longs(stride);
        long last = offset.longValue();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 0 || strides[i] < 0) {
                throw new RefusedPickleException("a tensor has a negative size or stride");
            }
            last += sizes[i] == 0 ? 0 : (sizes[i] - 1) * strides[i];
        }
        if (offset.longValue() < 0 || last >= storage.elementCount() && product(sizes) > 0) {
            throw new RefusedPickleException("a tensor reaches past the end of its storage");
        }
        return new TorchTensor(storage.dtype(), storage.bytes(), offset.longValue(), sizes, strides);
    }

    /** PyTorch's persistent ids: ('storage', storage type, key, location, element count). */
    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] id) || id.length < 5 || !"storage".equals(id[0])
                || !(id[1] instanceof StorageType type) || !(id[2] instanceof String key) || !(id[4] instanceof Number count)) {
            throw new RefusedPickleException("the pickle refers to outside data that is not a PyTorch storage");
        }
        try {
            ByteBuffer bytes = loaded.get(key);
            if (bytes == null) {
                bytes = storages.load(key, type.dtype(), count.longValue());
                loaded.put(key, bytes);
            }
            return new StorageRef(type.dtype(), bytes, count.longValue());
        } catch (IOException e) {
            throw new PickleException("cannot read storage " + key + ": " + e.getMessage());
        }
    }

    private record StorageRef(DType dtype, ByteBuffer bytes, long elementCount) {
    }

    private static long[] longs(Object[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] instanceof Number n)) {
                throw new RefusedPickleException("a tensor's size or stride holds " + values[i]);
            }
            out[i] = n.longValue();
        }
        return out;
    }

    private static long product(long[] values) {
        long n = 1;
        for (long v : values) {
            n *= v;
        }
        return n;
    }
}
