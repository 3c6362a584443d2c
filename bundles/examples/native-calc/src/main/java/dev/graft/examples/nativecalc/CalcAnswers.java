package dev.graft.examples.nativecalc;

import dev.graft.api.FailureCode;
import dev.graft.api.nativebridge.NativeException;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;

/** The example's answers: a native failure as its code's status and JSON body; a bad number as 400. */
final class CalcAnswers {

    private CalcAnswers() {}

    /** @return the query parameter as an int, or null after answering 400 */
    static Integer number(RouteRequest request, RouteResponse response, String name) throws IOException {
        String value = request.queryParameter(name).orElse(null);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            response.status(400).json(FailureCode.E_BAD_REQUEST.errorBody("query parameter " + name + " must be a whole number,"
                    + " e.g. /calc/add?a=2&b=3; got " + (value == null ? "none" : "'" + value + "'")));
            return null;
        }
    }

    static void failed(RouteResponse response, NativeException e) throws IOException {
        int status = e.code().status() == 0 ? 500 : e.code().status();
        response.status(status).json(e.code().errorBody(e.getMessage()));
    }
}
