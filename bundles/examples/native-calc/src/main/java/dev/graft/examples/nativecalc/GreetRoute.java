package dev.graft.examples.nativecalc;

import dev.graft.api.nativebridge.NativeBridge;
import dev.graft.api.nativebridge.NativeException;
import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteMapping;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /calc/greet?name=}: a string through C, into a bounded buffer ({@code calc_greet}). */
@Component(service = RouteHandler.class)
@RouteMapping(method = "GET", path = "/calc/greet")
public class GreetRoute implements RouteHandler {

    private static final int BUFFER = 256;

    private final Calc calc;

    @Activate
    public GreetRoute(@Reference NativeBridge bridge) {
        this.calc = bridge.bind("calc", Calc.class);
    }

    @Override
    public void handle(RouteRequest request, RouteResponse response) throws IOException {
        byte[] out = new byte[BUFFER];
        try {
            int needed = calc.calc_greet(request.queryParameter("name").orElse("you"), out, BUFFER);
            int length = Math.max(0, Math.min(needed, BUFFER - 1)); // C truncated it to the buffer, NUL included
            response.text(new String(out, 0, length, StandardCharsets.UTF_8));
        } catch (NativeException e) {
            CalcAnswers.failed(response, e);
        }
    }
}
