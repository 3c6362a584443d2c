package dev.graft.shell.internal;

import dev.graft.api.auth.AuthAdmin;
import dev.graft.api.auth.dto.AuthDecisionDTO;
import dev.graft.api.auth.dto.AuthPolicyDTO;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code graft:auth-policies}, {@code graft:auth-test}, {@code graft:apikey-add} and {@code graft:auth-token}:
 * authentication from the shell, through {@link AuthAdmin}. While the auth bundle is stopped they say so.
 *
 * <p>Gogo finds a command's method by the command's name, and a Java method cannot be named
 * {@code auth-test}: each command is therefore its own Gogo {@link Function} service, registered here.
 */
@Component(immediate = true, service = {})
public class AuthCommands {

    private final List<ServiceRegistration<Function>> registrations = new ArrayList<>();

    @Activate
    void activate(BundleContext context) {
        register(context, "auth-policies", this::policies);
        register(context, "auth-test", this::test);
        register(context, "apikey-add", this::apikeyAdd);
        register(context, "auth-token", this::authToken);
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    private void register(BundleContext context, String name, java.util.function.Function<String[], String> command) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", GogoCommand.GRAFT);
        properties.put("osgi.command.function", name);
        registrations.add(context.registerService(Function.class, (session, arguments) ->
                command.apply(arguments.stream().map(String::valueOf).toArray(String[]::new)), properties));
    }

    private static final String POLICIES_TEXT = "list the authentication policies, most specific first: pattern,"
            + " methods, module, access, authenticators, roles, rate limit; the last line is the default";
    private static final String TEST_TEXT = "decide a request as the authentication gate would: the route, the policy,"
            + " the authenticator, allow or deny and why (nothing is sent, no rate limit is used)";
    private static final String APIKEY_TEXT = "create an API key with roles: prints the key once; only its SHA-256"
            + " is stored (etc/dev.graft.auth.apikey-<name>.cfg)";
    private static final String TOKEN_TEXT = "issue a development JWT with a subject and roles; HS256, signed with"
            + " hs256.secret of etc/dev.graft.auth.jwt.cfg";

    static final Usage POLICIES = new Usage("auth-policies", POLICIES_TEXT, List.of(), "", 0, 0, "");
    static final Usage TEST = new Usage("auth-test", TEST_TEXT, List.of(), "<method> <path> [<Header>=<value> …]", 2, -1,
            "graft:auth-test GET /orders \"Authorization=Bearer eyJ…\"");
    static final Usage APIKEY = new Usage("apikey-add", APIKEY_TEXT, List.of(), "<name> <role>[,<role>…]", 1, 2,
            "graft:apikey-add reporting orders:read");
    static final Usage TOKEN = new Usage("auth-token", TOKEN_TEXT,
            List.of(new Usage.Option("t", "ttl", "SECONDS", "the token's lifetime (default 3600)")),
            "<subject> [<role>[,<role>…]]", 1, 2, "graft:auth-token ann orders:read");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthAdmin auth;

    private AuthAdmin auth(Usage usage) {
        AuthAdmin current = auth;
        if (current == null) {
            throw usage.refused("the authentication bundle (dev.graft.auth) is not running", null);
        }
        return current;
    }

    @Descriptor(POLICIES_TEXT)
    public String policies(@Descriptor("none") String... args) {
        if (Arguments.parse(POLICIES, args).helpRequested()) {
            return POLICIES.help();
        }
        StringBuilder out = new StringBuilder(String.format("%-12s %-18s %-8s %-14s %-28s %s", "POLICY", "PATTERN",
                "METHODS", "ACCESS", "AUTHENTICATORS", "ROLES/SCOPES, LIMIT"));
        for (AuthPolicyDTO policy : auth(POLICIES).policies()) {
            String scope = policy.module == null ? "" : " module " + policy.module
                    + (policy.versions == null ? "" : " " + policy.versions);
            out.append(System.lineSeparator()).append(String.format("%-12s %-18s %-8s %-14s %-28s %s", policy.name,
                    policy.pattern, policy.methods.length == 0 ? "*" : String.join(",", policy.methods), policy.access,
                    policy.authenticators.length == 0 ? "any" : String.join(",", policy.authenticators),
                    (policy.roles.length == 0 ? "" : "roles " + String.join(",", policy.roles) + " ")
                            + (policy.scopes.length == 0 ? "" : "scopes " + String.join(",", policy.scopes) + " ")
                            + (policy.rate > 0 ? policy.rate + "/s burst " + policy.burst : "") + scope).stripTrailing());
        }
        return out.toString();
    }

    @Descriptor(TEST_TEXT)
    public String test(@Descriptor("<method> <path> [<Header>=<value> …]") String... args) {
        Arguments parsed = Arguments.parse(TEST, args);
        if (parsed.helpRequested()) {
            return TEST.help();
        }
        String method = parsed.operands().get(0).toUpperCase(Locale.ROOT);
        String path = parsed.operands().get(1);
        Map<String, String> headers = parsed.headers(2, "X-API-Key=gk_…");
        AuthDecisionDTO decision = auth(TEST).test(method, path, headers);
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder().append(method).append(' ').append(path).append(" -> ")
                .append(decision.status).append(decision.code == null ? " allow" : " deny " + decision.code);
        if (decision.route != null) {
            out.append(nl).append("  route: ").append(decision.route).append(" of ").append(decision.module);
        }
        if (decision.policy != null) {
            out.append(nl).append("  policy: ").append(decision.policy);
        }
        if (decision.authenticator != null) {
            out.append(nl).append("  authenticator: ").append(decision.authenticator);
        }
        if (decision.principal != null) {
            out.append(nl).append("  principal: ").append(decision.principal);
        }
        return out.append(nl).append("  why: ").append(decision.reason).toString();
    }

    @Descriptor(APIKEY_TEXT)
    public String apikeyAdd(@Descriptor("<name> <role>[,<role>…]") String... args) {
        Arguments parsed = Arguments.parse(APIKEY, args);
        if (parsed.helpRequested()) {
            return APIKEY.help();
        }
        String name = parsed.operands().get(0);
        List<String> roles = parsed.operands().size() < 2 ? List.of() : roles(parsed.operands().get(1));
        try {
            String key = auth(APIKEY).addApiKey(name, roles);
            return "API key " + name + " (roles " + String.join(",", roles) + "): " + key + System.lineSeparator()
                    + "Keep it now: only its hash is stored. Send it as the X-API-Key header (apikey.header).";
        } catch (IllegalArgumentException e) {
            throw APIKEY.refused(e.getMessage(), e);
        } catch (IOException e) {
            throw APIKEY.refused("cannot store the key's hash: " + e.getMessage(), e);
        }
    }

    @Descriptor(TOKEN_TEXT)
    public String authToken(@Descriptor("[-t SECONDS] <subject> [<role>[,<role>…]]") String... args) {
        Arguments parsed = Arguments.parse(TOKEN, args);
        if (parsed.helpRequested()) {
            return TOKEN.help();
        }
        long ttl;
        try {
            ttl = Long.parseLong(parsed.option("ttl", "3600"));
        } catch (NumberFormatException e) {
            throw TOKEN.wrong("--ttl must be a whole number of seconds");
        }
        if (ttl <= 0) {
            throw TOKEN.wrong("--ttl must be more than 0");
        }
        List<String> roles = parsed.operands().size() < 2 ? List.of() : roles(parsed.operands().get(1));
        try {
            return auth(TOKEN).issueToken(parsed.operands().get(0), roles, ttl);
        } catch (IllegalStateException e) {
            throw TOKEN.refused(e.getMessage(), e);
        }
    }

    private static List<String> roles(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(role -> !role.isEmpty()).toList();
    }
}
