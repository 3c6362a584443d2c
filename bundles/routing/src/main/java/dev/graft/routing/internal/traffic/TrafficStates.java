package dev.graft.routing.internal.traffic;

import dev.graft.routing.internal.table.RouteTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.framework.Version;

/**
 * The traffic state of each module version the deployment manager has told the router about
 * ({@link dev.graft.api.route.ModuleTraffic}); versions not in it serve while registered. Every
 * change is pushed to the route table as its set of idle versions.
 */
public final class TrafficStates {

    /** What a version's routes do with requests. */
    public enum State { STANDBY, SERVING, RETIRED }

    private final RouteTable table;
    private final Map<String, State> states = new HashMap<>(); // by bsn/version; guarded by this

    public TrafficStates(RouteTable table) {
        this.table = table;
    }

    /** @return the key of a module version: {@code bsn/version}, as {@code RouteEntry.moduleHeader()} */
    public static String key(String module, Version version) {
        return module + "/" + version;
    }

    /** @return true if this changed the version's state */
    public synchronized boolean set(String module, Version version, State state) {
        if (states.put(key(module, version), state) == state) {
            return false;
        }
        publish();
        return true;
    }

    public synchronized void forget(String module, Version version) {
        if (states.remove(key(module, version)) != null) {
            publish();
        }
    }

    /** @return the state the manager gave this version, or null if it gave none (it serves) */
    public synchronized State of(String moduleHeader) {
        return states.get(moduleHeader);
    }

    private void publish() {
        Set<String> idle = states.entrySet().stream().filter(e -> e.getValue() != State.SERVING)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        table.idle(idle);
    }
}
