package dev.graft.nativebridge.internal.source;

import dev.graft.api.FailureCode;
import dev.graft.api.nativebridge.NativeBridge;
import dev.graft.nativebridge.internal.check.LibraryFormat;
import dev.graft.nativebridge.internal.slot.Declaration;
import java.io.FileNotFoundException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.osgi.service.log.Logger;

/**
 * Libraries shipped in bundles: the {@code Graft-NativeLibrary} header of every starting or active
 * bundle. A bundle is declared while it starts (before its components can call the library) and
 * withdrawn when it stops. {@code {os}} and {@code {arch}} in a path pick the file for this machine.
 */
public final class BundleSource implements BundleTrackerCustomizer<List<String>> {

    private final Declarations declarations;
    private final Logger log;
    private final BundleTracker<List<String>> tracker;
    private final String os;
    private final String arch;

    public BundleSource(BundleContext context, Declarations declarations, Logger log) {
        this.declarations = declarations;
        this.log = log;
        LibraryFormat.Expected expected = LibraryFormat.Expected.ofThisProcess();
        this.os = expected.os();
        this.arch = expected.arch();
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, this);
    }

    public void open() {
        tracker.open();
    }

    public void close() {
        tracker.close();
    }

    @Override
    public List<String> addingBundle(Bundle bundle, BundleEvent event) {
        String header = bundle.getHeaders("").get(NativeBridge.NATIVE_LIBRARY_HEADER);
        if (header == null) {
            return null;
        }
        String source = bundle.getSymbolicName() + "/" + bundle.getVersion();
        List<LibraryHeader.Clause> clauses;
        try {
            clauses = LibraryHeader.parse(header);
        } catch (IllegalArgumentException e) {
            log.warn("{} ignoring the {} header of {}: {}", FailureCode.E_CONFIG_INVALID, NativeBridge.NATIVE_LIBRARY_HEADER,
                    source, e.getMessage());
            return null;
        }
        List<String> names = new ArrayList<>();
        for (LibraryHeader.Clause clause : clauses) {
            String path = clause.attributes().get("path");
            LibrarySettings settings;
            try {
                if (path == null) {
                    throw new IllegalArgumentException("no path=");
                }
                settings = LibrarySettings.of(clause.attributes());
            } catch (IllegalArgumentException e) {
                log.warn("{} ignoring library {} of {}: {}", FailureCode.E_CONFIG_INVALID, clause.name(), source, e.getMessage());
                continue;
            }
            String entry = path.replace("{os}", os).replace("{arch}", arch);
            String fileName = entry.substring(entry.lastIndexOf('/') + 1);
            names.add(clause.name());
            try {
                declarations.declare(new Declaration(clause.name(), settings.isolated(), settings.abiSymbol(),
                        settings.abiVersion(), settings.timeoutMillis(), source, source + "!/" + entry, fileName, () -> {
                            URL url = bundle.getEntry(entry);
                            if (url == null) {
                                throw new FileNotFoundException(entry);
                            }
                            return url.openStream();
                        }, bundle.getVersion()));
            } catch (RuntimeException e) {
                // refused (logged with its code by the loader); the serving version keeps serving
            }
        }
        return names;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, List<String> names) {
        // STARTING -> ACTIVE: still declared
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, List<String> names) {
        String source = bundle.getSymbolicName() + "/" + bundle.getVersion();
        for (String name : names) {
            declarations.withdraw(name, source);
        }
    }

}
