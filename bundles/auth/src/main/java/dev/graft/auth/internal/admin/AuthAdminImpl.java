package dev.graft.auth.internal.admin;

import dev.graft.api.auth.AuthAdmin;
import dev.graft.api.auth.dto.AuthDecisionDTO;
import dev.graft.api.auth.dto.AuthPolicyDTO;
import dev.graft.api.route.RouteAdmin;
import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteInfo;
import dev.graft.api.route.dto.RouteDecisionDTO;
import dev.graft.auth.internal.credentials.Credentials;
import dev.graft.auth.internal.credentials.Hashes;
import dev.graft.auth.internal.gate.AuthGate;
import dev.graft.auth.internal.gate.Authenticators;
import dev.graft.auth.internal.gate.Decider;
import dev.graft.auth.internal.gate.Decision;
import dev.graft.auth.internal.jwt.JwtAuthenticator;
import dev.graft.auth.internal.policy.Policies;
import dev.graft.auth.internal.policy.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/** {@link AuthAdmin}: the policies, a dry run of the gate, API keys and dev tokens. */
@Component(service = AuthAdmin.class)
public class AuthAdminImpl implements AuthAdmin {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final BundleContext context;
    private final Policies policies;
    private final Authenticators authenticators;
    private final AuthGate gate;
    private final Credentials credentials;
    private final JwtAuthenticator jwt;
    private final ConfigurationAdmin configurationAdmin;
    private final Logger logger;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RouteAdmin routes;

    @Activate
    public AuthAdminImpl(BundleContext context, @Reference Policies policies, @Reference Authenticators authenticators,
            @Reference AuthGate gate, @Reference Credentials credentials, @Reference JwtAuthenticator jwt,
            @Reference ConfigurationAdmin configurationAdmin, @Reference(service = LoggerFactory.class) Logger logger) {
        this.context = context;
        this.policies = policies;
        this.authenticators = authenticators;
        this.gate = gate;
        this.credentials = credentials;
        this.jwt = jwt;
        this.configurationAdmin = configurationAdmin;
        this.logger = logger;
    }

    @Override
    public List<AuthPolicyDTO> policies() {
        List<AuthPolicyDTO> all = new ArrayList<>();
        for (Policy policy : policies.index().all()) {
            all.add(dto(policy));
        }
        all.add(dto(gate.fallback()));
        return all;
    }

    private static AuthPolicyDTO dto(Policy policy) {
        AuthPolicyDTO dto = new AuthPolicyDTO();
        dto.name = policy.name();
        dto.pattern = policy.pattern();
        dto.methods = policy.methods().toArray(new String[0]);
        dto.module = policy.module();
        dto.versions = policy.versions() == null ? null : policy.versions().toString();
        dto.access = policy.access().label();
        dto.authenticators = policy.authenticators().toArray(new String[0]);
        dto.roles = policy.roles().toArray(new String[0]);
        dto.scopes = policy.scopes().toArray(new String[0]);
        dto.rate = policy.rate();
        dto.burst = policy.burst();
        return dto;
    }

    @Override
    public AuthDecisionDTO test(String method, String path, Map<String, String> headers) {
        AuthDecisionDTO dto = new AuthDecisionDTO();
        RouteInfo route = route(method, path, headers);
        if (route == null) {
            dto.status = 404;
            dto.code = "E_NO_ROUTE";
            dto.reason = "no route serves " + method + " " + path + "; the gate only sees routed requests";
            return dto;
        }
        Decision decision = Decider.decide(policies.index(), gate.fallback(), authenticators.all(),
                new TestRequest(method, path, headers), route);
        dto.status = decision.status();
        dto.code = decision.code() == null ? null : decision.code().name();
        dto.route = route.method() + " " + route.template();
        dto.module = route.module() + "/" + route.version();
        dto.policy = decision.policy().name();
        dto.authenticator = decision.authenticator();
        dto.principal = decision.principal() == null ? null : decision.principal().name();
        dto.reason = decision.reason();
        return dto;
    }

    // the route the router would choose, with its service's properties
    private RouteInfo route(String method, String path, Map<String, String> headers) {
        RouteAdmin admin = routes;
        if (admin == null) {
            return null;
        }
        RouteDecisionDTO decision = admin.explain(method, path, headers, "127.0.0.1");
        if (decision.module == null || decision.path == null) {
            return null;
        }
        int slash = decision.module.lastIndexOf('/');
        String module = decision.module.substring(0, slash);
        Version version = Version.parseVersion(decision.module.substring(slash + 1));
        Map<String, Object> properties = Map.of();
        try {
            Collection<ServiceReference<RouteHandler>> refs = context.getServiceReferences(RouteHandler.class, "(&("
                    + RouteHandler.METHOD + "=" + method + ")(" + RouteHandler.PATH + "=" + escape(decision.path) + "))");
            for (ServiceReference<RouteHandler> ref : refs) {
                if (ref.getBundle() != null && module.equals(ref.getBundle().getSymbolicName())
                        && version.equals(ref.getBundle().getVersion())) {
                    Map<String, Object> found = new java.util.HashMap<>();
                    for (String key : ref.getPropertyKeys()) {
                        found.put(key, ref.getProperty(key));
                    }
                    properties = found;
                }
            }
        } catch (InvalidSyntaxException e) {
            // a path the filter cannot express: judge without the route's properties
        }
        return new TestRoute(method, decision.path, module, version, Map.copyOf(properties));
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }

    @Override
    public String addApiKey(String name, List<String> roles) throws IOException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a key name: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (credentials.hasKeyNamed(name)) {
            throw new IllegalArgumentException("an API key named '" + name + "' exists already");
        }
        String key = Hashes.newApiKey();
        String hash = Hashes.storedKeyHash(key);
        String roleList = String.join(",", roles);
        // in etc/ as well, when FileInstall watches it: an operator sees, edits and removes keys as files
        String etc = context.getProperty("felix.fileinstall.dir");
        if (etc != null) {
            Path file = Path.of(etc).resolve(Credentials.APIKEY_PID + "-" + name + ".cfg");
            Path temp = Path.of(etc).resolve("." + Credentials.APIKEY_PID + "-" + name + ".tmp");
            Files.writeString(temp, "# API key '" + name + "', added by graft:apikey-add: only its SHA-256 is kept\n"
                    + "name=" + name + "\nhash=" + hash + "\nroles=" + roleList + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        Configuration configuration = configurationAdmin.getFactoryConfiguration(Credentials.APIKEY_PID, name, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        properties.put("hash", hash);
        properties.put("roles", roleList);
        if (etc != null) {
            properties.put("felix.fileinstall.filename",
                    Path.of(etc).resolve(Credentials.APIKEY_PID + "-" + name + ".cfg").toUri().toString());
        }
        configuration.update(properties);
        logger.info("API key {} added (roles {})", name, roleList);
        return key;
    }

    @Override
    public String issueToken(String subject, List<String> roles, long ttlSeconds) {
        return jwt.issue(subject, roles, ttlSeconds);
    }
}
