package dev.graft.auth.internal.credentials;

import dev.graft.api.auth.AuthResult;
import dev.graft.api.auth.Authenticator;
import dev.graft.api.auth.Principal;
import dev.graft.api.route.RouteRequest;
import dev.graft.auth.internal.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/** HTTP Basic against PBKDF2-hashed passwords; handles nothing unless {@code basic.enabled=true}. */
@Component(service = Authenticator.class, configurationPid = AuthConfig.PID,
        property = {Authenticator.NAME + "=" + BasicAuthenticator.NAME, "service.ranking:Integer=50"})
public class BasicAuthenticator implements Authenticator {

    public static final String NAME = "basic";

    private final Credentials credentials;
    private volatile boolean enabled;
    private volatile String realm;

    @Activate
    public BasicAuthenticator(@Reference Credentials credentials, AuthConfig config) {
        this.credentials = credentials;
        update(config);
    }

    @Modified
    void update(AuthConfig config) {
        enabled = config.basic_enabled();
        realm = config.realm();
    }

    @Override
    public boolean handles(RouteRequest request) {
        return enabled && request.header("Authorization").map(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
                .orElse(false);
    }

    @Override
    public AuthResult authenticate(RouteRequest request) {
        String encoded = request.header("Authorization").orElse("").substring(6).trim();
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return AuthResult.failure(AuthResult.Failure.INVALID, "Basic credentials are not Base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return AuthResult.failure(AuthResult.Failure.INVALID, "Basic credentials are not user:password");
        }
        String name = decoded.substring(0, colon);
        Credentials.User user = credentials.findUser(name);
        if (user == null || !user.password().matches(decoded.substring(colon + 1).toCharArray())) {
            return AuthResult.failure(AuthResult.Failure.INVALID, "unknown user or wrong password for Basic user");
        }
        return AuthResult.success(new Principal(user.name(), NAME, user.roles(), Set.of()));
    }

    @Override
    public String challenge() {
        return "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
    }
}
