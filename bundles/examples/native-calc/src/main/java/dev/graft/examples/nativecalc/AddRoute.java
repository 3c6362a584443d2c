package dev.graft.examples.nativecalc;

import dev.graft.api.nativebridge.NativeBridge;
import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteMapping;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /calc/add?a=&b=}: {@code calc_add} of library {@code calc}, e.g. {@code 5 (libcalc 1)}. */
@Component(service = RouteHandler.class)
@RouteMapping(method = "GET", path = "/calc/add")
public class AddRoute implements RouteHandler {

    private final Calc calc;

    @Activate
    public AddRoute(@Reference NativeBridge bridge) {
        this.calc = bridge.bind("calc", Calc.class);
    }

    @Override
    public void handle(RouteRequest request, RouteResponse response) throws IOException {
        CalcAnswers.binary(request, response, calc, calc::calc_add);
    }
}
