package dev.graft.shell.internal;

import dev.graft.api.route.RouteAdmin;
import dev.graft.api.route.dto.RouteDecisionDTO;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code graft:routes}, {@code graft:canary} and {@code graft:routewhy}: the router from the shell.
 * Each takes whatever was typed and parses it against its {@link Usage}.
 */
@Component(service = RouteCommands.class)
@GogoCommand(scope = GogoCommand.GRAFT, function = {"routes", "canary", "routewhy"})
public class RouteCommands {

    private static final String ROUTES_TEXT = "list the routes: method, path, each version with its weight, module and"
            + " state; then what was rejected (invalid route services and configurations) with its failure code";
    private static final String CANARY_TEXT = "split traffic between versions of a module or a route; with no"
            + " weights, remove the split (the highest version serves everything)";
    private static final String ROUTEWHY_TEXT = "explain which version would serve a request, and why";

    static final Usage ROUTES = new Usage("routes", ROUTES_TEXT, List.of(), "", 0, 0, "");
    static final Usage CANARY = new Usage("canary", CANARY_TEXT,
            List.of(new Usage.Option("k", "key", "HEADER", "a request header that keeps a client on one version"
                    + " (e.g. X-User); default: as configured, else the client address")),
            "<module-or-route> [<version>=<weight> …]", 1, -1, "graft:canary --key X-User hello 1.0.0=90 2.0.0=10;"
                    + " a route: graft:canary \"GET /hello\" 1.0.0=90 2.0.0=10");
    static final Usage ROUTEWHY = new Usage("routewhy", ROUTEWHY_TEXT,
            List.of(new Usage.Option("c", "client", "ADDRESS", "the client address, the sticky key when no key"
                    + " header is given (default 127.0.0.1)")),
            "<method> <path> [<Header>=<value> …]", 2, -1, "graft:routewhy GET /hello X-API-Version=2");

    private final RouteAdmin routes;

    @Activate
    public RouteCommands(@Reference RouteAdmin routes) {
        this.routes = routes;
    }

    @Descriptor(ROUTES_TEXT)
    public String routes(@Descriptor("none") String... args) {
        if (Arguments.parse(ROUTES, args).helpRequested()) {
            return ROUTES.help();
        }
        return RouteTableFormat.format(routes.routes(), routes.failures());
    }

    @Descriptor(CANARY_TEXT)
    public String canary(@Descriptor("[-k HEADER] <module-or-route> [<version>=<weight> …]") String... args) {
        Arguments parsed = Arguments.parse(CANARY, args);
        if (parsed.helpRequested()) {
            return CANARY.help();
        }
        String target = parsed.operands().get(0);
        List<String> pairs = parsed.operands().subList(1, parsed.operands().size());
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw CANARY.wrong("'" + pair + "' is not <version>=<weight> (e.g. 2.0.0=10)"
                        + (pair.startsWith("/") ? "; quote a route as one argument: \"GET " + pair + "\"" : ""));
            }
            try {
                weights.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw CANARY.wrong("'" + pair + "': the weight must be a whole number");
            }
        }
        String key = parsed.option("key", null);
        try {
            routes.setWeights(target, weights, key);
        } catch (IllegalArgumentException e) {
            throw CANARY.refused(e.getMessage(), e);
        } catch (IOException e) {
            throw CANARY.refused("cannot store the canary configuration: " + e.getMessage(), e);
        }
        return weights.isEmpty() ? "canary for " + target + " removed: the highest version serves everything"
                : "canary for " + target + ": " + String.join(" ", pairs)
                        + (key == null ? "" : key.isEmpty() ? ", sticky by the client address" : ", sticky by " + key);
    }

    @Descriptor(ROUTEWHY_TEXT)
    public String routewhy(@Descriptor("[-c ADDRESS] <method> <path> [<Header>=<value> …]") String... args) {
        Arguments parsed = Arguments.parse(ROUTEWHY, args);
        if (parsed.helpRequested()) {
            return ROUTEWHY.help();
        }
        String method = parsed.operands().get(0).toUpperCase(Locale.ROOT);
        String path = parsed.operands().get(1);
        Map<String, String> headers = parsed.headers(2, "X-API-Version=2");
        RouteDecisionDTO decision = routes.explain(method, path, headers, parsed.option("client", "127.0.0.1"));
        StringBuilder out = new StringBuilder();
        out.append(method).append(' ').append(path).append(" -> ").append(decision.status);
        if (decision.module != null) {
            out.append(' ').append(decision.module);
        }
        out.append(System.lineSeparator()).append("  why: ").append(decision.reason);
        if (decision.candidates.length > 0) {
            out.append(System.lineSeparator()).append("  versions of ").append(decision.path).append(": ")
                    .append(String.join(", ", decision.candidates));
        }
        return out.toString();
    }
}
