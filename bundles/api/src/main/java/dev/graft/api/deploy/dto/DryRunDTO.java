package dev.graft.api.deploy.dto;

import java.util.List;
import org.osgi.dto.DTO;

/** What deploying a file would do. */
public class DryRunDTO extends DTO {

    /** The file's name. */
    public String file;

    /** The module it holds, or null if unreadable. */
    public String module;

    /** Its version, or null if unreadable. */
    public String version;

    /** The version it would replace, or null if the module is new. */
    public String replaces;

    /** A {@link dev.graft.api.FailureCode} name if a check fails (the deployment would fail), else null. */
    public String failureCode;

    /** One line: what would happen, or why it would fail. */
    public String message;

    /** Bundles ({@code bsn:version}) a refresh would restart once the old version is removed, the old one included. */
    public List<String> refreshes;
}
