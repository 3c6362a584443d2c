package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.graft.api.route.RouteAdmin;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/** hello 1.0.0 and 2.0.0 side by side: version header, weighted canary, canary header, the shell. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class VersionRoutingIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private void helloOneAndTwo() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        installExample("hello-2.0.0.jar");
        http().await("/hello", body("hello from 2.0.0"), WAIT);
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        return http().get(path, headers);
    }

    @Test
    public void theVersionHeaderSelectsAMajorAMinorOrAnExactVersion() throws Exception {
        helloOneAndTwo();
        HttpResponse<String> one = get("/hello", "X-API-Version", "1");
        assertEquals("hello from 1.0.0", one.body());
        assertEquals("dev.graft.examples.hello/1.0.0", one.headers().firstValue("Graft-Module").orElse(null));
        HttpResponse<String> two = get("/hello", "X-API-Version", "2");
        assertEquals("hello from 2.0.0", two.body());
        assertEquals("dev.graft.examples.hello/2.0.0", two.headers().firstValue("Graft-Module").orElse(null));
        assertEquals("hello from 1.0.0", get("/hello", "X-API-Version", "1.0").body());
        assertEquals("hello from 2.0.0", get("/hello", "X-API-Version", "2.0.0").body());
        assertEquals("hello, ann", get("/hello/ann", "X-API-Version", "1").body());

        HttpResponse<String> three = get("/hello", "X-API-Version", "3");
        assertEquals(404, three.statusCode());
        assertEquals("application/json", three.headers().firstValue("Content-Type").orElse(null));
        assertEquals("{\"error\":\"E_NO_SUCH_VERSION\",\"message\":\"no active version of GET /hello matches"
                + " X-API-Version: 3\",\"versions\":[\"2.0.0\",\"1.0.0\"]}", three.body());

        HttpResponse<String> bad = get("/hello", "X-API-Version", "two");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body(), bad.body().contains("E_BAD_VERSION"));
    }

    @Test
    public void aNinetyTenSplitIsStickyPerKeyAndChangesLive() throws Exception {
        helloOneAndTwo();
        configureCanary("1.0.0=90,2.0.0=10");
        http().await("/hello", r -> split(200).get("1.0.0") != null, WAIT);

        Map<String, Integer> counts = split(2000);
        int stable = counts.getOrDefault("1.0.0", 0);
        int canary = counts.getOrDefault("2.0.0", 0);
        System.out.printf("90/10 split over 2000 keys: 1.0.0=%d 2.0.0=%d%n", stable, canary);
        assertTrue("1.0.0 got " + stable + " of 2000", stable >= 1740 && stable <= 1860);
        assertTrue("2.0.0 got " + canary + " of 2000", canary >= 140 && canary <= 260);

        for (int i = 0; i < 50; i++) {
            String first = get("/hello", "X-User", "user-" + i).body();
            for (int again = 0; again < 3; again++) {
                assertEquals("user-" + i + " moved", first, get("/hello", "X-User", "user-" + i).body());
            }
        }

        configureCanary("1.0.0=0,2.0.0=100");
        http().await("/hello", r -> split(100).getOrDefault("2.0.0", 0) == 100, WAIT);
    }

    @Test
    public void theCanaryHeaderForcesOrAvoidsTheCanary() throws Exception {
        helloOneAndTwo();
        configureCanary("1.0.0=90,2.0.0=10");
        http().await("/hello", r -> split(100).get("1.0.0") != null, WAIT);
        for (int i = 0; i < 20; i++) {
            assertEquals("hello from 2.0.0", get("/hello", "X-User", "u" + i, "X-Canary", "always").body());
            assertEquals("hello from 1.0.0", get("/hello", "X-User", "u" + i, "X-Canary", "never").body());
        }
    }

    @Test
    public void theShellListsVersionsWithWeightsSetsACanaryAndExplainsADecision() throws Exception {
        helloOneAndTwo();
        String routes = shell("graft:routes");
        assertTrue(routes, routes.contains("METHOD  PATH           VERSION  WEIGHT   MODULE"));
        assertTrue(routes, routes.matches("(?s).*GET +/hello +2\\.0\\.0 +default +dev\\.graft\\.examples\\.hello +ACTIVE.*"));
        assertTrue(routes, routes.matches("(?s).*GET +/hello +1\\.0\\.0 +- +dev\\.graft\\.examples\\.hello +ACTIVE.*"));

        assertEquals("canary for hello: 1.0.0=90 2.0.0=10, sticky by X-User",
                shell("graft:canary --key X-User hello 1.0.0=90 2.0.0=10").strip());
        http().await("/hello", r -> split(100).get("1.0.0") != null, WAIT);
        String weighted = shell("graft:routes");
        assertTrue(weighted, weighted.matches("(?s).*GET +/hello +2\\.0\\.0 +10 +dev\\.graft\\.examples\\.hello.*"));
        assertTrue(weighted, weighted.matches("(?s).*GET +/hello +1\\.0\\.0 +90 +dev\\.graft\\.examples\\.hello.*"));

        String why = shell("graft:routewhy GET /hello X-API-Version=2");
        assertTrue(why, why.contains("GET /hello -> 200 dev.graft.examples.hello/2.0.0"));
        assertTrue(why, why.contains("why: X-API-Version: 2 selects the highest 2.x, 2.0.0"));
        String byWeight = shell("graft:routewhy GET /hello X-User=someone");
        assertTrue(byWeight, byWeight.contains("why: weights 1.0.0=90/2.0.0=10, key 'someone' gives"));

        shell("graft:canary hello");
        http().await("/hello", r -> split(100).getOrDefault("2.0.0", 0) == 100, WAIT);
    }

    private void configureCanary(String weights) throws Exception {
        awaitService(RouteAdmin.class, WAIT).setWeights("hello", weightsOf(weights), "X-User");
    }

    private static Map<String, Integer> weightsOf(String text) {
        Map<String, Integer> weights = new HashMap<>();
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=");
            weights.put(kv[0], Integer.parseInt(kv[1]));
        }
        return weights;
    }

    /** Sends one request per distinct key; counts the versions that answered. */
    private Map<String, Integer> split(int keys) {
        Map<String, Integer> counts = new HashMap<>();
        try {
            for (int i = 0; i < keys; i++) {
                String body = get("/hello", "X-User", "key-" + i).body();
                counts.merge(body.replace("hello from ", ""), 1, Integer::sum);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return counts;
    }
}
