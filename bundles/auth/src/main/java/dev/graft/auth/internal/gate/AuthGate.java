package dev.graft.auth.internal.gate;

import dev.graft.api.FailureCode;
import dev.graft.api.auth.AuthConstants;
import dev.graft.api.middleware.Chain;
import dev.graft.api.middleware.Exchange;
import dev.graft.api.middleware.Middleware;
import dev.graft.api.middleware.MiddlewarePhase;
import dev.graft.auth.internal.AuthConfig;
import dev.graft.auth.internal.policy.Access;
import dev.graft.auth.internal.policy.Policies;
import dev.graft.auth.internal.policy.Policy;
import dev.graft.auth.internal.policy.PolicyIndex;
import java.util.Arrays;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The authentication gate: route-phase middleware that decides every routed request against the
 * policies, answers 401/403/429/503 itself, and hands the principal to the route
 * ({@value AuthConstants#PRINCIPAL_ATTRIBUTE}). Its {@value AuthConstants#GATE} property tells the router
 * it runs; while it does not, the router fails closed.
 */
@Component(service = {Middleware.class, AuthGate.class}, configurationPid = AuthConfig.PID, property = {
        MiddlewarePhase.PROPERTY + "=" + MiddlewarePhase.ROUTE,
        Middleware.ORDER + ":Integer=1000",
        Middleware.PATTERN + "=/*",
        AuthConstants.GATE + ":Boolean=true"})
@Designate(ocd = AuthConfig.class)
public class AuthGate implements Middleware {

    private final Policies policies;
    private final Authenticators authenticators;
    private final Logger logger;
    private final RateLimiter limiter = new RateLimiter();
    private volatile Policy fallback;
    private volatile PolicyIndex limitedFor;

    @Activate
    public AuthGate(@Reference Policies policies, @Reference Authenticators authenticators, AuthConfig config,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.policies = policies;
        this.authenticators = authenticators;
        this.logger = logger;
        update(config);
    }

    @Modified
    void update(AuthConfig config) {
        Access access;
        try {
            access = Access.parse(config.default_access());
        } catch (IllegalArgumentException e) {
            logger.warn("{}: {}: default.access: {}; using deny", FailureCode.E_CONFIG_INVALID, AuthConfig.PID, e.getMessage());
            access = Access.DENY;
        }
        // "default.authenticators=" in a .cfg file arrives as one empty name: none named, every one accepted
        List<String> authenticators = Arrays.stream(config.default_authenticators()).flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(name -> !name.isEmpty()).toList();
        fallback = Policy.fallback(access, authenticators, config.default_rate(),
                Math.max(1, config.default_burst()));
        limiter.clear();
    }

    /** @return the default for unmatched paths */
    public Policy fallback() {
        return fallback;
    }

    @Override
    public void handle(Exchange exchange, Chain chain) throws Exception {
        PolicyIndex index = policies.index();
        Decision decision = Decider.decide(index, fallback, authenticators.all(), exchange.request(),
                exchange.route().orElse(null));
        if (!decision.allowed()) {
            deny(exchange, decision);
            return;
        }
        Policy policy = decision.policy();
        if (policy.rate() > 0) {
            if (limitedFor != index) {
                limitedFor = index; // the policies changed: fresh buckets
                limiter.clear();
            }
            String key = policy.name() + '\n' + (decision.principal() == null
                    ? "addr:" + exchange.request().remoteAddress()
                    : decision.authenticator() + ':' + decision.principal().name());
            long waitNanos = limiter.acquire(key, policy.rate(), policy.burst(), System.nanoTime());
            if (waitNanos > 0) {
                logger.debug("{}: {} {}: {} over the rate limit of policy {}", FailureCode.E_RATE_LIMITED,
                        exchange.request().method(), exchange.request().path(),
                        decision.principal() == null ? "anonymous client" : decision.principal().name(), policy.name());
                String retry = Long.toString(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
                exchange.response().status(429).header("Retry-After", retry)
                        .json(FailureCode.E_RATE_LIMITED.errorBody("too many requests; try again later"));
                return;
            }
        }
        if (decision.principal() != null) {
            exchange.attribute(AuthConstants.PRINCIPAL_ATTRIBUTE, decision.principal());
        }
        chain.proceed();
    }

    private void deny(Exchange exchange, Decision decision) throws java.io.IOException {
        FailureCode code = decision.code();
        // which check failed goes to the log, at debug, never to the client; an authenticator that
        // is missing or broken is the operator's problem: a warning
        if (code == FailureCode.E_AUTH_UNAVAILABLE) {
            logger.warn("{}: {} {}: {}", code, exchange.request().method(), exchange.request().path(), decision.reason());
        } else {
            logger.debug("{}: {} {}: {}", code, exchange.request().method(), exchange.request().path(), decision.reason());
        }
        var response = exchange.response().status(code.status());
        if (code.status() == 401 && decision.challenge() != null) {
            response.header("WWW-Authenticate", decision.challenge());
        }
        if (code == FailureCode.E_AUTH_UNAVAILABLE) {
            response.header("Retry-After", "1");
        }
        response.json(FailureCode.E_AUTH_FORBIDDEN == code ? code.errorBody("access denied")
                : code.status() == 401 ? code.errorBody("authentication required") : code.errorBody("authentication is not available; try again"));
    }
}
