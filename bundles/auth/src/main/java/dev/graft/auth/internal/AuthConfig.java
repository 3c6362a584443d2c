package dev.graft.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Graft authentication",
        description = "The default for paths no policy matches, and the built-in API key and Basic authenticators"
                + " (etc/dev.graft.auth.cfg). Policies: etc/dev.graft.auth.policy-<name>.cfg.")
public @interface AuthConfig {

    String PID = "dev.graft.auth";

    @AttributeDefinition(name = "Default access",
            description = "For a path no policy matches and whose route declares nothing: anonymous, authenticated or"
                    + " deny. The distribution ships deny; without this configuration it is anonymous, so installing"
                    + " the bundle alone changes nothing.")
    String default_access() default "anonymous";

    @AttributeDefinition(name = "Default authenticators",
            description = "Authenticators accepted where the policy names none; empty: every registered one.")
    String[] default_authenticators() default {};

    @AttributeDefinition(name = "Default rate", description = "Requests per second per principal by default; 0: no limit.")
    double default_rate() default 0;

    @AttributeDefinition(name = "Default burst", description = "The default token bucket size.")
    int default_burst() default 1;

    @AttributeDefinition(name = "Realm", description = "The realm in WWW-Authenticate challenges.")
    String realm() default "graft";

    @AttributeDefinition(name = "API key header", description = "The request header carrying an API key.")
    String apikey_header() default "X-API-Key";

    @AttributeDefinition(name = "HTTP Basic", description = "Accept HTTP Basic against etc/dev.graft.auth.user-<name>.cfg"
            + " (PBKDF2 hashes). Off by default: passwords travel with every request.")
    boolean basic_enabled() default false;
}
