/**
 * Native (C) libraries as reloadable modules: a module declares a shared library — shipped inside its
 * bundle (header {@value dev.graft.api.nativebridge.NativeBridge#NATIVE_LIBRARY_HEADER}), or dropped
 * with a small descriptor into {@code deploy/native/} — and binds a plain Java interface to it through
 * {@link dev.graft.api.nativebridge.NativeBridge}. The proxy it gets stays valid while the library is
 * replaced: each version is checked (file, architecture, symbols, ABI) before it serves, loaded beside
 * the one that serves, switched to, and the old one is released once no call is inside it. A library
 * marked {@code isolated} runs in a worker process, so a crash in it fails one call
 * ({@link dev.graft.api.FailureCode#E_NATIVE_CRASHED}) instead of the runtime.
 *
 * @since 1.0
 */
@Version("1.0.0")
package dev.graft.api.nativebridge;

import org.osgi.annotation.versioning.Version;
