package dev.graft.deploy.internal.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the manager knows of one module, kept in {@code data/deploy/modules/<module>.properties} so
 * that a restart (also after {@code kill -9}) finds it: the version that serves, a new version
 * beside it and how far its deployment got (the journal), the last failure, and the good versions
 * kept for rollback. Mutated under the module's lock only.
 */
public final class ModuleRecord {

    /** How far a deployment of the candidate got; what a restart must complete or undo. */
    public enum Phase {
        /** Being installed and checked beside the serving version: a restart undoes it. */
        INSTALLING,
        /** Serving a share of traffic: a restart ends the canary, the serving version keeps everything. */
        CANARY,
        /** Waiting for graft:promote: a restart ends the wait. */
        STANDBY,
        /** Traffic switched to it: a restart completes the switch (removes the old version). */
        SWITCHED
    }

    public final String module;
    public String serving;
    public String servingSha;
    public String servingFile;
    public String candidate;
    public String candidateSha;
    public String candidateFile;
    public Phase phase;
    public int candidateWeight = -1;
    public long since;
    public String lastFailureCode;
    public String lastFailure;
    /** Good versions kept for rollback, newest first: version to sha256. */
    public final Map<String, String> good = new LinkedHashMap<>();

    public ModuleRecord(String module) {
        this.module = module;
    }

    /** Puts a version first among the good ones, keeping at most {@code keep}. */
    public void good(String version, String sha256, int keep) {
        good.remove(version);
        Map<String, String> next = new LinkedHashMap<>();
        next.put(version, sha256);
        next.putAll(good);
        good.clear();
        next.entrySet().stream().limit(Math.max(1, keep)).forEach(e -> good.put(e.getKey(), e.getValue()));
    }

    /** @return the newest good version other than the serving one, or null */
    public String lastKnownGood() {
        return good.keySet().stream().filter(v -> !v.equals(serving)).findFirst().orElse(null);
    }

    public void clearCandidate() {
        candidate = null;
        candidateSha = null;
        candidateFile = null;
        candidateWeight = -1;
        phase = null;
    }

    Properties toProperties() {
        Properties p = new Properties();
        put(p, "module", module);
        put(p, "serving", serving);
        put(p, "serving.sha256", servingSha);
        put(p, "serving.file", servingFile);
        put(p, "candidate", candidate);
        put(p, "candidate.sha256", candidateSha);
        put(p, "candidate.file", candidateFile);
        put(p, "candidate.weight", Integer.toString(candidateWeight));
        put(p, "phase", phase == null ? null : phase.name());
        put(p, "since", Long.toString(since));
        put(p, "lastFailure.code", lastFailureCode);
        put(p, "lastFailure", lastFailure);
        List<String> kept = new ArrayList<>();
        good.forEach((version, sha) -> kept.add(version + "=" + sha));
        put(p, "good", String.join(",", kept));
        return p;
    }

    static ModuleRecord of(Properties p) {
        ModuleRecord r = new ModuleRecord(p.getProperty("module"));
        r.serving = p.getProperty("serving");
        r.servingSha = p.getProperty("serving.sha256");
        r.servingFile = p.getProperty("serving.file");
        r.candidate = p.getProperty("candidate");
        r.candidateSha = p.getProperty("candidate.sha256");
        r.candidateFile = p.getProperty("candidate.file");
        r.candidateWeight = Integer.parseInt(p.getProperty("candidate.weight", "-1"));
        String phase = p.getProperty("phase");
        r.phase = phase == null ? null : Phase.valueOf(phase);
        r.since = Long.parseLong(p.getProperty("since", "0"));
        r.lastFailureCode = p.getProperty("lastFailure.code");
        r.lastFailure = p.getProperty("lastFailure");
        for (String entry : p.getProperty("good", "").split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                r.good.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return r;
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }
}
