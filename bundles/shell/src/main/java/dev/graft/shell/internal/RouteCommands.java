package dev.graft.shell.internal;

import dev.graft.api.route.RouteAdmin;
import dev.graft.api.route.dto.RouteDecisionDTO;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code graft:routes}, {@code graft:canary} and {@code graft:routewhy}: the router from the shell. */
@Component(service = RouteCommands.class)
@GogoCommand(scope = GogoCommand.GRAFT, function = {"routes", "canary", "routewhy"})
public class RouteCommands {

    private final RouteAdmin routes;

    @Activate
    public RouteCommands(@Reference RouteAdmin routes) {
        this.routes = routes;
    }

    @Descriptor("list the routes: method, path, each version with its weight, module and state; then what was"
            + " rejected (invalid route services and configurations) with its failure code")
    public String routes() {
        return RouteTableFormat.format(routes.routes(), routes.failures());
    }

    @Descriptor("split traffic between versions of a module or a route, e.g. canary hello 1.0.0=90 2.0.0=10;"
            + " with no weights, remove the split (the highest version serves everything)")
    public String canary(
            @Descriptor("a request header that keeps a client on one version (e.g. X-User-Id); default: as configured, else the client address")
            @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
            @Descriptor("a module (its symbolic name or last segment, e.g. hello) or a route, e.g. \"GET /hello\"") String target,
            @Descriptor("version=weight pairs, e.g. 1.0.0=90 2.0.0=10") String... weights) throws IOException {
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (String pair : weights) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + pair + "' is not version=weight (e.g. 2.0.0=10)");
            }
            try {
                parsed.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + pair + "': the weight must be a whole number");
            }
        }
        routes.setWeights(target, parsed, key.isEmpty() ? null : key);
        return parsed.isEmpty() ? "canary for " + target + " removed: the highest version serves everything"
                : "canary for " + target + ": " + String.join(" ", weights) + (key.isEmpty() ? "" : ", sticky by " + key);
    }

    @Descriptor("explain which version would serve a request and why, e.g. routewhy GET /hello X-API-Version=2")
    public String routewhy(
            @Descriptor("the client address used as the sticky key when no key header is given")
            @Parameter(names = {"-c", "--client"}, absentValue = "127.0.0.1") String client,
            @Descriptor("the HTTP method, e.g. GET") String method,
            @Descriptor("the request path, e.g. /hello") String path,
            @Descriptor("request headers as Name=value, e.g. X-API-Version=2 X-Canary=always") String... headers) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String header : headers) {
            int eq = header.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + header + "' is not Name=value (e.g. X-API-Version=2)");
            }
            parsed.put(header.substring(0, eq), header.substring(eq + 1));
        }
        RouteDecisionDTO decision = routes.explain(method, path, parsed, client);
        StringBuilder out = new StringBuilder();
        out.append(method.toUpperCase(java.util.Locale.ROOT)).append(' ').append(path).append(" -> ").append(decision.status);
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
