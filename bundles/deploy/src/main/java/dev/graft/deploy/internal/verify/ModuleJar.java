package dev.graft.deploy.internal.verify;

import dev.graft.deploy.internal.stage.StagedJar;
import org.osgi.framework.Version;

/** A staged jar that passed every check: a whole archive with a bundle manifest this JVM can run. */
public record ModuleJar(StagedJar staged, String symbolicName, Version version) {

    /** @return {@code bsn:version}, how messages name a module version */
    public String id() {
        return symbolicName + ":" + version;
    }

    public String fileName() {
        return staged.fileName();
    }
}
