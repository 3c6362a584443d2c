package dev.graft.routing.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.graft.routing.internal.select.SplitPolicy;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.service.log.Logger;

class SplitPoliciesTest {

    private static final Logger LOGGER = mock(Logger.class);

    private final SplitPolicies policies = new SplitPolicies();
    private final AtomicInteger asked = new AtomicInteger(); // how often any configuration was consulted
    private long nextServiceId = 1;

    private static CanaryConfig config(String target, String weights) {
        return new CanaryConfig() {
            @Override
            public String target() {
                return target;
            }

            @Override
            public String weights() {
                return weights;
            }

            @Override
            public String sticky_header() {
                return "";
            }

            @Override
            public String canary_header() {
                return "X-Canary";
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return CanaryConfig.class;
            }
        };
    }

    private CanaryConfiguration bind(String target, String weights) {
        CanaryConfiguration configuration = new CanaryConfiguration(config(target, weights), java.util.Map.of(org.osgi.framework.Constants.SERVICE_PID, "dev.graft.routing.canary~" + target), new dev.graft.routing.internal.failure.Rejections(), LOGGER) {
            @Override
            public Optional<SplitPolicy> policy() {
                asked.incrementAndGet();
                return super.policy();
            }
        };
        policies.bindConfiguration(configuration, Map.of(Constants.SERVICE_ID, nextServiceId++));
        return configuration;
    }

    @Test
    void findingThePolicyOfARouteDoesNotLookAtEveryConfiguration() {
        for (int i = 0; i < 5_000; i++) {
            bind("GET /r/" + i, "1.0.0=90,2.0.0=10");
            bind("dev.graft.module" + i, "1.0.0=90,2.0.0=10");
        }
        bind("GET /hello", "1.0.0=50,2.0.0=50");
        bind("hello", "1.0.0=80,2.0.0=20");
        asked.set(0);

        assertEquals("GET /hello", policies.policyFor("GET", "/hello", "dev.graft.examples.hello").target());
        assertEquals("hello", policies.policyFor("POST", "/hello", "dev.graft.examples.hello").target());
        assertEquals("GET /r/4711", policies.policyFor("GET", "/r/4711", "dev.graft.other").target());
        assertEquals("dev.graft.module42", policies.policyFor("GET", "/x", "dev.graft.module42").target());
        assertNull(policies.policyFor("GET", "/x", "dev.graft.nobody"));
        assertTrue(asked.get() <= 4, "10,002 configurations, 5 lookups: configurations consulted " + asked.get() + " times");
    }

    @Test
    void theRouteWinsOverItsModuleAndTheWholeNameOverItsLastSegments() {
        bind("hello", "1.0.0=1");
        bind("examples.hello", "1.0.0=2");
        bind("dev.graft.examples.hello", "1.0.0=3");
        bind("GET /hello", "1.0.0=4");
        bind("othello", "1.0.0=5");
        assertEquals("GET /hello", policies.policyFor("GET", "/hello", "dev.graft.examples.hello").target());
        assertEquals("dev.graft.examples.hello", policies.policyFor("POST", "/hello", "dev.graft.examples.hello").target());
        assertEquals("examples.hello", policies.policyFor("GET", "/x", "org.examples.hello").target());
        assertEquals("hello", policies.policyFor("GET", "/x", "hello").target());
        assertNull(policies.policyFor("GET", "/x", "dev.graft.examples.jello"));
        assertNull(policies.policyFor("GET", "/x", "dev.graft.examples.xhello"), "a segment, not any suffix");
    }

    @Test
    void aModifiedConfigurationIsSeenAtOnceAndARemovedOneIsGone() {
        CanaryConfiguration canary = bind("hello", "1.0.0=90,2.0.0=10");
        assertEquals("hello", policies.policyFor("GET", "/x", "dev.graft.hello").target());

        canary.update(config("hello", "1.0.0=50,2.0.0=50")); // new weights: no re-indexing needed
        assertEquals(50, policies.policyFor("GET", "/x", "dev.graft.hello").weights().get(Version.parseVersion("2.0.0")));

        canary.update(config("GET /x", "1.0.0=50,2.0.0=50")); // a new target: DS reports the update
        assertNull(policies.policyFor("GET", "/x", "dev.graft.hello"), "not under its old target, even before re-indexing");
        policies.updatedConfiguration(canary, Map.of(Constants.SERVICE_ID, 1L));
        assertEquals("GET /x", policies.policyFor("GET", "/x", "dev.graft.hello").target());
        assertNull(policies.policyFor("GET", "/y", "dev.graft.hello"));

        canary.update(config("", "1.0.0=1")); // invalid: ignored, and valid again later
        policies.updatedConfiguration(canary, Map.of(Constants.SERVICE_ID, 1L));
        assertNull(policies.policyFor("GET", "/x", "dev.graft.hello"));
        canary.update(config("hello", "1.0.0=1"));
        policies.updatedConfiguration(canary, Map.of(Constants.SERVICE_ID, 1L));
        assertEquals("hello", policies.policyFor("GET", "/x", "dev.graft.hello").target());

        policies.unbindConfiguration(canary);
        assertNull(policies.policyFor("GET", "/x", "dev.graft.hello"));
        assertEquals(0, policies.all().size());
    }

    @Test
    void ofTwoConfigurationsForOneTargetTheFirstRegisteredApplies() {
        CanaryConfiguration first = bind("hello", "1.0.0=1");
        bind("hello", "1.0.0=2");
        assertEquals(1, policies.policyFor("GET", "/x", "hello").weights().get(Version.parseVersion("1.0.0")));
        policies.unbindConfiguration(first);
        assertEquals(2, policies.policyFor("GET", "/x", "hello").weights().get(Version.parseVersion("1.0.0")));
    }
}
