package dev.graft.deploy.internal.flow;

import dev.graft.deploy.internal.DeployConfig;
import dev.graft.deploy.internal.stage.Staging;
import dev.graft.deploy.internal.state.ModuleRecord;
import dev.graft.deploy.internal.state.ModuleStore;
import dev.graft.deploy.internal.verify.ModuleJar;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.service.log.Logger;

/** Which installed version a new one replaces, and taking over versions the manager did not deploy. */
final class Predecessors {

    private final Installed installed;
    private final ModuleStore store;
    private final Staging staging;
    private final Supplier<DeployConfig> config;
    private final Logger logger;

    Predecessors(Installed installed, ModuleStore store, Staging staging, Supplier<DeployConfig> config, Logger logger) {
        this.installed = installed;
        this.store = store;
        this.staging = staging;
        this.config = config;
        this.logger = logger;
    }

    /**
     * Which version a new jar replaces: the one deployed from the same file (a jar moved over
     * {@code deploy/hello.jar} replaces what that file held, whatever its version), else the serving
     * version of the same major line. A new major line dropped as another file is installed beside
     * the others: clients choose with {@code X-API-Version}.
     *
     * @return the bundle to replace, or null to deploy beside
     */
    Bundle replaced(ModuleRecord record, ModuleJar jar) {
        if (jar.fileName().equals(record.servingFile)) {
            Bundle sameFile = installed.find(record.module, record.serving);
            if (sameFile != null) {
                return sameFile;
            }
        }
        Bundle serving = serving(record);
        if (serving != null && serving.getVersion().getMajor() == jar.version().getMajor()) {
            return serving;
        }
        return installed.adoptable(record.module, jar.version().getMajor());
    }

    /**
     * Takes over a version the manager did not deploy (installed by hand, by an embedding product,
     * or another major line): it becomes the record's serving version, and a copy of its jar, read
     * from its location when that is a URL, is kept so that graft:rollback can return to it.
     */
    void adopt(ModuleRecord record, Bundle old) {
        String version = old.getVersion().toString();
        String sha = null;
        try (InputStream in = java.net.URI.create(old.getLocation()).toURL().openStream()) {
            sha = staging.stage(in, record.module + "-" + version + ".jar").sha256();
        } catch (IOException | IllegalArgumentException e) {
            logger.info("{}:{} was installed from {}, which cannot be read again: graft:rollback cannot return to it",
                    record.module, version, old.getLocation());
        }
        record.serving = version;
        record.servingSha = sha;
        record.servingFile = null;
        if (sha != null) {
            record.good(version, sha, config.get().keep_versions());
        }
        store.save(record);
    }

    /** @return the bundle of the version that serves the module, adopting one installed outside the manager */
    Bundle serving(ModuleRecord record) {
        Bundle recorded = installed.find(record.module, record.serving);
        if (recorded != null) {
            return recorded;
        }
        Bundle adopted = installed.adoptable(record.module);
        if (adopted != null && !adopted.getVersion().toString().equals(record.candidate)) {
            return adopted;
        }
        return null;
    }

    static String origin(ModuleRecord record, String version, Bundle bundle) {
        if (version.equals(record.serving) && record.servingFile != null) {
            return " from " + record.servingFile;
        }
        return bundle.getLocation().startsWith(Installed.LOCATION_PREFIX) ? " (deployed earlier with other content)"
                : " from " + bundle.getLocation();
    }
}
