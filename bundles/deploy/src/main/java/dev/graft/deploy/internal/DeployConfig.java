package dev.graft.deploy.internal;

import dev.graft.api.deploy.DeploymentService;
import dev.graft.api.deploy.SwitchMode;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Graft deployment manager",
        description = "How modules dropped into deploy/ (or deployed from the shell) are checked, switched and rolled"
                + " back (etc/dev.graft.deploy.cfg).")
public @interface DeployConfig {

    String PID = DeploymentService.PID;

    @AttributeDefinition(name = "Switch mode",
            description = "How traffic moves to a healthy new version: IMMEDIATE (all at once), CANARY (a share, then"
                    + " all if its error rate stays low), MANUAL (on standby until graft:promote).")
    SwitchMode switch_mode() default SwitchMode.IMMEDIATE;

    @AttributeDefinition(name = "Runtime upgrade allowed",
            description = "Whether a jar may install or replace one of the runtime's own bundles (system/) or the"
                    + " framework. Off: such a jar is refused with E_PROTECTED. Turn on only for a runtime upgrade.")
    boolean runtime_upgrade_allowed() default false;

    @AttributeDefinition(name = "Health timeout (ms)",
            description = "How long a new version may take to start and to have every component active; beyond it the"
                    + " deployment fails with E_UNHEALTHY (or E_TIMEOUT if its start never returned).")
    long health_timeout_millis() default 10000;

    @AttributeDefinition(name = "Stop timeout (ms)",
            description = "How long a module's stop (and uninstall) may take; beyond it the deployment goes on without"
                    + " waiting (E_TIMEOUT), and the module is removed when its stop returns.")
    long stop_timeout_millis() default 5000;

    @AttributeDefinition(name = "Drain timeout (ms)",
            description = "How long the old version's requests may take to finish before it is stopped.")
    long drain_timeout_millis() default 15000;

    @AttributeDefinition(name = "Canary weight (%)", description = "The canary's share of traffic, 1 to 99.")
    int canary_weight() default 10;

    @AttributeDefinition(name = "Canary window (ms)",
            description = "The window over which the canary's and the old version's 5xx shares are compared.")
    long canary_window_millis() default 10000;

    @AttributeDefinition(name = "Canary error rate",
            description = "The circuit opens when the canary's 5xx share over the window exceeds the old version's by"
                    + " this much (0.1 = ten percentage points).")
    double canary_error_rate() default 0.1;

    @AttributeDefinition(name = "Canary minimum requests",
            description = "The error rate is judged only once the canary has answered this many requests in the window.")
    int canary_min_requests() default 20;

    @AttributeDefinition(name = "Canary consecutive failures",
            description = "The circuit also opens after this many 5xx answers of the canary in a row.")
    int canary_consecutive_failures() default 10;

    @AttributeDefinition(name = "Canary promotion (ms)",
            description = "A canary that stays within bounds this long takes all traffic. 0: only graft:promote does.")
    long canary_promote_after_millis() default 60000;

    @AttributeDefinition(name = "Settle time (ms)",
            description = "A file in deploy/ that is not yet a whole jar may still be being written: it is reported"
                    + " (E_CORRUPT_ARCHIVE) only once it has not changed for this long.")
    long settle_millis() default 1000;

    @AttributeDefinition(name = "Versions kept",
            description = "How many good versions of each module are kept in data/ for graft:rollback.")
    int keep_versions() default 3;

    @AttributeDefinition(name = "Signature policy",
            description = "off: signatures are not looked at. warn: a module not signed (jarsigner) by a certificate in"
                    + " etc/trust/, or changed after signing, is logged at WARN and deployed. require: it fails with"
                    + " E_SIGNATURE. Checked at each deployment (rollbacks too), not for versions already serving.")
    String signature_policy() default "off";
}
