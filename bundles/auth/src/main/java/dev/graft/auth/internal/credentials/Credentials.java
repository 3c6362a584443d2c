package dev.graft.auth.internal.credentials;

import dev.graft.api.FailureCode;
import dev.graft.api.auth.AuthResult;
import dev.graft.api.auth.Principal;
import dev.graft.auth.internal.credentials.Hashes.PasswordHash;
import java.security.MessageDigest;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Stored credentials, hashed: API keys ({@value #APIKEY_PID}, {@code etc/dev.graft.auth.apikey-<name>.cfg}:
 * {@code hash=sha256:<hex>}, {@code roles=a,b}) and Basic users ({@value #USER_PID}: {@code password=pbkdf2-sha256:…},
 * {@code roles=…}). Live: a change applies to the next request.
 */
@Component(service = Credentials.class)
public class Credentials {

    public static final String APIKEY_PID = "dev.graft.auth.apikey";
    public static final String USER_PID = "dev.graft.auth.user";

    /**
     * A stored API key, with the result every request that presents it gets: principals are
     * immutable, so one is made when the key is configured, not per request.
     */
    public record ApiKey(String name, byte[] hash, Set<String> roles, AuthResult authenticated) {

        ApiKey(String name, byte[] hash, Set<String> roles) {
            this(name, hash, roles, AuthResult.success(new Principal(name, ApiKeyAuthenticator.NAME, roles, Set.of())));
        }
    }

    /** A stored Basic user. */
    public record User(String name, PasswordHash password, Set<String> roles) {}

    private final Logger logger;
    private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private volatile ApiKey[] keyArray = new ApiKey[0];
    private final ServiceRegistration<?> keyFactory;
    private final ServiceRegistration<?> userFactory;

    @Activate
    public Credentials(BundleContext context, @Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        keyFactory = register(context, APIKEY_PID, "Graft API keys", this::keyUpdated, pid -> {
            keys.remove(pid);
            keyArray = keys.values().toArray(new ApiKey[0]);
        });
        userFactory = register(context, USER_PID, "Graft Basic users", this::userUpdated, users::remove);
    }

    @Deactivate
    void deactivate() {
        keyFactory.unregister();
        userFactory.unregister();
    }

    /** @return the key whose hash equals the presented key's, compared in constant time against every key */
    public ApiKey findKey(String presented) {
        byte[] hash = Hashes.sha256(presented);
        ApiKey found = null;
        for (ApiKey key : keyArray) {
            if (MessageDigest.isEqual(key.hash(), hash)) {
                found = key;
            }
        }
        return found;
    }

    public User findUser(String name) {
        for (User user : users.values()) {
            if (user.name().equals(name)) {
                return user;
            }
        }
        return null;
    }

    public boolean hasKeyNamed(String name) {
        return keys.values().stream().anyMatch(key -> key.name().equals(name));
    }

    private void keyUpdated(String pid, Dictionary<String, ?> properties) {
        String name = name(pid, properties);
        try {
            ApiKey key = new ApiKey(name, Hashes.parseKeyHash(string(properties.get("hash"))), roles(properties));
            keys.put(pid, key);
            logger.info("API key {} (roles {})", name, key.roles());
        } catch (IllegalArgumentException e) {
            keys.remove(pid);
            logger.warn("{}: API key {}: {}; ignored", FailureCode.E_CONFIG_INVALID, name, e.getMessage());
        }
        keyArray = keys.values().toArray(new ApiKey[0]);
    }

    private void userUpdated(String pid, Dictionary<String, ?> properties) {
        String name = name(pid, properties);
        try {
            users.put(pid, new User(name, PasswordHash.parse(string(properties.get("password"))), roles(properties)));
            logger.info("Basic user {}", name);
        } catch (IllegalArgumentException e) {
            users.remove(pid);
            logger.warn("{}: Basic user {}: {}; ignored", FailureCode.E_CONFIG_INVALID, name, e.getMessage());
        }
    }

    private static String string(Object value) {
        return value == null ? null : value.toString().trim();
    }

    private static Set<String> roles(Dictionary<String, ?> properties) {
        Object value = properties.get("roles");
        if (value == null) {
            return Set.of();
        }
        String[] parts = value instanceof String[] array ? array : value.toString().split(",");
        Set<String> roles = new LinkedHashSet<>();
        for (String part : parts) {
            if (!part.isBlank()) {
                roles.add(part.trim());
            }
        }
        return Set.copyOf(roles);
    }

    // the configured name (name=…), else the factory configuration's name (the file's part after the dash)
    private static String name(String pid, Dictionary<String, ?> properties) {
        Object name = properties.get("name");
        if (name != null && !name.toString().isBlank()) {
            return name.toString().trim();
        }
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String base = file.toString().substring(file.toString().lastIndexOf('/') + 1).replaceFirst("\\.(cfg|config)$", "");
            String factory = pid.contains("~") ? pid.substring(0, pid.indexOf('~')) : pid.replaceFirst("\\.[^.]*$", "");
            if (base.startsWith(factory + "-")) {
                return base.substring(factory.length() + 1);
            }
        }
        int tilde = pid.indexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
    }

    private interface Updated {
        void updated(String pid, Dictionary<String, ?> properties);
    }

    private static ServiceRegistration<?> register(BundleContext context, String factoryPid, String label, Updated updated,
            java.util.function.Consumer<String> deleted) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, factoryPid);
        return context.registerService(ManagedServiceFactory.class, new ManagedServiceFactory() {
            @Override
            public String getName() {
                return label;
            }

            @Override
            public void updated(String pid, Dictionary<String, ?> props) {
                updated.updated(pid, props);
            }

            @Override
            public void deleted(String pid) {
                deleted.accept(pid);
            }
        }, properties);
    }
}
