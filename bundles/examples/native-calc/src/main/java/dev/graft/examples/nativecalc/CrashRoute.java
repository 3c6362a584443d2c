package dev.graft.examples.nativecalc;

import dev.graft.api.nativebridge.NativeBridge;
import dev.graft.api.nativebridge.NativeException;
import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteMapping;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /calc/crash}: calls {@code calc_crash} (a write through a null pointer) in library
 * {@code calc-isolated}, which runs in a worker process: the worker dies, this answers 502
 * {@code E_NATIVE_CRASHED}, Graft keeps serving and the next call starts a new worker.
 */
@Component(service = RouteHandler.class)
@RouteMapping(method = "GET", path = "/calc/crash")
public class CrashRoute implements RouteHandler {

    private final Calc calc;

    @Activate
    public CrashRoute(@Reference NativeBridge bridge) {
        this.calc = bridge.bind("calc-isolated", Calc.class);
    }

    @Override
    public void handle(RouteRequest request, RouteResponse response) throws IOException {
        try {
            calc.calc_crash();
            response.text("calc_crash returned");
        } catch (NativeException e) {
            CalcAnswers.failed(response, e);
        }
    }
}
