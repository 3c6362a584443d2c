package dev.graft.api.deploy.dto;

import org.osgi.dto.DTO;

/** A module as the deployment manager sees it. */
public class ModuleDTO extends DTO {

    /** The module serves. */
    public static final String STATE_ACTIVE = "ACTIVE";
    /** A new version serves a share of traffic as a canary. */
    public static final String STATE_CANARY = "CANARY";
    /** A new version waits on standby to be promoted. */
    public static final String STATE_STANDBY = "STANDBY";
    /** A deployment is running. */
    public static final String STATE_DEPLOYING = "DEPLOYING";
    /** No version serves (the last deployment failed and there was none before, or it was removed). */
    public static final String STATE_FAILED = "FAILED";

    /** The bundle symbolic name. */
    public String module;

    /** The version that serves, or null. */
    public String version;

    /** The new version beside it (canary or standby, or being deployed), or null. */
    public String candidate;

    /** The canary's share of traffic in percent, or -1 when there is no canary. */
    public int candidateWeight;

    /** One of the {@code STATE_} constants. */
    public String state;

    /** Since when it is in this state, milliseconds since the epoch. */
    public long since;

    /** The code of the module's last failed deployment, or null. */
    public String lastFailureCode;

    /** The message of the module's last failed deployment, or null. */
    public String lastFailure;

    /** The version {@code graft:rollback} returns to, or null if none is kept. */
    public String lastKnownGood;

    /** The file in {@code deploy/} the serving version came from, or null. */
    public String file;
}
