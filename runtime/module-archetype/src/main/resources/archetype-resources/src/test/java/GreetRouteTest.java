package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The route as a plain object: a fake request in, what it wrote to the response out. */
class GreetRouteTest {

    @Test
    void greetsByName() throws Exception {
        RouteRequest request = fake(RouteRequest.class,
                (method, args) -> method.equals("pathParameter") ? Map.of("name", "ann").get(args[0]) : null);
        Map<String, Object> written = new HashMap<>();
        RouteResponse response = fake(RouteResponse.class, (method, args) -> written.put(method, args[0]));

        new GreetRoute().handle(request, response);

        // only a text body: the status stays 200
        assertEquals(Map.of("text", "hello, ann"), written);
    }

    /**
     * A stand-in for an interface Graft implements: every call goes to {@code answer(method name, arguments)}.
     * RouteRequest and RouteResponse may gain methods in a minor Graft release; a proxy keeps compiling.
     */
    private static <T> T fake(Class<T> type, BiFunction<String, Object[], Object> answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.apply(method.getName(), args)));
    }
}
