package dev.graft.auth.internal.credentials;

import dev.graft.api.auth.AuthResult;
import dev.graft.api.auth.Authenticator;
import dev.graft.api.route.RouteRequest;
import dev.graft.auth.internal.AuthConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/** API keys in a header ({@code apikey.header}, default {@code X-API-Key}), checked against stored hashes. */
@Component(service = Authenticator.class, configurationPid = AuthConfig.PID,
        property = {Authenticator.NAME + "=" + ApiKeyAuthenticator.NAME, "service.ranking:Integer=100"})
public class ApiKeyAuthenticator implements Authenticator {

    public static final String NAME = "apikey";

    private final Credentials credentials;
    private volatile String header;
    private volatile String realm;

    @Activate
    public ApiKeyAuthenticator(@Reference Credentials credentials, AuthConfig config) {
        this.credentials = credentials;
        update(config);
    }

    @Modified
    void update(AuthConfig config) {
        header = config.apikey_header().trim();
        realm = config.realm();
    }

    @Override
    public boolean handles(RouteRequest request) {
        return request.header(header).isPresent();
    }

    @Override
    public AuthResult authenticate(RouteRequest request) {
        String presented = request.header(header).orElse("").trim();
        if (presented.isEmpty()) {
            return AuthResult.failure(AuthResult.Failure.MISSING, "empty " + header + " header");
        }
        Credentials.ApiKey key = credentials.findKey(presented);
        if (key == null) {
            return AuthResult.failure(AuthResult.Failure.INVALID, "no stored API key has this key's hash");
        }
        return key.authenticated();
    }

    @Override
    public String challenge() {
        return "ApiKey realm=\"" + realm + "\", header=\"" + header + "\"";
    }
}
