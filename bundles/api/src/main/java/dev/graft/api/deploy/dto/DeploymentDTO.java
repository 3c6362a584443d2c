package dev.graft.api.deploy.dto;

import org.osgi.dto.DTO;

/** One deployment of one module version: where it came from and how it ended. An entry of the history. */
public class DeploymentDTO extends DTO {

    /** Deployed and serving all traffic. */
    public static final String OUTCOME_DEPLOYED = "DEPLOYED";
    /** Serving a share of traffic as a canary, beside the previous version. */
    public static final String OUTCOME_CANARY = "CANARY";
    /** Installed and healthy, taking no traffic until promoted. */
    public static final String OUTCOME_STANDBY = "STANDBY";
    /** Failed before it took traffic; the previous version kept serving. */
    public static final String OUTCOME_FAILED = "FAILED";
    /** Took traffic, was cut off and removed; the previous version serves again. */
    public static final String OUTCOME_ROLLED_BACK = "ROLLED_BACK";
    /** Its file was removed from {@code deploy/}; the module was uninstalled. */
    public static final String OUTCOME_REMOVED = "REMOVED";
    /** Found half done after a restart and completed or undone; the message says which. */
    public static final String OUTCOME_RECOVERED = "RECOVERED";
    /** The same file was deployed again: nothing to do. */
    public static final String OUTCOME_UNCHANGED = "UNCHANGED";

    /** The module (bundle symbolic name); null if the file was unreadable. */
    public String module;

    /** The version deployed; null if the file was unreadable. */
    public String version;

    /** The version that served before, or null. */
    public String previousVersion;

    /** Who asked: {@code deploy/<file>}, {@code shell}, {@code api}, {@code rollback}, {@code promote}, {@code recovery}. */
    public String source;

    /** The file's name. */
    public String file;

    /** The SHA-256 of the file's content, in hex; its staged copy in {@code data/} is named after it. */
    public String sha256;

    /**
     * When it started, milliseconds since the epoch; for a canary cut off ({@code ROLLED_BACK}), when
     * it began serving as a canary.
     */
    public long startedAt;

    /** When it ended (or reached its canary or standby state), milliseconds since the epoch. */
    public long endedAt;

    /** One of the {@code OUTCOME_} constants. */
    public String outcome;

    /** A {@link dev.graft.api.FailureCode} name if it failed, else null. */
    public String failureCode;

    /** One line: what happened, naming the file and the culprit. */
    public String message;
}
