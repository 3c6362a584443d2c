package dev.graft.api.nativebridge;

import dev.graft.api.nativebridge.dto.NativeLibraryDTO;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The native bridge: binds Java interfaces to native libraries and reloads those libraries while
 * calls flow.
 *
 * <h2>Declaring a library</h2>
 * <ul>
 * <li>In a module's bundle, with the manifest header {@value #NATIVE_LIBRARY_HEADER}:
 * {@code calc;path="native/{os}-{arch}/libcalc.so";mode=isolated;abi.symbol=calc_abi;abi.version=1}
 * (several libraries separated by commas; {@code ${os}} is {@code linux}, {@code windows} or {@code macos},
 * {@code {arch}} {@code x86-64} or {@code aarch64}). When two versions of a module declare the same
 * library, the highest version's file serves: a new module version shipping a new library reloads it.</li>
 * <li>In {@code deploy/native/}: a descriptor {@code <name>.properties} with {@code file=} (the library
 * file, relative to the folder) and optionally {@code mode}, {@code abi.symbol}, {@code abi.version},
 * {@code call.timeout.millis}. Replacing the file (or the descriptor) reloads the library. A descriptor
 * overrides a library of the same name shipped in a bundle.</li>
 * </ul>
 *
 * <h2>Binding</h2>
 * {@link #bind} returns a proxy of a plain Java interface: each method calls the C function of the same
 * name. Parameter and return types: {@code int}, {@code long}, {@code double}, {@code float},
 * {@code boolean} (a C int), {@code String} (a NUL-terminated UTF-8 {@code const char*}; a returned one
 * is read up to {@link #MAX_STRING_BYTES}, never freed), {@code byte[]} (a buffer the function may
 * write into) and {@code void} returns. The proxy stays valid across reloads; each call goes to the
 * version that serves when it starts.
 *
 * <h2>Threading</h2>
 * Calls from many threads run concurrently on an in-process library (the C code must be thread-safe
 * as any JNI code must); calls to an isolated library run one at a time, in order, in its worker.
 * A reload never disposes a version while a call is inside it.
 *
 * <p>Implemented by Graft; a module gets it as a service.
 *
 * @since 1.0
 */
@ProviderType
public interface NativeBridge {

    /** The manifest header by which a bundle declares the native libraries it ships. */
    String NATIVE_LIBRARY_HEADER = "Graft-NativeLibrary";

    /** Mode: the library is loaded into Graft's JVM (the default): the fastest calls. */
    String MODE_IN_PROCESS = "in-process";

    /** Mode: the library runs in a worker process; a crash in it fails the call, not Graft. */
    String MODE_ISOLATED = "isolated";

    /** The longest string (in UTF-8 bytes) or buffer that crosses the boundary, either way. */
    int MAX_STRING_BYTES = 1 << 20;

    /**
     * Binds an interface to a library. Every method's symbol must be present in the version that
     * serves (and in every later version: a version missing one is refused with
     * {@code E_NATIVE_SYMBOL}). A library not declared (yet) gives a proxy whose calls fail with
     * {@code E_NATIVE_MISSING} until it is.
     *
     * @param library the library's declared name
     * @param functions an interface whose methods name C functions
     * @param <T> the interface
     * @return a proxy, valid across reloads, until the calling bundle stops
     * @throws NativeException {@code E_NATIVE_SYMBOL} if the serving version lacks a function; the
     *     code of the refusal if the calling module ships this library and its copy failed a check
     *     (so a module version whose library is refused fails to start, and its deployment is rolled back);
     *     {@link IllegalArgumentException} if {@code functions} is not an interface or uses an
     *     unsupported type
     */
    <T> T bind(String library, Class<T> functions);

    /** @return every declared library, by name */
    List<NativeLibraryDTO> libraries();

    /**
     * Loads the library again from where it is declared (its file in {@code deploy/native/} or the
     * bundle that ships it), even if unchanged, as a new version beside the serving one; switches to
     * it once checked; releases the old one once no call is inside it.
     *
     * @param library the library's name
     * @return the library after the reload
     * @throws NativeException with the code of the failed check; the serving version keeps serving
     * @throws IllegalArgumentException if no library has this name
     */
    NativeLibraryDTO reload(String library);

    /**
     * Calls one function by name, for operators checking a library by hand.
     *
     * @param library the library's name
     * @param function the C function
     * @param returnType {@code int.class}, {@code long.class}, {@code double.class}, {@code String.class} or {@code void.class}
     * @param args {@code Integer}, {@code Long}, {@code Double} or {@code String} values
     * @return the result ({@code null} for void)
     * @throws NativeException if the function is missing, the library crashed or timed out
     */
    Object call(String library, String function, Class<?> returnType, Object... args);
}
