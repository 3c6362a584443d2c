package dev.graft.shell.internal;

import dev.graft.api.deploy.DeploymentService;
import dev.graft.api.deploy.SwitchMode;
import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.deploy.dto.DryRunDTO;
import dev.graft.api.deploy.dto.ExplanationDTO;
import java.nio.file.Path;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code graft:modules}, {@code graft:deploy}, {@code graft:promote}, {@code graft:rollback},
 * {@code graft:history}, {@code graft:why} and {@code graft:leaks}: the deployment manager from the shell, each a thin
 * call of {@link DeploymentService}.
 */
@Component(service = DeployCommands.class)
@GogoCommand(scope = GogoCommand.GRAFT, function = {"modules", "deploy", "promote", "rollback", "history", "why", "leaks"})
public class DeployCommands {

    private static final String MODULES_TEXT = "list the modules: the version that serves, a canary or standby version"
            + " beside it, the state and since when, the last failure code and the version graft:rollback returns to";
    private static final String DEPLOY_TEXT = "deploy a module jar, as if it were dropped into deploy/; it is checked,"
            + " installed beside the serving version, started, checked healthy, then switched to";
    private static final String PROMOTE_TEXT = "give a module's canary or standby version all traffic; the old version"
            + " drains and is removed";
    private static final String ROLLBACK_TEXT = "return a module to its last-known-good version (kept in data/), also"
            + " after a restart";
    private static final String HISTORY_TEXT = "list deployments, oldest first: when, the version, where it came from,"
            + " the outcome and its failure code";
    private static final String WHY_TEXT = "explain why a module is, or is not, active";
    private static final String LEAKS_TEXT = "list the retired module versions still in memory after a garbage"
            + " collection: the threads that hold them, and any other known root";

    static final Usage MODULES = new Usage("modules", MODULES_TEXT, List.of(), "", 0, 0, "");
    static final Usage DEPLOY = new Usage("deploy", DEPLOY_TEXT, List.of(
            new Usage.Option("n", "dry-run", null, "only print what would be installed and which bundles a refresh would restart"),
            new Usage.Option("c", "canary", null, "give the new version a share of traffic first (canary.weight in"
                    + " etc/dev.graft.deploy.cfg); its circuit opens on errors"),
            new Usage.Option("m", "manual", null, "keep the new version on standby until graft:promote")),
            "<file>", 1, 1, "graft:deploy --dry-run examples/hello-1.1.0.jar");
    static final Usage PROMOTE = new Usage("promote", PROMOTE_TEXT, List.of(), "<module>", 1, 1, "graft:promote hello");
    static final Usage ROLLBACK = new Usage("rollback", ROLLBACK_TEXT, List.of(), "<module>", 1, 1, "graft:rollback hello");
    static final Usage HISTORY = new Usage("history", HISTORY_TEXT, List.of(), "[<module>]", 0, 1, "graft:history hello");
    static final Usage WHY = new Usage("why", WHY_TEXT, List.of(), "<module>", 1, 1, "graft:why hello");
    static final Usage LEAKS = new Usage("leaks", LEAKS_TEXT, List.of(), "", 0, 0, "");

    private final DeploymentService deployments;

    @Activate
    public DeployCommands(@Reference DeploymentService deployments) {
        this.deployments = deployments;
    }

    @Descriptor(MODULES_TEXT)
    public String modules(@Descriptor("none") String... args) {
        if (Arguments.parse(MODULES, args).helpRequested()) {
            return MODULES.help();
        }
        return DeploymentFormat.modules(deployments.modules());
    }

    @Descriptor(DEPLOY_TEXT)
    public String deploy(@Descriptor("[-n] [-c] [-m] <file>") String... args) {
        Arguments parsed = Arguments.parse(DEPLOY, args);
        if (parsed.helpRequested()) {
            return DEPLOY.help();
        }
        if (parsed.flag("canary") && parsed.flag("manual")) {
            throw DEPLOY.wrong("--canary and --manual exclude each other");
        }
        Path file = Path.of(parsed.operands().get(0)).toAbsolutePath();
        try {
            if (parsed.flag("dry-run")) {
                DryRunDTO dryRun = deployments.dryRun(file);
                return DeploymentFormat.dryRun(dryRun);
            }
            SwitchMode mode = parsed.flag("canary") ? SwitchMode.CANARY : parsed.flag("manual") ? SwitchMode.MANUAL : null;
            return outcome(DEPLOY, deployments.deploy(file, mode, "shell"));
        } catch (IllegalArgumentException e) {
            throw DEPLOY.refused(e.getMessage(), e);
        }
    }

    @Descriptor(PROMOTE_TEXT)
    public String promote(@Descriptor("<module>") String... args) {
        Arguments parsed = Arguments.parse(PROMOTE, args);
        if (parsed.helpRequested()) {
            return PROMOTE.help();
        }
        try {
            return outcome(PROMOTE, deployments.promote(parsed.operands().get(0)));
        } catch (IllegalArgumentException e) {
            throw PROMOTE.refused(e.getMessage(), e);
        }
    }

    @Descriptor(ROLLBACK_TEXT)
    public String rollback(@Descriptor("<module>") String... args) {
        Arguments parsed = Arguments.parse(ROLLBACK, args);
        if (parsed.helpRequested()) {
            return ROLLBACK.help();
        }
        try {
            return outcome(ROLLBACK, deployments.rollback(parsed.operands().get(0)));
        } catch (IllegalArgumentException e) {
            throw ROLLBACK.refused(e.getMessage(), e);
        }
    }

    @Descriptor(HISTORY_TEXT)
    public String history(@Descriptor("[<module>]") String... args) {
        Arguments parsed = Arguments.parse(HISTORY, args);
        if (parsed.helpRequested()) {
            return HISTORY.help();
        }
        try {
            return DeploymentFormat.history(deployments.history(parsed.operands().isEmpty() ? null : parsed.operands().get(0)));
        } catch (IllegalArgumentException e) {
            throw HISTORY.refused(e.getMessage(), e);
        }
    }

    @Descriptor(WHY_TEXT)
    public String why(@Descriptor("<module>") String... args) {
        Arguments parsed = Arguments.parse(WHY, args);
        if (parsed.helpRequested()) {
            return WHY.help();
        }
        try {
            ExplanationDTO why = deployments.why(parsed.operands().get(0));
            return DeploymentFormat.why(why);
        } catch (IllegalArgumentException e) {
            throw WHY.refused(e.getMessage(), e);
        }
    }

    @Descriptor(LEAKS_TEXT)
    public String leaks(@Descriptor("none") String... args) {
        if (Arguments.parse(LEAKS, args).helpRequested()) {
            return LEAKS.help();
        }
        return DeploymentFormat.leaks(deployments.leaks());
    }

    // a failed deployment is the command's failure: the shell shows the code and the message
    private static String outcome(Usage usage, DeploymentDTO dto) {
        if (dto.failureCode != null) {
            throw usage.refused(dto.failureCode + ": " + dto.message, null);
        }
        return dto.outcome + ": " + dto.message;
    }
}
