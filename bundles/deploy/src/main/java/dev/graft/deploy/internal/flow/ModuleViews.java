package dev.graft.deploy.internal.flow;

import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.deploy.dto.DryRunDTO;
import dev.graft.api.deploy.dto.ExplanationDTO;
import dev.graft.api.deploy.dto.ModuleDTO;
import dev.graft.deploy.internal.DeployFailure;
import dev.graft.deploy.internal.stage.StagedJar;
import dev.graft.deploy.internal.state.History;
import dev.graft.deploy.internal.state.ModuleRecord;
import dev.graft.deploy.internal.state.ModuleStore;
import dev.graft.deploy.internal.verify.ModuleJar;
import dev.graft.deploy.internal.verify.SignatureCheck;
import dev.graft.deploy.internal.verify.SignaturePolicy;
import dev.graft.deploy.internal.wiring.Unresolved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The read side: modules as DTOs, why one is not active, what a deployment would do. */
public final class ModuleViews {

    private final BundleContext context;
    private final ModuleStore store;
    private final History history;
    private final Deployer deployer;
    private final SignatureCheck signatures;

    public ModuleViews(BundleContext context, ModuleStore store, History history, Deployer deployer,
            SignatureCheck signatures) {
        this.signatures = signatures;
        this.context = context;
        this.store = store;
        this.history = history;
        this.deployer = deployer;
    }

    public List<ModuleDTO> modules() {
        return store.all().stream().map(this::toDTO).toList();
    }

    /** @return the module's full name: the name itself, or the one module whose name ends with {@code .name} */
    public String resolve(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name a module, e.g. hello or dev.graft.examples.hello");
        }
        String wanted = name.trim();
        if (store.find(wanted) != null) {
            return wanted;
        }
        List<String> matches = store.all().stream().map(r -> r.module).filter(m -> m.endsWith("." + wanted)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        List<String> known = store.all().stream().map(r -> r.module).toList();
        throw new IllegalArgumentException(matches.isEmpty()
                ? "no module '" + wanted + "'" + (known.isEmpty() ? "; none has been deployed" : "; modules: " + String.join(", ", known))
                : "'" + wanted + "' names several modules: " + String.join(", ", matches));
    }

    public List<DeploymentDTO> history(String module) {
        return history.of(module == null ? null : resolve(module));
    }

    public ExplanationDTO why(String name) {
        String module = resolve(name);
        ModuleRecord record = store.find(module);
        ModuleDTO state = toDTO(record);
        ExplanationDTO dto = new ExplanationDTO();
        dto.module = module;
        dto.state = state.state;
        List<String> lines = new ArrayList<>();
        if (record.serving != null) {
            Bundle bundle = deployer.installed().find(module, record.serving);
            if (bundle != null && bundle.getState() == Bundle.ACTIVE) {
                lines.add(record.serving + " is active and serves (from " + record.servingFile + ", since "
                        + Instant.ofEpochMilli(record.since) + ")");
            } else {
                lines.add(record.serving + " should serve but its bundle is "
                        + (bundle == null ? "not installed" : stateName(bundle.getState())));
                if (bundle != null && bundle.getState() == Bundle.INSTALLED) {
                    lines.add(module + ":" + record.serving + " does not resolve: " + Unresolved.explain(bundle, context));
                    dto.failureCode = dev.graft.api.FailureCode.E_UNRESOLVED.name();
                }
            }
        } else {
            lines.add("no version of " + module + " serves");
        }
        if (record.candidate != null) {
            lines.add(record.candidate + " is " + (record.phase == ModuleRecord.Phase.INSTALLING ? "being deployed"
                    : record.phase.name().toLowerCase() + (record.candidateWeight > 0 ? " with " + record.candidateWeight
                            + "% of traffic" : "")));
        }
        if (record.lastFailureCode != null) {
            lines.add("last failure: " + record.lastFailureCode + ": " + record.lastFailure);
            if (record.serving == null && dto.failureCode == null) {
                dto.failureCode = record.lastFailureCode;
            }
        }
        if (record.lastKnownGood() != null) {
            lines.add("graft:rollback " + module + " returns to " + record.lastKnownGood());
        }
        dto.lines = lines;
        return dto;
    }

    /** Says what deploying the staged jar would do; its staged copy is released afterwards. */
    public DryRunDTO dryRun(StagedJar staged) {
        try {
            return explainDeployment(staged);
        } finally {
            deployer.release(staged.sha256());
        }
    }

    private DryRunDTO explainDeployment(StagedJar staged) {
        DryRunDTO dto = new DryRunDTO();
        dto.file = staged.fileName();
        dto.refreshes = List.of();
        ModuleJar jar;
        try {
            jar = Deployer.check(staged);
        } catch (DeployFailure failure) {
            dto.failureCode = failure.code().name();
            dto.message = failure.getMessage();
            return dto;
        }
        dto.module = jar.symbolicName();
        dto.version = jar.version().toString();
        DeployFailure protectedName = deployer.protectedName(jar);
        if (protectedName != null) {
            dto.failureCode = protectedName.code().name();
            dto.message = protectedName.getMessage() + "; it would not be deployed";
            return dto;
        }
        ModuleRecord record = store.find(jar.symbolicName());
        Bundle old = deployer.serving(record == null ? new ModuleRecord(jar.symbolicName()) : record);
        String unsigned = signatures.finding(jar);
        if (unsigned != null && signatures.policy() == SignaturePolicy.REQUIRE) {
            dto.replaces = old == null ? null : old.getVersion().toString();
            dto.failureCode = dev.graft.api.FailureCode.E_SIGNATURE.name();
            dto.message = unsigned + "; it would not be deployed";
            return dto;
        }
        Bundle same = deployer.installed().find(dto.module, dto.version);
        if (same != null) {
            dto.failureCode = dev.graft.api.FailureCode.E_DUPLICATE.name();
            dto.message = jar.fileName() + ": " + jar.id() + " is already installed; it would not be deployed";
            return dto;
        }
        if (old == null) {
            dto.message = jar.fileName() + ": " + jar.id() + " would be installed as a new module; nothing is refreshed"
                    + (unsigned == null ? "" : "; signature.policy=warn: " + unsigned);
            return dto;
        }
        dto.replaces = old.getVersion().toString();
        List<String> refreshes = new ArrayList<>();
        for (Bundle bundle : deployer.refresh().closure(Set.of(old))) {
            refreshes.add(bundle.getSymbolicName() + ":" + bundle.getVersion());
        }
        dto.refreshes = refreshes;
        dto.message = jar.fileName() + ": " + jar.id() + " would be installed beside " + old.getVersion()
                + ", started and checked, then replace it; removing " + old.getVersion() + " refreshes "
                + (refreshes.size() <= 1 ? "nothing else" : String.join(", ", refreshes))
                + (unsigned == null ? "" : "; signature.policy=warn: " + unsigned);
        return dto;
    }

    private ModuleDTO toDTO(ModuleRecord record) {
        ModuleDTO dto = new ModuleDTO();
        dto.module = record.module;
        Bundle serving = deployer.serving(record); // also a version installed outside the manager
        dto.version = serving == null ? null : serving.getVersion().toString();
        dto.candidate = record.candidate;
        dto.candidateWeight = record.phase == ModuleRecord.Phase.CANARY ? record.candidateWeight : -1;
        dto.state = record.phase == ModuleRecord.Phase.INSTALLING || record.phase == ModuleRecord.Phase.SWITCHED
                ? ModuleDTO.STATE_DEPLOYING
                : record.phase == ModuleRecord.Phase.CANARY ? ModuleDTO.STATE_CANARY
                        : record.phase == ModuleRecord.Phase.STANDBY ? ModuleDTO.STATE_STANDBY
                                : serving != null ? ModuleDTO.STATE_ACTIVE : ModuleDTO.STATE_FAILED;
        dto.since = record.since;
        dto.lastFailureCode = record.lastFailureCode;
        dto.lastFailure = record.lastFailure;
        dto.lastKnownGood = record.lastKnownGood();
        dto.file = record.servingFile;
        return dto;
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED (not resolved)";
            case Bundle.RESOLVED -> "RESOLVED (not started)";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
