package dev.graft.routing.internal.select;

import dev.graft.routing.internal.config.SplitPolicies;
import dev.graft.routing.internal.table.RouteEntry;
import dev.graft.routing.internal.table.RouteMatch;
import dev.graft.routing.internal.table.RouteTable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Looks a request up and chooses the version that serves it: the one decision the dispatcher acts
 * on and {@code graft:routewhy} explains.
 */
public final class RouteResolver {

    private final RouteTable table;
    private final SplitPolicies policies;

    public RouteResolver(RouteTable table, SplitPolicies policies) {
        this.table = table;
        this.policies = policies;
    }

    /** The match, and for a found route, the version chosen. */
    public record Resolution(RouteMatch match, Selection selection) {}

    public Resolution resolve(String method, String path, Function<String, String> headers,
            Supplier<String> clientAddress) {
        RouteMatch match = table.match(method, path);
        if (!(match instanceof RouteMatch.Found found)) {
            return new Resolution(match, null);
        }
        RouteEntry owner = found.candidates().get(0);
        SplitPolicy policy = policies.policyFor(owner.method(), owner.template().toString(), owner.module());
        return new Resolution(match, VersionSelector.select(found.candidates(), headers, clientAddress, policy));
    }
}
